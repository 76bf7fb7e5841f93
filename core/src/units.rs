//! The character-level own features of the structure view's units (see `_own` in
//! newslint/structure/features.py): words, shares of title-case words, numbers and
//! function words, the last sign, list and table marks, links, capitals; and, from
//! `markers.rs`'s marker lookups, tail words and date pattern, their columns: a page's
//! units in one call (`unit_features`), the Python glue between those steps having cost
//! more than the steps.
//!
//! Python's str methods have exact Unicode semantics (`split()`, `istitle()`,
//! `isdigit()`, `isupper()`, `isalnum()`, `islower()`), in the Unicode version of the
//! running interpreter: the properties of each character are asked of Python once, by
//! the `classify` callable, and kept; the definitions of the methods over those
//! properties are CPython's (Objects/unicodeobject.c).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;

use pyo3::exceptions::PyZeroDivisionError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PySlice, PyString};

use crate::markers::{str_of, MarkerReader};

/// Properties of a character, as `classify` gives them: Py_UNICODE_ISSPACE, ISUPPER,
/// ISLOWER, ISTITLE, ISDIGIT, ISALNUM, ISDECIMAL, ISALPHA.
pub(crate) const SPACE: u8 = 1;
pub(crate) const UPPER: u8 = 2;
pub(crate) const LOWER: u8 = 4;
const TITLE: u8 = 8;
pub(crate) const DIGIT: u8 = 16;
pub(crate) const ALNUM: u8 = 32;
pub(crate) const DECIMAL: u8 = 64;
pub(crate) const ALPHA: u8 = 128;

/// features.HEAD_CHARS: the characters looked at for the shares of words and signs.
pub(crate) const HEAD_CHARS: usize = 120;
/// The width of an own row (features.OWN).
const OWN_WIDTH: usize = 25;

const BULLETS: &str = "-–—*+•·▪►>o◦‣";
pub(crate) const SENTENCE_END: &str = ".!?…";
const CLOSERS: &str = "\"'”’»)]";
const SEPARATORS: [char; 4] = ['»', '›', '·', '•'];

pub(crate) fn is_in(set: &str, cp: u32) -> bool {
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

/// A page's own rows, markers, word counts and plain-prose flags (see `unit_features`).
pub(crate) type Units = (Vec<Vec<f64>>, Vec<Option<usize>>, Vec<usize>, Vec<bool>);

/// markers.MAX_WORDS: a longer unit is prose, whatever words it starts with.
pub(crate) const MAX_WORDS: usize = 30;
/// features._NOT_PROSE_START: first characters after which a long line is no plain prose.
const NOT_PROSE_START: &str = "-–—*+•·▪►>|[(#@0123456789";
/// markers.Marker indexes the columns read: comments, a signature, the navigation kinds.
const COMMENTS: usize = 0;
const SIGNATURE: usize = 10;
const NAVIGATION_KINDS: [usize; 3] = [1, 6, 7];
/// Columns of an own row (features.OWN) filled from the markers and the date pattern.
const MARKED_COMMENTS: usize = 16;
const MARKED_NAVIGATION: usize = 17;
const MARKED_FURNITURE: usize = 18;
const TAIL_WORDS: usize = 19;
const DATE_TIME: usize = 22;

/// Reads the own features of units for one language's function words.
#[pyclass(frozen)]
pub struct UnitReader {
    pub(crate) words: HashSet<String>,
    pub(crate) coverage: f64,
    classify: Py<PyAny>,
    ascii: [u8; 128],
    /// the properties of the other characters of the Basic Multilingual Plane met,
    /// UNKNOWN until then: read without a lock, as most pages hold some (quotes, dashes)
    plane: Box<[AtomicU8]>,
    others: Mutex<HashMap<u32, u8>>,
}

/// No character has every property (white space is not alphanumeric): the mark of a
/// character of `UnitReader::plane` not yet asked about.
const UNKNOWN: u8 = u8::MAX;
/// The characters of `UnitReader::plane`.
const PLANE: usize = 0x10000;

/// A hasher for a page's texts (FxHash's step over 8 bytes at a time): SipHash, the
/// default, cost as much as the rest of a unit's features on long paragraphs.
#[derive(Default)]
pub(crate) struct TextHasher(u64);

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            let value = u64::from_le_bytes(word);
            self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
            plane: (0..PLANE).map(|_| AtomicU8::new(UNKNOWN)).collect(),
            others: Mutex::new(HashMap::new()),
        })
    }
}

impl UnitReader {
    /// The properties of a character (SPACE, UPPER, ...), asked of Python once.
    pub(crate) fn flags(&self, py: Python<'_>, cp: u32) -> PyResult<u8> {
        if let Some(&known) = self.ascii.get(cp as usize) {
            return Ok(known);
        }
        if let Some(slot) = self.plane.get(cp as usize) {
            let known = slot.load(Ordering::Relaxed);
            if known != UNKNOWN {
                return Ok(known);
            }
            let found: u8 = self.classify.bind(py).call1((cp,))?.extract()?;
            slot.store(found, Ordering::Relaxed);
            return Ok(found);
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

    pub(crate) fn has(&self, py: Python<'_>, cp: u32, flag: u8) -> PyResult<bool> {
        Ok(self.flags(py, cp)? & flag != 0)
    }

    /// `str.split()`: the runs of characters that are not white space.
    pub(crate) fn split<'t>(&self, py: Python<'_>, text: &'t [u32]) -> PyResult<Vec<&'t [u32]>> {
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
        let (found, pieces) = self.function_words_in(py, lowered)?;
        if pieces == 0 {
            return Err(PyZeroDivisionError::new_err("a unit without words"));
        }
        Ok(found as f64 / (pieces as f64 * self.coverage))
    }

    /// How many of the white-space pieces of `lowered` are function words, and how many
    /// pieces it holds.
    pub(crate) fn function_words_in(
        &self,
        py: Python<'_>,
        lowered: &[u32],
    ) -> PyResult<(usize, usize)> {
        let pieces = self.split(py, lowered)?;
        let mut found = 0usize;
        let mut word = String::new();
        for piece in &pieces {
            word.clear();
            // a piece with a lone surrogate is no word of the list (nor is it in Python)
            let whole = piece.iter().all(|&cp| match char::from_u32(cp) {
                Some(c) => {
                    word.push(c);
                    true
                }
                None => false,
            });
            found += usize::from(whole && self.words.contains(word.as_str()));
        }
        Ok((found, pieces.len()))
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
    pub(crate) fn is_title(&self, py: Python<'_>, piece: &[u32]) -> PyResult<bool> {
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

/// Whether `text` holds `needle` (compared element by element from its first: a slice
/// comparison per window called memcmp, which cost more than the features around it).
fn contains(text: &[u32], needle: &str) -> bool {
    let needle: Vec<u32> = needle.chars().map(u32::from).collect();
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    text.windows(needle.len())
        .any(|window| window[0] == first && window[1..].iter().zip(rest).all(|(a, b)| a == b))
}

/// The last character before closing quotes and brackets (features._last_sign).
pub(crate) fn last_sign(text: &[u32]) -> u32 {
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
pub(crate) fn is_list_item(text: &[u32]) -> bool {
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

/// Own rows (features.OWN), markers (markers.Marker indexes), word counts and
/// plain-prose flags of a page's units (features.unit_features; `page.rs` calls it once
/// per page): `texts` (stripped, not empty) and their code `points`, the `markers` of
/// their starts and whether each ends with a comment's `signed` signature (None when
/// the page holds no hint of one), the physical lines each spans (`wraps`), and whether
/// the page may hold `tails` (words of a subscription or legal box). The heads are
/// lower-cased by Python's `str.lower` (in Rust when they are ASCII, where both agree).
#[allow(clippy::too_many_arguments)]
pub(crate) fn page_features(
    py: Python<'_>,
    reader: &UnitReader,
    marker_reader: &MarkerReader,
    texts: &[Bound<'_, PyString>],
    points: &[Vec<u32>],
    markers: &[Option<usize>],
    signed: Option<&[bool]>,
    wraps: &[i64],
    tails: bool,
) -> PyResult<Units> {
    let count = texts.len();
    let mut copies: HashMap<&[u32], usize, BuildHasherDefault<TextHasher>> =
        HashMap::with_capacity_and_hasher(count, Default::default());
    for text in points {
        *copies.entry(text).or_default() += 1;
    }
    let mut rows = Vec::with_capacity(count);
    let mut kinds = Vec::with_capacity(count);
    let mut sizes = Vec::with_capacity(count);
    let mut prose = Vec::with_capacity(count);
    for (index, text) in points.iter().enumerate() {
        let lowered = reader.spaced_head(py, &texts[index], text)?;
        let signature = signed.is_some_and(|flags| flags[index]);
        let plain = reader.plain_prose_unit(py, text, markers[index], signature)?;
        let (mut row, size) = if plain {
            reader.prose_row(py, text, &lowered)?
        } else {
            let repeated = copies[text.as_slice()] > 1;
            reader.own_row(py, text, &lowered, repeated, wraps[index])?
        };
        let mut found = None;
        if !plain {
            // features._mark and _date_columns
            found = if size <= MAX_WORDS { markers[index] } else { None };
            if found.is_none() && signature {
                found = Some(SIGNATURE);
            }
            if let Some(kind) = found {
                let navigation = NAVIGATION_KINDS.contains(&kind);
                row[MARKED_COMMENTS] = f64::from(u8::from(kind == COMMENTS));
                row[MARKED_NAVIGATION] = f64::from(u8::from(navigation));
                row[MARKED_FURNITURE] = f64::from(u8::from(!navigation && kind != COMMENTS));
            }
            let head = str_of(&lowered);
            if tails && marker_reader.tail_marker_of(py, &head)? {
                row[TAIL_WORDS] = 1.0;
            }
            if row[DATE_TIME] != 0.0 && !marker_reader.date_of(py, &head)? {
                row[DATE_TIME] = 0.0;
            }
        }
        rows.push(row);
        kinds.push(found);
        sizes.push(size);
        prose.push(plain);
    }
    Ok((rows, kinds, sizes, prose))
}

impl UnitReader {
    /// `text[:HEAD_CHARS].lower()`, a space put after each apostrophe (elided function
    /// words, "l'", "d’", are words): in Rust for an ASCII head, by Python otherwise.
    fn spaced_head(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        points: &[u32],
    ) -> PyResult<Vec<u32>> {
        let head = &points[..points.len().min(HEAD_CHARS)];
        let lowered = if head.iter().all(|&cp| cp < 0x80) {
            head.iter()
                .map(|&cp| u32::from((cp as u8).to_ascii_lowercase()))
                .collect()
        } else {
            let slice = PySlice::new(py, 0, HEAD_CHARS as isize, 1);
            let head = text.as_any().get_item(slice)?.call_method0("lower")?;
            code_points(head.cast::<PyString>()?)?
        };
        let mut spaced = Vec::with_capacity(lowered.len() + 4);
        for cp in lowered {
            spaced.push(cp);
            if cp == u32::from('\'') || cp == u32::from('’') {
                spaced.push(u32::from(' '));
            }
        }
        Ok(spaced)
    }

    /// A unit of plain prose (features._plain_prose_unit): long, starts and ends like a
    /// sentence (features._plain_prose), no page-furniture words at its start (`found`,
    /// when it has fewer than MAX_WORDS spaces), no comment signature at its end.
    fn plain_prose_unit(
        &self,
        py: Python<'_>,
        text: &[u32],
        found: Option<usize>,
        signature: bool,
    ) -> PyResult<bool> {
        if text.len() <= HEAD_CHARS {
            return Ok(false);
        }
        let first = text[0];
        if is_in(NOT_PROSE_START, first)
            || self.has(py, first, LOWER)?
            || !is_in(SENTENCE_END, last_sign(text))
        {
            return Ok(false);
        }
        Ok(!(signature || found.is_some() && count_of(text, ' ') < MAX_WORDS))
    }
}
