//! The structure view's units of a page, from their texts to what the line model reads,
//! in one call per page (`page_units`, called by `page_units` in
//! newslint/structure/__init__.py): the markers of their starts and the comment
//! signatures of their ends (what `page_marks` computed), whether the page is plainly an
//! article and need not be scored (`plainly_article`), and otherwise the own features
//! of its units (`units.rs`). The Python glue between those steps (lower-casing each
//! unit, lists of markers back and forth) cost more than the steps; the Python
//! definitions it replaced are the oracle of tests/test_page_parity.py
//! (tests/page_oracle.py), whose functions each step here names.
//!
//! Lower-casing is Python's `str.lower`, asked of Python for a text that is not ASCII
//! (where Rust's and Python's Unicode tables may differ, and "Σ" lowers by context), and
//! always of the same slice Python lowered: `text[:120].lower()` is not
//! `text.lower()[:120]` when a character lengthens ("İ") or a final sigma is cut.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PySlice, PyString};

use crate::markers::{str_of, MarkerReader, SIGNATURE_TAIL};
use crate::units::{
    code_points, is_in, is_list_item, last_sign, page_features, UnitReader, Units, ALNUM,
    HEAD_CHARS, MAX_WORDS, SENTENCE_END,
};

/// markers.Marker.ABOUT, the one kind whose heading must name something.
const ABOUT: usize = 8;
/// plainly_article's head_window: units above the first paragraph of prose that may be
/// headline, byline and date.
const HEAD_WINDOW: usize = 4;
/// page_oracle._prose: a unit shorter than this (in characters) is no paragraph of prose.
const PROSE_MIN_CHARS: usize = 100;
/// ... nor one of fewer words than this in its head.
const PROSE_MIN_WORDS: usize = 12;

/// `text[start:end].lower()`: in Rust for ASCII, where both agree, by Python otherwise.
fn lowered(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    points: &[u32],
    start: usize,
    end: usize,
) -> PyResult<Vec<u32>> {
    let slice = &points[start..end];
    if slice.iter().all(|&cp| cp < 0x80) {
        return Ok(slice
            .iter()
            .map(|&cp| u32::from((cp as u8).to_ascii_lowercase()))
            .collect());
    }
    let piece = if start == 0 && end == points.len() {
        text.clone()
    } else {
        let range = PySlice::new(py, start as isize, end as isize, 1);
        text.as_any().get_item(range)?.cast_into::<PyString>()?
    };
    code_points(piece.call_method0("lower")?.cast::<PyString>()?)
}

/// What page_oracle.page_marks computes of a page: the marker of each unit (None for a
/// unit of more than MAX_WORDS spaces and HEAD_CHARS characters, which is not asked),
/// and whether each ends with a comment's signature (None: the page holds no hint of
/// one, nothing is asked).
struct Marks {
    markers: Vec<Option<usize>>,
    signed: Option<Vec<bool>>,
}

fn page_marks(
    py: Python<'_>,
    reader: &UnitReader,
    marker_reader: &MarkerReader,
    texts: &[Bound<'_, PyString>],
    points: &[Vec<u32>],
    signatures: bool,
) -> PyResult<Marks> {
    let mut markers = Vec::with_capacity(texts.len());
    for (text, units) in texts.iter().zip(points) {
        let spaces = units.iter().filter(|&&cp| cp == u32::from(' ')).count();
        let asked = units.len() <= HEAD_CHARS || spaces < MAX_WORDS;
        let found = if asked {
            let lower = lowered(py, text, units, 0, units.len())?;
            marker_reader.marker_of(py, &str_of(&lower))?
        } else {
            None
        };
        markers.push(match found {
            Some(ABOUT) if !names_something(py, reader, marker_reader, text, units)? => None,
            other => other,
        });
    }
    let signed = if signatures {
        let mut signed = Vec::with_capacity(texts.len());
        for (text, units) in texts.iter().zip(points) {
            let start = units.len().saturating_sub(SIGNATURE_TAIL);
            let tail = lowered(py, text, units, start, units.len())?;
            signed.push(marker_reader.signed_of(py, &str_of(&tail))?);
        }
        Some(signed)
    } else {
        None
    };
    Ok(Marks { markers, signed })
}

/// markers._named: an "About" heading names something ("About Acme Inc.", "Sobre a
/// Acme"), not "About this rating": a word after it in title case, or a first word
/// after it that starts no name.
fn names_something(
    py: Python<'_>,
    reader: &UnitReader,
    marker_reader: &MarkerReader,
    text: &Bound<'_, PyString>,
    points: &[u32],
) -> PyResult<bool> {
    let pieces = reader.split(py, points)?;
    let rest = pieces.get(1..).unwrap_or_default();
    for piece in rest {
        if reader.is_title(py, piece)? {
            return Ok(true);
        }
    }
    let Some(first) = rest.first() else {
        return Ok(false);
    };
    // the piece's offset in the text, to lower the same slice Python lowers
    let start = first.as_ptr() as usize - points.as_ptr() as usize;
    let start = start / std::mem::size_of::<u32>();
    let word = str_of(&lowered(py, text, points, start, start + first.len())?);
    Ok(!marker_reader.not_a_name.contains(&word))
}

/// page_oracle._prose: a sentence-long unit of running text that ends a sentence (of
/// at least PROSE_MIN_WORDS words in its head, function words at least half as common
/// as in the language's running text).
fn is_prose(
    py: Python<'_>,
    reader: &UnitReader,
    text: &Bound<'_, PyString>,
    points: &[u32],
) -> PyResult<bool> {
    if points.len() < PROSE_MIN_CHARS || !is_in(SENTENCE_END, last_sign(points)) {
        return Ok(false);
    }
    let head = lowered(py, text, points, 0, points.len().min(HEAD_CHARS))?;
    let (found, pieces) = reader.function_words_in(py, &head)?;
    // as Python computes it: sum / len, compared with 0.5 * coverage
    let share = found as f64 / pieces as f64;
    Ok(pieces >= PROSE_MIN_WORDS && share >= 0.5 * reader.coverage)
}

/// page_oracle._residue: a row of a table, or a unit without a letter or a digit.
fn is_residue(py: Python<'_>, reader: &UnitReader, points: &[u32]) -> PyResult<bool> {
    if points.contains(&u32::from('|')) {
        return Ok(true);
    }
    for &cp in points {
        if reader.has(py, cp, ALNUM)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// page_oracle.plainly_article: no unit is page furniture, no two end with a comment's
/// signature, a paragraph of prose comes within the first HEAD_WINDOW units, and after
/// the last one no list item, no row of a table, no unit without a letter and, there
/// and in the last three units, no words of a subscription, follow or legal box.
fn plainly_article(
    py: Python<'_>,
    reader: &UnitReader,
    marker_reader: &MarkerReader,
    texts: &[Bound<'_, PyString>],
    points: &[Vec<u32>],
    marks: &Marks,
) -> PyResult<bool> {
    if marks.markers.iter().any(Option::is_some) {
        return Ok(false);
    }
    if marks
        .signed
        .as_ref()
        .is_some_and(|signed| signed.iter().filter(|&&s| s).count() >= 2)
    {
        return Ok(false); // a thread of signed comments
    }
    let mut first = None;
    for (index, (text, units)) in texts.iter().zip(points).enumerate() {
        if is_prose(py, reader, text, units)? {
            first = Some(index);
            break;
        }
    }
    match first {
        Some(index) if index <= HEAD_WINDOW => {}
        _ => return Ok(false),
    }
    let mut last = 0;
    for index in (0..texts.len()).rev() {
        if is_prose(py, reader, &texts[index], &points[index])? {
            last = index;
            break;
        }
    }
    for units in &points[last + 1..] {
        if is_list_item(units) || is_residue(py, reader, units)? {
            return Ok(false);
        }
    }
    // texts[min(last + 1, len - 3):], a negative start counting from the end as in Python
    let count = texts.len() as isize;
    let start = (last as isize + 1).min(count - 3);
    let start = if start < 0 {
        (count + start).max(0)
    } else {
        start
    } as usize;
    for (text, units) in texts.iter().zip(points).skip(start) {
        let lower = lowered(py, text, units, 0, units.len())?;
        if marker_reader.tail_marker_of(py, &str_of(&lower))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The units of a page (structure.page_units): `texts` (stripped, hard-wrapped lines
/// joined, none empty), the physical lines each spans (`wraps`), whether the page may
/// hold comment `signatures` and `tails` (words of a subscription or legal box: the
/// page's hints), and whether a page that is plainly an article is left unscored
/// (`shortcut`). None for such a page; else, as `unit_features`, the own rows, markers,
/// word counts and plain-prose flags of its units.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn page_units(
    py: Python<'_>,
    reader: PyRef<'_, UnitReader>,
    marker_reader: PyRef<'_, MarkerReader>,
    texts: Vec<Bound<'_, PyString>>,
    wraps: Vec<i64>,
    signatures: bool,
    tails: bool,
    shortcut: bool,
) -> PyResult<Option<Units>> {
    if wraps.len() != texts.len() {
        return Err(PyValueError::new_err("one count of lines per unit"));
    }
    let points = texts
        .iter()
        .map(code_points)
        .collect::<PyResult<Vec<_>>>()?;
    if points.iter().any(Vec::is_empty) {
        return Err(PyValueError::new_err("a unit is empty"));
    }
    let marks = page_marks(py, &reader, &marker_reader, &texts, &points, signatures)?;
    if shortcut && plainly_article(py, &reader, &marker_reader, &texts, &points, &marks)? {
        return Ok(None);
    }
    let units = page_features(
        py,
        &reader,
        &marker_reader,
        &texts,
        &points,
        &marks.markers,
        marks.signed.as_deref(),
        &wraps,
        tails,
    )?;
    Ok(Some(units))
}
