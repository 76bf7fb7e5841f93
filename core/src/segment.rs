//! The structure view's segmentation of a page (see newslint/structure/__init__.py,
//! `assemble`): from the units' own rows, log-odds, word counts and markers to the part
//! of each line, the article body and the blocks outside it, in one call per page, where
//! Python spent more on glue than on the work. The Python definitions it replaced
//! (`lines_of`, segment.py and sections.py of newslint/structure) are kept as the oracle
//! of tests/test_segment_parity.py (tests/sections_oracle.py, tests/segment_oracle.py):
//! each function here names the one it follows there, which says what it does and why.
//!
//! The character tests are Python's str methods (`isdigit()`, `isalpha()`,
//! `isupper()`, `split()`), read from the properties `UnitReader` asks of Python; the
//! lower-casing before the tail-word and footer patterns is Python's own `str.lower`;
//! sums of floats are Python's `sum` (compensated from 3.12 on).

use std::cell::OnceCell;
use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::markers::MarkerReader;
use crate::structure::{compensated_sum, python_sum};
use crate::units::{code_points, UnitReader, ALPHA, DECIMAL, DIGIT, SPACE, UPPER};

/// markers.Marker, in its order (the core's marker indexes).
const COMMENTS: usize = 0;
const RELATED: usize = 1;
const SHARE: usize = 2;
const SUBSCRIBE: usize = 3;
const LEGAL: usize = 4;
const CREDIT: usize = 5;
const NAVIGATION_MARK: usize = 6;
const TAGS: usize = 7;
const ABOUT: usize = 8;
const CMS: usize = 9;
const SIGNATURE: usize = 10;

/// paragraphs.Part, in its order.
const BODY: u8 = 0;
const PART_COMMENTS: u8 = 1;
const NAVIGATION: u8 = 2;
const FURNITURE: u8 = 3;
const OTHER: u8 = 4;

/// Indexes in an own row (features.OWN).
const FUNCTION_SHARE: usize = 1;
const SENTENCE_END: usize = 2;
const COLON_END: usize = 3;
const LIST_ITEM: usize = 5;
const TITLE_SHARE: usize = 6;
const NUMBER_SHARE: usize = 8;
const LINK: usize = 9;
const PIPES: usize = 10;
const REPEATED: usize = 13;
const NO_LETTER: usize = 21;
const DATE_TIME: usize = 22;
const SEPARATORS: usize = 23;
const QUESTION_END: usize = 24;
const OWN_WIDTH: usize = 25;

/// The thresholds, in the order of paragraphs.DEFAULTS.
const CLIP: usize = 0;
const BRIDGE: usize = 1;
const MIN_CORE_WEIGHT: usize = 2;
const TAIL_SHARE: usize = 3;
const PROSE_MIN: usize = 4;
const PROSE_FLOOR: usize = 5;
const HEAD_WINDOW: usize = 6;
const HEAD_MIN: usize = 7;
const TAIL_MAX: usize = 8;
const INSIDE_MAX_LOG_ODDS: usize = 9;
const INSIDE_MIN: usize = 10;
const OTHER_MAX: usize = 11;
const THRESHOLDS: usize = 12;

/// sections.ARTICLE_LIST_SHARE, sections.SHORT.
const ARTICLE_LIST_SHARE: f64 = 1.0 / 3.0;
const SHORT: usize = 4;
/// sections._INVISIBLE: characters that show nothing.
const INVISIBLE: &str = "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}";
/// sections._ENUMERATION's leading signs (and `\s`).
const ENUMERATION_SIGNS: &str = "-–—*+•·▪►>◦‣";
/// What sections._headline_like strips before its capital.
const HEADLINE_LEAD: &str = "-–—*+•·▪►>o◦‣ \t";

fn is_in(set: &str, cp: u32) -> bool {
    char::from_u32(cp).is_some_and(|c| set.contains(c))
}

fn furniture_marker(found: usize) -> bool {
    matches!(found, SHARE | SUBSCRIBE | LEGAL | CREDIT | ABOUT | CMS)
}

fn navigation_marker(found: Option<usize>) -> bool {
    matches!(found, Some(RELATED | NAVIGATION_MARK | TAGS))
}

fn comment_marker(found: Option<usize>) -> bool {
    matches!(found, Some(COMMENTS | SIGNATURE))
}

/// sections.kind_of: the part of a marked paragraph, `default` for an unmarked one.
fn kind_of(found: Option<usize>, default: u8) -> u8 {
    match found {
        Some(COMMENTS | SIGNATURE) => PART_COMMENTS,
        Some(kind) if furniture_marker(kind) => FURNITURE,
        Some(RELATED | NAVIGATION_MARK | TAGS) => NAVIGATION,
        _ => default,
    }
}

/// The paragraphs of a page as the segmentation reads them (paragraphs.Lines).
struct Lines<'a, 'py> {
    py: Python<'py>,
    reader: &'a UnitReader,
    marker_reader: &'a MarkerReader,
    texts: &'a [Bound<'py, PyString>],
    rows: &'a [Vec<f64>],
    /// the model's, raised to the prose floor for running prose (lines_of)
    log_odds: Vec<f64>,
    sizes: &'a [usize],
    markers: &'a [Option<usize>],
    prose_min: f64,
    thread: bool,
    compensated: bool,
    /// each text's code points, read on first use
    points: Vec<OnceCell<Vec<u32>>>,
    /// furniture_words of each paragraph, on first use
    furniture: Vec<OnceCell<bool>>,
}

impl<'py> Lines<'_, 'py> {
    fn len(&self) -> usize {
        self.texts.len()
    }

    fn feature(&self, index: usize, column: usize) -> f64 {
        self.rows[index][column]
    }

    /// A feature as Python's truth reads a float: anything but zero.
    fn has(&self, index: usize, column: usize) -> bool {
        self.rows[index][column] != 0.0
    }

    fn is_list_item(&self, index: usize) -> bool {
        self.rows[index][LIST_ITEM] > 0.0
    }

    fn ends_with_colon(&self, index: usize) -> bool {
        self.rows[index][COLON_END] > 0.0
    }

    fn is_prose(&self, index: usize) -> bool {
        self.log_odds[index] >= self.prose_min && self.sizes[index] >= 12
    }

    /// The marker of a paragraph; a comment signature counts in a thread only.
    fn marker(&self, index: usize) -> Option<usize> {
        match self.markers[index] {
            Some(SIGNATURE) if !self.thread => Some(CREDIT),
            found => found,
        }
    }

    fn text(&self, index: usize) -> PyResult<&[u32]> {
        if let Some(points) = self.points[index].get() {
            return Ok(points);
        }
        let points = code_points(&self.texts[index])?;
        Ok(self.points[index].get_or_init(|| points))
    }

    fn flags(&self, cp: u32) -> PyResult<u8> {
        self.reader.flags(self.py, cp)
    }

    /// Marked, or holding words of a subscription, follow or legal box.
    fn furniture_words(&self, index: usize) -> PyResult<bool> {
        if let Some(&known) = self.furniture[index].get() {
            return Ok(known);
        }
        let found = self.marker(index).is_some() || {
            let lowered = self.texts[index].call_method0("lower")?;
            self.marker_reader
                .tail_marker(self.py, lowered.cast::<PyString>()?)?
        };
        Ok(*self.furniture[index].get_or_init(|| found))
    }

    /// Any character of `text` with one of the properties `flag`.
    fn any_with(&self, text: &[u32], flag: u8) -> PyResult<bool> {
        for &cp in text {
            if self.flags(cp)? & flag != 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `any(char.isdigit() for char in text)` (sections._has_figures).
    fn has_figures(&self, text: &[u32]) -> PyResult<bool> {
        self.any_with(text, DIGIT)
    }

    /// The words of `text` as `str.split()` counts them.
    fn word_count(&self, text: &[u32]) -> PyResult<usize> {
        let mut count = 0;
        let mut in_word = false;
        for &cp in text {
            let space = self.flags(cp)? & SPACE != 0;
            if !space && !in_word {
                count += 1;
            }
            in_word = !space;
        }
        Ok(count)
    }
}

/// The part of each line of a page, the body, and the blocks outside it (see
/// `structure.assemble`): `texts`, `rows` (features.OWN), `log_odds`, `sizes` and
/// `markers` (markers.Marker indexes) are the units'; `groups` the (first, last) lines
/// of each unit, `thresholds` the segmentation's (in the order of
/// paragraphs.DEFAULTS). Returns the parts (paragraphs.Part indexes) of the lines, the
/// (first, last) lines of the body, and the (part, first, last) of each block.
#[pyfunction]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub fn page_parts(
    py: Python<'_>,
    reader: PyRef<'_, UnitReader>,
    marker_reader: PyRef<'_, MarkerReader>,
    texts: Vec<Bound<'_, PyString>>,
    rows: Vec<Vec<f64>>,
    log_odds: Vec<f64>,
    sizes: Vec<usize>,
    markers: Vec<Option<usize>>,
    groups: Vec<(usize, usize)>,
    thresholds: Vec<f64>,
) -> PyResult<(Vec<u8>, Option<(usize, usize)>, Vec<(u8, usize, usize)>)> {
    let count = texts.len();
    if [
        rows.len(),
        log_odds.len(),
        sizes.len(),
        markers.len(),
        groups.len(),
    ] != [count; 5]
    {
        return Err(PyValueError::new_err(
            "the lists of a page's units differ in length",
        ));
    }
    if thresholds.len() != THRESHOLDS || rows.iter().any(|row| row.len() != OWN_WIDTH) {
        return Err(PyValueError::new_err("thresholds or rows of another shape"));
    }
    if markers.iter().flatten().any(|&kind| kind > SIGNATURE) {
        return Err(PyValueError::new_err("a marker index out of range"));
    }
    let lines = lines_of(
        py,
        &reader,
        &marker_reader,
        &texts,
        &rows,
        &log_odds,
        &sizes,
        &markers,
        &thresholds,
    );
    let (kinds, body) = parts(&lines, &thresholds)?;
    // from units to their lines
    let mut line_kinds = Vec::with_capacity(groups.last().map_or(0, |g| g.1 + 1));
    for (&(first, last), &kind) in groups.iter().zip(&kinds) {
        if last < first || first != line_kinds.len() {
            return Err(PyValueError::new_err(
                "groups that do not cover the lines in order",
            ));
        }
        line_kinds.extend(std::iter::repeat_n(kind, last - first + 1));
    }
    let body = body.map(|(first, last)| (groups[first].0, groups[last].1));
    let mut blocks: Vec<(u8, usize, usize)> = Vec::new();
    for (index, &part) in line_kinds.iter().enumerate() {
        if part == BODY {
            continue;
        }
        match blocks.last_mut() {
            Some(block) if block.0 == part && block.2 + 1 == index => block.2 = index,
            _ => blocks.push((part, index, index)),
        }
    }
    Ok((line_kinds, body, blocks))
}

/// paragraphs.lines_of: the page's paragraphs, running prose raised to the prose floor.
#[allow(clippy::too_many_arguments)]
fn lines_of<'a, 'py>(
    py: Python<'py>,
    reader: &'a UnitReader,
    marker_reader: &'a MarkerReader,
    texts: &'a [Bound<'py, PyString>],
    rows: &'a [Vec<f64>],
    log_odds: &[f64],
    sizes: &'a [usize],
    markers: &'a [Option<usize>],
    thresholds: &[f64],
) -> Lines<'a, 'py> {
    let thread = markers
        .iter()
        .filter(|&&found| found == Some(SIGNATURE))
        .count()
        >= 2;
    let floor = thresholds[PROSE_FLOOR];
    let mut odds = log_odds.to_vec();
    if floor > -99.0 {
        for (index, z) in odds.iter_mut().enumerate() {
            if running_prose(&rows[index], sizes[index]) && floor > *z {
                *z = floor; // max(z, floor)
            }
        }
    }
    Lines {
        py,
        reader,
        marker_reader,
        texts,
        rows,
        log_odds: odds,
        sizes,
        markers,
        prose_min: thresholds[PROSE_MIN],
        thread,
        compensated: compensated_sum(py),
        points: (0..texts.len()).map(|_| OnceCell::new()).collect(),
        furniture: (0..texts.len()).map(|_| OnceCell::new()).collect(),
    }
}

/// paragraphs._running_prose.
fn running_prose(row: &[f64], size: usize) -> bool {
    if row[FUNCTION_SHARE] < 0.5 {
        return false;
    }
    size >= 20 || (size >= 12 && row[SENTENCE_END] > 0.0)
}

/// The part of each paragraph and the (first, last) of the body.
type Segmentation = (Vec<u8>, Option<(usize, usize)>);

/// segment.parts: the part of each paragraph and the body.
fn parts(lines: &Lines, thresholds: &[f64]) -> PyResult<Segmentation> {
    let count = lines.len();
    let mut kinds = vec![BODY; count];
    let Some((first, last)) = core(lines, thresholds)? else {
        return Ok((kinds, None));
    };
    head(&mut kinds, first, lines, thresholds)?;
    tail(&mut kinds, last, lines, thresholds)?;
    inside(&mut kinds, first, last, lines, thresholds)?;
    require_navigation_evidence(&mut kinds, lines, thresholds)?;
    Ok((kinds, Some((first, last))))
}

/// segment.core: the article body.
fn core(lines: &Lines, thresholds: &[f64]) -> PyResult<Option<(usize, usize)>> {
    let limit = thresholds[CLIP];
    let weights: Vec<f64> = lines
        .log_odds
        .iter()
        .zip(lines.sizes)
        .map(|(&z, &n)| {
            let high = if z < limit { z } else { limit }; // min(limit, z)
            let clipped = if high > -limit { high } else { -limit }; // max(-limit, ...)
            clipped * (n.min(64) as f64).sqrt()
        })
        .collect();
    let Some((_, first, last)) = max_segment(&weights, 0, weights.len()) else {
        return Ok(None);
    };
    let enough = thresholds[MIN_CORE_WEIGHT];
    let mut headers = comment_headers(lines);
    headers.extend(footers(lines)?);
    for header in headers {
        if !(first < header && header <= last) {
            continue;
        }
        if let Some(before) = max_segment(&weights, first, header) {
            if before.0 >= enough && has_prose(lines, before.1, before.2) {
                return Ok(Some((before.1, before.2)));
            }
        }
    }
    let mut last = last;
    let cut = furniture_start(lines, &weights, first, last, thresholds)?;
    if let Some(cut) = cut {
        if has_prose(lines, first, cut - 1) {
            last = cut - 1;
        }
    }
    Ok(Some((
        bridged(lines, first, thresholds[BRIDGE] as i64)?,
        last,
    )))
}

/// segment._bridged.
fn bridged(lines: &Lines, first: usize, reach: i64) -> PyResult<usize> {
    let mut first = first as i64;
    loop {
        let mut index = first - 1;
        while index >= 0 && first - index <= reach && bridgeable(lines, index as usize)? {
            index -= 1;
        }
        if index < 0 || first - index > reach || !intro(lines, index as usize)? {
            return Ok(first as usize);
        }
        while index > 0 && intro(lines, (index - 1) as usize)? {
            index -= 1;
        }
        first = index;
    }
}

fn bridgeable(lines: &Lines, index: usize) -> PyResult<bool> {
    if lines.furniture_words(index)? || lines.is_prose(index) {
        return Ok(false);
    }
    Ok(![LINK, PIPES, SEPARATORS, REPEATED, NO_LETTER]
        .iter()
        .any(|&column| lines.has(index, column)))
}

fn intro(lines: &Lines, index: usize) -> PyResult<bool> {
    Ok(lines.is_prose(index) && !lines.furniture_words(index)?)
}

/// segment._furniture_start.
fn furniture_start(
    lines: &Lines,
    weights: &[f64],
    first: usize,
    last: usize,
    thresholds: &[f64],
) -> PyResult<Option<usize>> {
    let share = thresholds[TAIL_SHARE];
    let positive: Vec<f64> = weights[first..=last]
        .iter()
        .copied()
        .filter(|&w| w > 0.0)
        .collect();
    let total = python_sum(&positive, lines.compensated);
    let about = (first + 1..=last)
        .rev()
        .find(|&i| lines.markers[i] == Some(ABOUT))
        .unwrap_or(last + 1);
    let mut after = 0.0;
    let mut found = None;
    for index in (first + 1..=last).rev() {
        if weights[index] > 0.0 && index < about {
            after += weights[index];
        }
        if after > share * (total - after) {
            break;
        }
        if lines.furniture_words(index)? {
            found = Some(index);
        } else if lines.is_prose(index) && index < about && !lines.is_list_item(index) {
            break;
        }
    }
    Ok(found)
}

/// segment._has_prose of the segment (first, last); empty when last < first.
fn has_prose(lines: &Lines, first: usize, last: usize) -> bool {
    (first..=last).any(|i| lines.is_prose(i))
}

/// segment._footers.
fn footers(lines: &Lines) -> PyResult<Vec<usize>> {
    let mut found = Vec::new();
    for (index, &marker) in lines.markers.iter().enumerate() {
        if marker == Some(LEGAL) {
            let lowered = lines.texts[index].call_method0("lower")?;
            if lines
                .marker_reader
                .footer_of(lines.py, lowered.cast::<PyString>()?)?
            {
                found.push(index);
            }
        }
    }
    Ok(found)
}

/// segment._comment_headers.
fn comment_headers(lines: &Lines) -> Vec<usize> {
    let markers = lines.markers;
    let count = markers.len();
    let mut found: Vec<usize> = (0..count)
        .filter(|&index| {
            markers[index] == Some(COMMENTS)
                && !(index > 0 && markers[index - 1] == Some(SHARE))
                && !(index + 1 < count && markers[index + 1] == Some(SHARE))
        })
        .collect();
    if lines.thread {
        found.extend(markers.iter().position(|&m| m == Some(SIGNATURE)));
    }
    found.sort_unstable();
    found
}

/// segment._max_segment: (sum, first, last) of the segment of `weights[start..stop]`
/// with the greatest positive sum.
fn max_segment(weights: &[f64], start: usize, stop: usize) -> Option<(f64, usize, usize)> {
    let (mut best_sum, mut best) = (0.0, None);
    let (mut running, mut first) = (0.0, start);
    for (index, &weight) in weights.iter().enumerate().take(stop).skip(start) {
        if running <= 0.0 {
            running = 0.0;
            first = index;
        }
        running += weight;
        if running > best_sum {
            best_sum = running;
            best = Some((first, index));
        }
    }
    best.map(|(first, last)| (best_sum, first, last))
}

/// sections.head: paragraphs above the body.
fn head(kinds: &mut [u8], first: usize, lines: &Lines, thresholds: &[f64]) -> PyResult<()> {
    let keep = thresholds[HEAD_WINDOW] as i64;
    let mut start = 0;
    while start < first && lines.marker(start).is_none() && lines.is_prose(start) {
        start += 1;
    }
    let first_i = first as i64;
    let mut zone = first_i - keep;
    let floor = (start as i64).max(first_i - keep);
    let mut index = first_i - 1;
    while index >= floor {
        if !headline_zone(lines, index as usize, thresholds)? {
            zone = index + 1;
            break;
        }
        index -= 1;
    }
    for (index, kind) in kinds.iter_mut().enumerate().take(first).skip(start) {
        if index as i64 >= zone {
            continue; // headline, byline, date
        }
        let found = lines.marker(index);
        *kind = if comment_marker(found) {
            NAVIGATION
        } else {
            kind_of(
                found,
                if lines.is_prose(index) {
                    OTHER
                } else {
                    NAVIGATION
                },
            )
        };
    }
    Ok(())
}

/// sections._headline_zone.
fn headline_zone(lines: &Lines, index: usize, thresholds: &[f64]) -> PyResult<bool> {
    if !matches!(lines.marker(index), None | Some(CREDIT)) {
        return Ok(false);
    }
    if lines.has(index, NO_LETTER) || layout_row(lines, index)? {
        return Ok(false);
    }
    Ok(lines.log_odds[index] >= thresholds[HEAD_MIN])
}

/// sections.tail: paragraphs below the body.
fn tail(kinds: &mut [u8], last: usize, lines: &Lines, thresholds: &[f64]) -> PyResult<()> {
    let count = kinds.len();
    let mut start = count;
    for index in last + 1..count {
        if lines.furniture_words(index)? {
            start = index;
            break;
        }
    }
    link_list(kinds, last, start, lines)?;
    residue_after(kinds, last, start, lines, thresholds)?;
    let mut section: Option<usize> = None;
    for (index, part) in kinds.iter_mut().enumerate().skip(start) {
        let mut found = lines.marker(index);
        if section == Some(COMMENTS) && found.is_some() && in_comment(lines, index) {
            found = Some(COMMENTS);
        } else if found == Some(SIGNATURE) {
            found = Some(COMMENTS);
            section = found;
        } else if found.is_some() {
            section = found;
        }
        let found = match found {
            Some(kind) => Some(kind),
            None => inherited(section, lines, index),
        };
        *part = kind_of(found, OTHER);
    }
    Ok(())
}

/// sections._residue_after.
fn residue_after(
    kinds: &mut [u8],
    last: usize,
    stop: usize,
    lines: &Lines,
    thresholds: &[f64],
) -> PyResult<()> {
    let floor = thresholds[TAIL_MAX];
    let mut prose_after = false;
    for index in (last + 1..stop).rev() {
        if kinds[index] != BODY {
            continue;
        }
        let residue = lines.has(index, NO_LETTER) || layout_row(lines, index)?;
        let rejected = !prose_after && label(lines, index) && lines.log_odds[index] < floor;
        if residue || rejected {
            kinds[index] = NAVIGATION;
        }
        prose_after = prose_after || lines.is_prose(index);
    }
    Ok(())
}

/// sections._layout_row.
fn layout_row(lines: &Lines, index: usize) -> PyResult<bool> {
    if !pipe_row(lines, index) {
        return Ok(false);
    }
    let text = lines.text(index)?;
    if lines.has_figures(text)? {
        return Ok(false);
    }
    for cell in text.split(|&cp| cp == u32::from('|')) {
        if lines.word_count(cell)? > SHORT {
            return Ok(false);
        }
    }
    for near in [index.checked_sub(1), Some(index + 1)]
        .into_iter()
        .flatten()
    {
        if near < lines.len() && pipe_row(lines, near) && lines.has_figures(lines.text(near)?)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn pipe_row(lines: &Lines, index: usize) -> bool {
    lines.has(index, PIPES)
}

/// sections._label.
fn label(lines: &Lines, index: usize) -> bool {
    lines.sizes[index] <= SHORT
        && !lines.has(index, SENTENCE_END)
        && !lines.has(index, FUNCTION_SHARE)
        && !lines.is_list_item(index)
}

/// sections._in_comment.
fn in_comment(lines: &Lines, index: usize) -> bool {
    comment_marker(lines.marker(index)) || lines.log_odds[index] > 0.0
}

/// sections._inherited.
fn inherited(section: Option<usize>, lines: &Lines, index: usize) -> Option<usize> {
    if matches!(section, Some(COMMENTS | ABOUT)) {
        return section;
    }
    if navigation_marker(section) && !lines.is_prose(index) {
        return section;
    }
    None
}

/// sections._link_list.
fn link_list(kinds: &mut [u8], last: usize, stop: usize, lines: &Lines) -> PyResult<()> {
    let mut first = last + 1;
    while first > 0 && lines.is_list_item(first - 1) {
        first -= 1;
    }
    if first == 0 || lines.ends_with_colon(first - 1) || heading(lines, first - 1) {
        return Ok(());
    }
    let mut end = first;
    while end < stop && lines.is_list_item(end) {
        end += 1;
    }
    let items = end - first;
    if items < 3 || end <= last + 1 {
        return Ok(());
    }
    let mut numbered = 0;
    for index in first..end {
        numbered += usize::from(lines.flags(lines.text(index)?[0])? & DIGIT != 0);
    }
    if numbered * 2 > items {
        return Ok(());
    }
    let mut linked = 0;
    for index in first..end {
        linked += usize::from(link_like(lines, index, None)? || headline_like(lines, index)?);
    }
    if 2 * linked <= items {
        return Ok(());
    }
    kinds[first..end].fill(NAVIGATION);
    Ok(())
}

/// sections._heading.
fn heading(lines: &Lines, index: usize) -> bool {
    lines.marker(index).is_none()
        && lines.sizes[index] <= SHORT
        && !lines.has(index, SENTENCE_END)
        && !lines.has(index, NO_LETTER)
}

/// sections._link_like.
fn link_like(lines: &Lines, index: usize, repeated: Option<bool>) -> PyResult<bool> {
    let repeated = repeated.unwrap_or_else(|| lines.has(index, REPEATED));
    if lines.has(index, LINK) || repeated {
        return Ok(true);
    }
    let separated = lines.has(index, PIPES) || lines.has(index, SEPARATORS);
    Ok(separated && !lines.has_figures(lines.text(index)?)?)
}

/// sections._headline_like.
fn headline_like(lines: &Lines, index: usize) -> PyResult<bool> {
    if lines.has(index, SENTENCE_END) || !(3..=16).contains(&lines.sizes[index]) {
        return Ok(false);
    }
    if lines.has(index, DATE_TIME) || lines.feature(index, TITLE_SHARE) >= 0.6 {
        return Ok(true);
    }
    let text = lines.text(index)?;
    match text.iter().find(|&&cp| !is_in(HEADLINE_LEAD, cp)) {
        Some(&cp) => Ok(lines.flags(cp)? & UPPER != 0),
        None => Ok(false),
    }
}

/// sections.inside: paragraphs inside the body that are not article text.
fn inside(
    kinds: &mut [u8],
    first: usize,
    last: usize,
    lines: &Lines,
    thresholds: &[f64],
) -> PyResult<()> {
    let marked_limit = thresholds[INSIDE_MAX_LOG_ODDS];
    let unmarked_limit = thresholds[INSIDE_MIN];
    for (index, part) in kinds.iter_mut().enumerate().take(last + 1).skip(first) {
        let found = lines.marker(index);
        let odds = lines.log_odds[index];
        match found {
            None => {
                if odds < unmarked_limit && !kept_inside(lines, index, last) {
                    *part = OTHER;
                }
            }
            Some(kind) if kind != COMMENTS && odds < marked_limit => {
                *part = kind_of(found, OTHER);
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// sections._kept_inside.
fn kept_inside(lines: &Lines, index: usize, last: usize) -> bool {
    if lines.is_list_item(index) {
        return true;
    }
    if lines.sizes[index] > 10
        || (lines.has(index, SENTENCE_END) && !lines.has(index, QUESTION_END))
    {
        return false;
    }
    index < last && lines.is_prose(index + 1)
}

/// How often each text occurs (a Counter of texts).
type Copies<'t> = HashMap<&'t [u32], usize>;

/// sections.require_navigation_evidence.
fn require_navigation_evidence(
    kinds: &mut [u8],
    lines: &Lines,
    thresholds: &[f64],
) -> PyResult<()> {
    let runs = runs(kinds, NAVIGATION);
    if runs.is_empty() {
        return Ok(());
    }
    let limit = thresholds[OTHER_MAX];
    let mut copies: Copies = HashMap::new();
    for index in 0..lines.len() {
        *copies.entry(lines.text(index)?).or_default() += 1;
    }
    for (run_first, run_last) in runs {
        let marked = (run_first..=run_last).find(|&i| navigation_marker(lines.marker(i)));
        let pieces = match marked {
            Some(at) if at != run_first => vec![(run_first, at - 1), (at, run_last)],
            _ => vec![(run_first, run_last)],
        };
        for (first, last) in pieces {
            if has_evidence(kinds, lines, first, last, &copies)? {
                continue;
            }
            let odds = &lines.log_odds[first..=last];
            let part = if python_sum(odds, lines.compensated) / odds.len() as f64 >= limit {
                BODY
            } else if article_list(lines, first, last)? {
                take_into_body(kinds, lines, first, last)?;
                continue;
            } else {
                OTHER
            };
            kinds[first..=last].fill(part);
        }
    }
    Ok(())
}

/// sections._article_list.
fn article_list(lines: &Lines, first: usize, last: usize) -> PyResult<bool> {
    let count = last - first + 1;
    if count < 3 || first == 0 {
        return Ok(false);
    }
    let above = first - 1;
    if !lines.is_prose(above) || lines.furniture_words(above)? {
        return Ok(false);
    }
    let mut items = 0usize;
    for index in first..=last {
        items += usize::from(quantity_item(lines, index)?);
    }
    Ok(items as f64 >= ARTICLE_LIST_SHARE * count as f64)
}

/// sections._take_into_body.
fn take_into_body(kinds: &mut [u8], lines: &Lines, first: usize, last: usize) -> PyResult<()> {
    let above_body = kinds[..first].iter().all(|&kind| kind != BODY);
    kinds[first..=last].fill(BODY);
    if !above_body {
        return Ok(());
    }
    let mut index = first;
    while index > 0
        && kinds[index - 1] == OTHER
        && lines.is_prose(index - 1)
        && !lines.furniture_words(index - 1)?
    {
        kinds[index - 1] = BODY;
        index -= 1;
    }
    Ok(())
}

/// sections._has_evidence.
fn has_evidence(
    kinds: &[u8],
    lines: &Lines,
    first: usize,
    last: usize,
    copies: &Copies,
) -> PyResult<bool> {
    if (first..=last).any(|i| navigation_marker(lines.marker(i))) {
        return Ok(true);
    }
    let mut items = Vec::new();
    for index in first..=last {
        if lines.text(index)?.iter().any(|&cp| !is_in(INVISIBLE, cp)) {
            items.push(index);
        }
    }
    let count = items.len();
    if count == 0 {
        return Ok(true);
    }
    let at_edge = edge(kinds, lines, 0..first) || edge(kinds, lines, last + 1..kinds.len());
    let menu = items.iter().filter(|&&i| menu_like(lines, i)).count();
    if at_edge && 2 * menu > count {
        return Ok(true);
    }
    let mut inside: Copies = HashMap::new();
    for index in first..=last {
        *inside.entry(lines.text(index)?).or_default() += 1;
    }
    let mut linked = 0;
    for &index in &items {
        linked += usize::from(linked_in_run(lines, index, copies, &inside)?);
    }
    if 2 * linked >= count {
        return Ok(true);
    }
    let below_body = kinds[..first].contains(&BODY);
    let mut headlines = 0;
    for &index in &items {
        headlines += usize::from(headline_like(lines, index)?);
    }
    Ok(below_body && count >= 3 && 2 * headlines > count)
}

/// sections._linked_in_run.
fn linked_in_run(lines: &Lines, index: usize, copies: &Copies, inside: &Copies) -> PyResult<bool> {
    let text = lines.text(index)?;
    let own = copies.get(text) == inside.get(text) && text_item(lines, index)?;
    link_like(lines, index, Some(lines.has(index, REPEATED) && !own))
}

/// sections._quantity_item: the text after its bullet or number (sections._ENUMERATION)
/// holds a figure and a letter, and the unit no date.
fn quantity_item(lines: &Lines, index: usize) -> PyResult<bool> {
    let text = lines.text(index)?;
    // ^[-–—*+•·▪►>◦‣\s]*
    let mut at = 0;
    while at < text.len()
        && (is_in(ENUMERATION_SIGNS, text[at]) || lines.flags(text[at])? & SPACE != 0)
    {
        at += 1;
    }
    // (?:\d{1,3}[.)]\s+)?: the signs above hold no digit, so no other start is tried
    let mut digits = 0;
    while at + digits < text.len() && lines.flags(text[at + digits])? & DECIMAL != 0 {
        digits += 1;
    }
    let mark = at + digits;
    if (1..=3).contains(&digits)
        && mark + 1 < text.len()
        && matches!(text[mark], 0x2E | 0x29)
        && lines.flags(text[mark + 1])? & SPACE != 0
    {
        at = mark + 1;
        while at < text.len() && lines.flags(text[at])? & SPACE != 0 {
            at += 1;
        }
    }
    let rest = &text[at..];
    Ok(lines.has_figures(rest)? && lines.any_with(rest, ALPHA)? && !lines.has(index, DATE_TIME))
}

/// sections._text_item.
fn text_item(lines: &Lines, index: usize) -> PyResult<bool> {
    Ok(lines.has(index, SENTENCE_END) || quantity_item(lines, index)?)
}

/// sections._edge.
fn edge(kinds: &[u8], lines: &Lines, between: std::ops::Range<usize>) -> bool {
    between
        .into_iter()
        .all(|i| kinds[i] != BODY && !lines.is_prose(i))
}

/// sections._menu_like.
fn menu_like(lines: &Lines, index: usize) -> bool {
    lines.sizes[index] <= 6 && !lines.has(index, SENTENCE_END) && !lines.has(index, NUMBER_SHARE)
}

/// sections._runs: the (first, last) of each run of `part`.
fn runs(kinds: &[u8], part: u8) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (index, &kind) in kinds.iter().enumerate() {
        if kind != part {
            continue;
        }
        match found.last_mut() {
            Some(run) if run.1 + 1 == index => run.1 = index,
            _ => found.push((index, index)),
        }
    }
    found
}
