//! M003's (doubled-word) search for where a doubled word may start. Python's pattern,
//! `(?<![\w'’-])([^\W\d_]+)([ \t]+)(\1)(?![\w'’-])` ignoring case, tries its look-behind
//! at every character; this scan finds in one pass a superset of the places where it
//! can match, and Python runs the pattern only there. A match starts a run of letters
//! that spaces or tabs follow and then the same run, each character equal to the
//! other's lower case by Python's own simple mapping (what `re` compares a backreference
//! by, handed over as a table). The scan takes "letter" loosely (an ASCII letter or any
//! other character but white space: Python's letters are among them, so a run ends where
//! Python's does, before the gap) and so the character before it (anything but an ASCII
//! word character, an apostrophe or a hyphen), which only ever adds places.

use std::collections::HashMap;

use pyo3::prelude::*;

#[pyclass(frozen)]
pub struct DoubledWords {
    /// Python's simple lower-case mapping of the Basic Multilingual Plane, every
    /// character (a look-up per character: a hash would cost most of the scan).
    bmp: Vec<u32>,
    /// And of the other planes, for the characters it changes.
    astral: HashMap<char, char>,
}

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

#[pymethods]
impl DoubledWords {
    #[new]
    fn new(lower: Vec<(char, char)>) -> Self {
        let mut bmp: Vec<u32> = (0..=u32::from(u16::MAX)).collect();
        let mut astral = HashMap::new();
        for (upper, lower) in lower {
            match u16::try_from(u32::from(upper)) {
                Ok(code) => bmp[usize::from(code)] = u32::from(lower),
                Err(_) => {
                    astral.insert(upper, lower);
                }
            }
        }
        Self { bmp, astral }
    }

    /// The character offsets, in order, where a doubled word may start in `text`.
    fn starts(&self, text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            let starts_run = letter(chars[at]) && (at == 0 || may_precede(chars[at - 1]));
            if !starts_run {
                at += 1;
                continue;
            }
            let mut end = at;
            while end < chars.len() && letter(chars[end]) {
                end += 1;
            }
            let mut next = end;
            while next < chars.len() && gap(chars[next]) {
                next += 1;
            }
            let length = end - at;
            if next > end
                && next + length <= chars.len()
                && (0..length).all(|i| self.fold(chars[at + i]) == self.fold(chars[next + i]))
            {
                found.push(at);
            }
            at += 1;
        }
        found
    }
}

impl DoubledWords {
    fn fold(&self, c: char) -> u32 {
        match u16::try_from(u32::from(c)) {
            Ok(code) => self.bmp[usize::from(code)],
            Err(_) => u32::from(*self.astral.get(&c).unwrap_or(&c)),
        }
    }
}
