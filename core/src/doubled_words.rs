//! M003's (doubled-word) search for where a doubled word may start. Python's pattern,
//! `(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])` ignoring case, tries its look-behind
//! at every character; this scan finds in one pass a superset of the places where it
//! can match, and Python runs the pattern only there. A match starts a run of letters
//! that spaces or tabs follow and then the same run, character by character equal in
//! simple lower case (what `re` compares a backreference by). The scan takes "letter"
//! loosely (an ASCII letter or any other character but white space: Python's letters are
//! among them, so a run ends where Python's does, before the gap) and so the character
//! before it (anything but an ASCII word character, an apostrophe or a hyphen), which
//! only ever adds places.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

#[pyclass(frozen)]
pub struct DoubledWords;

fn letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !c.is_whitespace()
    }
}

fn may_precede(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || c == '_' || c == '\'' || c == '-' || c == '\u{2019}')
}

fn gap(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The simple lower case of `c`, as Python's `re` compares a backreference ignoring
/// case: the one-character full lower case (the Unicode tables of this Rust, at least
/// as recent as Python's, which the constructor checks: a character cased only in the
/// newer tables may only add places), and "İ" lowers to "i" (its full lower case adds
/// a combining dot).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

fn same(first: char, second: char) -> bool {
    first == second || fold(first) == fold(second)
}

#[pymethods]
impl DoubledWords {
    /// `python_unicode`: the version of Python's Unicode database; a ValueError when this
    /// crate's tables are older (a letter cased in Python's only would be missed).
    #[new]
    fn new(python_unicode: (u8, u8, u8)) -> PyResult<Self> {
        if char::UNICODE_VERSION < python_unicode {
            let (major, minor, update) = char::UNICODE_VERSION;
            return Err(PyValueError::new_err(format!(
                "the core's Unicode tables ({major}.{minor}.{update}) are older than Python's"
            )));
        }
        Ok(Self)
    }

    /// The character offsets, in order, where a doubled word may start in `text`.
    fn starts(&self, text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        // The run of letters the scan is in, and the end of the gap after it: a run that
        // starts inside another (after a non-ASCII letter) ends where that one does.
        let (mut end, mut next) = (0, 0);
        for at in 0..chars.len() {
            if !letter(chars[at]) || (at > 0 && !may_precede(chars[at - 1])) {
                continue;
            }
            if at >= end {
                end = at;
                while end < chars.len() && letter(chars[end]) {
                    end += 1;
                }
                next = end;
                while next < chars.len() && gap(chars[next]) {
                    next += 1;
                }
            }
            let length = end - at;
            if next > end
                && next + length <= chars.len()
                && (0..length).all(|i| same(chars[at + i], chars[next + i]))
            {
                found.push(at);
            }
        }
        found
    }
}
