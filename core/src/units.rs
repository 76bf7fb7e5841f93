//! The character-level own features of the structure view's units (see `_own` in
//! newslint/structure/features.py): words, shares of title-case words, numbers and
//! function words, the last sign, list and table marks, links, capitals. The marker
//! lookups and the date pattern are `markers.rs`'s; features.py fills their columns.
//!
//! Python's str methods have exact Unicode semantics (`split()`, `istitle()`,
//! `isdigit()`, `isupper()`, `isalnum()`, `islower()`), in the Unicode version of the
//! running interpreter: the properties of each character are asked of Python once, by
//! the `classify` callable, and kept; the definitions of the methods over those
//! properties are CPython's (Objects/unicodeobject.c).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use pyo3::exceptions::{PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// Properties of a character, as `classify` gives them: Py_UNICODE_ISSPACE, ISUPPER,
/// ISLOWER, ISTITLE, ISDIGIT, ISALNUM, ISDECIMAL, ISALPHA.
pub(crate) const SPACE: u8 = 1;
pub(crate) const UPPER: u8 = 2;
const LOWER: u8 = 4;
const TITLE: u8 = 8;
pub(crate) const DIGIT: u8 = 16;
const ALNUM: u8 = 32;
pub(crate) const DECIMAL: u8 = 64;
pub(crate) const ALPHA: u8 = 128;

/// features.HEAD_CHARS: the characters looked at for the shares of words and signs.
const HEAD_CHARS: usize = 120;
/// The width of an own row (features.OWN).
const OWN_WIDTH: usize = 25;

const BULLETS: &str = "-–—*+•·▪►>o◦‣";
const SENTENCE_END: &str = ".!?…";
const CLOSERS: &str = "\"'”’»)]";
const SEPARATORS: [char; 4] = ['»', '›', '·', '•'];

fn is_in(set: &str, cp: u32) -> bool {
    char::from_u32(cp).is_some_and(|c| set.contains(c))
}

/// The code points of a Python str, lone surrogates included (which a Rust str cannot
/// hold: such a str is read through UTF-32 with "surrogatepass").
pub(crate) fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    if let Ok(plain) = text.to_str() {
        return Ok(plain.chars().map(u32::from).collect());
    }
    let encoded = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// A page's own rows (see `UnitReader.own_rows`).
type OwnRows = (Vec<Vec<f64>>, Vec<usize>);

/// Reads the own features of units for one language's function words.
#[pyclass(frozen)]
pub struct UnitReader {
    words: HashSet<String>,
    coverage: f64,
    classify: Py<PyAny>,
    ascii: [u8; 128],
    others: Mutex<HashMap<u32, u8>>,
}

#[pymethods]
impl UnitReader {
    /// `words`: the function words (lower case, with their trailing signs); `coverage`:
    /// their share of running text; `classify(code point) -> int`: the properties of a
    /// character (the constants above), from Python's own str methods.
    #[new]
    fn new(
        py: Python<'_>,
        words: HashSet<String>,
        coverage: f64,
        classify: Py<PyAny>,
    ) -> PyResult<Self> {
        let mut ascii = [0u8; 128];
        for (code, slot) in ascii.iter_mut().enumerate() {
            *slot = classify.bind(py).call1((code,))?.extract()?;
        }
        Ok(Self {
            words,
            coverage,
            classify,
            ascii,
            others: Mutex::new(HashMap::new()),
        })
    }

    /// Own rows (features.OWN) and word counts of a page's units: `texts` (stripped, not
    /// empty), `lowered` (each text's first HEAD_CHARS characters lower-cased, a space
    /// put after each apostrophe), whether each is `plain` prose (its row holds only
    /// words, function-word share and ending), `repeated` in the page, and the physical
    /// lines each spans. Marker columns are 0.0; the date column is 1.0 where the head
    /// holds an ASCII digit (the date pattern, `markers.rs`, decides).
    fn own_rows(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        lowered: Vec<Bound<'_, PyString>>,
        plain: Vec<bool>,
        repeated: Vec<bool>,
        wraps: Vec<i64>,
    ) -> PyResult<OwnRows> {
        let count = texts.len();
        if [lowered.len(), plain.len(), repeated.len(), wraps.len()] != [count; 4] {
            return Err(PyValueError::new_err(
                "the lists of a page's units differ in length",
            ));
        }
        let mut rows = Vec::with_capacity(count);
        let mut sizes = Vec::with_capacity(count);
        for index in 0..count {
            let text = code_points(&texts[index])?;
            if text.is_empty() {
                return Err(PyValueError::new_err("a unit is empty"));
            }
            let low = code_points(&lowered[index])?;
            let (row, size) = match plain[index] {
                true => self.prose_row(py, &text, &low)?,
                false => self.own_row(py, &text, &low, repeated[index], wraps[index])?,
            };
            rows.push(row);
            sizes.push(size);
        }
        Ok((rows, sizes))
    }
}

impl UnitReader {
    /// The properties of a character (SPACE, UPPER, ...), asked of Python once.
    pub(crate) fn flags(&self, py: Python<'_>, cp: u32) -> PyResult<u8> {
        if let Some(&known) = self.ascii.get(cp as usize) {
            return Ok(known);
        }
        let mut others = self
            .others
            .lock()
            .expect("the cache of character properties");
        if let Some(&known) = others.get(&cp) {
            return Ok(known);
        }
        let found: u8 = self.classify.bind(py).call1((cp,))?.extract()?;
        others.insert(cp, found);
        Ok(found)
    }

    fn has(&self, py: Python<'_>, cp: u32, flag: u8) -> PyResult<bool> {
        Ok(self.flags(py, cp)? & flag != 0)
    }

    /// `str.split()`: the runs of characters that are not white space.
    fn split<'t>(&self, py: Python<'_>, text: &'t [u32]) -> PyResult<Vec<&'t [u32]>> {
        let mut pieces = Vec::new();
        let mut start = None;
        for (index, &cp) in text.iter().enumerate() {
            let space = self.has(py, cp, SPACE)?;
            match (space, start) {
                (true, Some(from)) => {
                    pieces.push(&text[from..index]);
                    start = None;
                }
                (false, None) => start = Some(index),
                _ => {}
            }
        }
        if let Some(from) = start {
            pieces.push(&text[from..]);
        }
        Ok(pieces)
    }

    /// The share of function words among the pieces of `lowered`, over the coverage.
    fn function_share(&self, py: Python<'_>, lowered: &[u32]) -> PyResult<f64> {
        let pieces = self.split(py, lowered)?;
        if pieces.is_empty() {
            return Err(PyZeroDivisionError::new_err("a unit without words"));
        }
        let mut found = 0usize;
        for piece in &pieces {
            // a piece with a lone surrogate is no word of the list
            let word: Option<String> = piece.iter().map(|&cp| char::from_u32(cp)).collect();
            found += usize::from(word.is_some_and(|w| self.words.contains(&w)));
        }
        Ok(found as f64 / (pieces.len() as f64 * self.coverage))
    }

    /// The row of a unit of plain prose (features._prose_row).
    fn prose_row(
        &self,
        py: Python<'_>,
        text: &[u32],
        lowered: &[u32],
    ) -> PyResult<(Vec<f64>, usize)> {
        let size = count_of(text, ' ') + 1;
        let share = self.function_share(py, lowered)?;
        let mut row = vec![0.0; OWN_WIDTH];
        row[0] = (size as f64).ln_1p();
        row[1] = if share < 2.0 { share } else { 2.0 };
        row[2] = 1.0; // sentence_end
        Ok((row, size))
    }

    /// The own row of a unit (features._own, but for the markers and the date pattern).
    fn own_row(
        &self,
        py: Python<'_>,
        text: &[u32],
        lowered: &[u32],
        repeated: bool,
        lines: i64,
    ) -> PyResult<(Vec<f64>, usize)> {
        let head = &text[..text.len().min(HEAD_CHARS)];
        let pieces = self.split(py, head)?;
        let size = if text.len() > HEAD_CHARS {
            count_of(text, ' ') + 1
        } else {
            pieces.len()
        };
        let share = self.function_share(py, lowered)?;
        let words = pieces.len() as f64;
        let last = last_sign(text);
        let first = text[0];
        let mut titles = 0usize;
        let mut numbers = 0usize;
        for piece in &pieces {
            titles += usize::from(self.is_title(py, piece)?);
            numbers += usize::from(self.is_digit(py, piece)?);
        }
        let mut any_alnum = false;
        for &cp in head {
            if self.has(py, cp, ALNUM)? {
                any_alnum = true;
                break;
            }
        }
        let link = contains(head, "://") || contains(head, "www.") || contains(head, "@");
        let separators: usize = SEPARATORS.iter().map(|&c| count_of(head, c)).sum();
        let flag = |value: bool| if value { 1.0 } else { 0.0 };
        let row = vec![
            (size as f64).ln_1p(),
            if share < 2.0 { share } else { 2.0 },
            flag(is_in(SENTENCE_END, last)),
            flag(last == u32::from(':')),
            flag(self.has(py, last, ALNUM)?),
            flag(is_list_item(text)),
            titles as f64 / words,
            flag(self.is_upper(py, head)?),
            numbers as f64 / words,
            flag(link),
            count_of(head, '|').min(3) as f64,
            flag(self.has(py, first, LOWER)?),
            count_of(head, ',') as f64 / words,
            flag(repeated),
            flag(size <= 3),
            flag(first == u32::from('[') || first == u32::from('(')),
            0.0, // marked_comments: the markers (markers.rs)
            0.0, // marked_navigation
            0.0, // marked_furniture
            0.0, // tail_words: the markers (markers.rs)
            ((lines - 1) as f64).ln_1p(),
            flag(!any_alnum),
            flag(head.iter().any(|&cp| (0x30..=0x39).contains(&cp))), // date_time, if a digit
            separators.min(3) as f64,
            flag(last == u32::from('?')),
        ];
        debug_assert_eq!(row.len(), OWN_WIDTH);
        Ok((row, size))
    }

    /// `str.istitle()`: upper- and title-case characters only after uncased ones,
    /// lower-case ones only after cased ones, and at least one cased character.
    fn is_title(&self, py: Python<'_>, piece: &[u32]) -> PyResult<bool> {
        let mut cased = false;
        let mut previous_cased = false;
        for &cp in piece {
            let flags = self.flags(py, cp)?;
            if flags & (UPPER | TITLE) != 0 {
                if previous_cased {
                    return Ok(false);
                }
                previous_cased = true;
                cased = true;
            } else if flags & LOWER != 0 {
                if !previous_cased {
                    return Ok(false);
                }
                previous_cased = true;
                cased = true;
            } else {
                previous_cased = false;
            }
        }
        Ok(cased)
    }

    /// `str.isdigit()` of a piece (never empty).
    fn is_digit(&self, py: Python<'_>, piece: &[u32]) -> PyResult<bool> {
        for &cp in piece {
            if !self.has(py, cp, DIGIT)? {
                return Ok(false);
            }
        }
        Ok(!piece.is_empty())
    }

    /// `str.isupper()`: no lower- or title-case character and at least one upper-case.
    fn is_upper(&self, py: Python<'_>, text: &[u32]) -> PyResult<bool> {
        if let [only] = text {
            return self.has(py, *only, UPPER);
        }
        let mut cased = false;
        for &cp in text {
            let flags = self.flags(py, cp)?;
            if flags & (LOWER | TITLE) != 0 {
                return Ok(false);
            }
            cased |= flags & UPPER != 0;
        }
        Ok(cased)
    }
}

fn count_of(text: &[u32], sign: char) -> usize {
    let sign = u32::from(sign);
    text.iter().filter(|&&cp| cp == sign).count()
}

fn contains(text: &[u32], needle: &str) -> bool {
    let needle: Vec<u32> = needle.chars().map(u32::from).collect();
    text.windows(needle.len())
        .any(|window| window == needle.as_slice())
}

/// The last character before closing quotes and brackets (features._last_sign).
fn last_sign(text: &[u32]) -> u32 {
    let n = text.len();
    let last = text[n - 1];
    if is_in(CLOSERS, last) && n > 2 {
        return if is_in(CLOSERS, text[n - 2]) {
            text[n - 3]
        } else {
            text[n - 2]
        };
    }
    last
}

/// Starts like an item of a list: a bullet and a space or tab, "1. ", "12) "
/// (features._is_list_item).
fn is_list_item(text: &[u32]) -> bool {
    let first = text[0];
    let at = |index: usize| text.get(index).copied();
    if is_in(BULLETS, first) {
        return matches!(at(1), Some(0x20 | 0x09));
    }
    let digit = |cp: u32| (0x30..=0x39).contains(&cp);
    if !digit(first) {
        return false;
    }
    let digits = text.iter().take(4).take_while(|&&cp| digit(cp)).count();
    digits < 3 && matches!(at(digits), Some(0x2E | 0x29)) && at(digits + 1) == Some(0x20)
}
