//! The YAML rules' phrases and patterns, matched in compiled code with linear-time
//! automata (regex-automata: no backtracking, so no pattern can hang a run).
//!
//! A pass holds *units*: one regular expression each (a rule's alternation for one
//! language, in a scope's template), already translated into this crate's syntax by
//! `newslint/declarative/translate.py`, with a group named `m` around what a finding
//! reports. Each unit also has a *screen*: a relaxed form (look-around assertions
//! dropped, long counted repetitions opened) that matches wherever the unit can. All
//! screens are searched together in one pass over a document (a lazy DFA over the union
//! of the screens); only the units whose screen matched are then run, each as Python's
//! `finditer` would run it: leftmost-first, non-overlapping, left to right.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};

/// A unit's compiled size may not exceed this (Unicode classes with case folding are big).
const SIZE_LIMIT: usize = 64 << 20;
const CACHE_CAPACITY: usize = 16 << 20;

fn builder(kind: MatchKind) -> meta::Builder {
    let mut builder = Regex::builder();
    builder
        .syntax(syntax::Config::new().utf8(true))
        .configure(
            Regex::config()
                .match_kind(kind)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .onepass_size_limit(Some(SIZE_LIMIT))
                .hybrid_cache_capacity(CACHE_CAPACITY)
                .dfa_size_limit(Some(SIZE_LIMIT)),
        );
    builder
}

fn compile(pattern: &str) -> Result<Regex, String> {
    let regex = builder(MatchKind::LeftmostFirst).build(pattern).map_err(|e| e.to_string())?;
    if regex.group_info().to_index(regex_automata::PatternID::ZERO, "m").is_none() {
        return Err("no group named m".to_string());
    }
    Ok(regex)
}

/// None when `pattern` compiles as a unit; else why not.
#[pyfunction]
pub fn check_pattern(pattern: &str) -> Option<String> {
    compile(pattern).err()
}

#[pyclass(frozen)]
pub struct PatternPass {
    units: Vec<Regex>,
    screen: Option<Regex>,
}

#[pymethods]
impl PatternPass {
    /// `units`: the exact regular expressions; `screens`: their relaxed forms, one each.
    #[new]
    fn new(units: Vec<String>, screens: Vec<String>) -> PyResult<Self> {
        if units.len() != screens.len() {
            return Err(PyValueError::new_err("one screen per unit"));
        }
        let compiled = units
            .iter()
            .enumerate()
            .map(|(index, unit)| {
                compile(unit).map_err(|e| PyValueError::new_err(format!("unit {index}: {e}")))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let screen = if screens.is_empty() {
            None
        } else {
            let built = builder(MatchKind::All)
                .build_many(&screens)
                .map_err(|e| PyValueError::new_err(format!("screens: {e}")))?;
            Some(built)
        };
        Ok(Self { units: compiled, screen })
    }

    /// The units whose screen matches somewhere in `text`, in order.
    fn screen(&self, text: &str) -> Vec<usize> {
        let Some(screen) = &self.screen else { return Vec::new() };
        let mut found = PatternSet::new(screen.pattern_len());
        screen.which_overlapping_matches(&Input::new(text), &mut found);
        found.iter().map(|id| id.as_usize()).collect()
    }

    /// Matches of group `m` of each unit in `units` (all units when None) over `text`,
    /// as (unit, start, end) in characters, unit by unit, each in the order of
    /// Python's `finditer`; units whose screen does not match are skipped.
    #[pyo3(signature = (text, units=None))]
    fn find(&self, text: &str, units: Option<Vec<usize>>) -> PyResult<Vec<(usize, usize, usize)>> {
        let chosen = match units {
            Some(units) => units,
            None => self.screen(text),
        };
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for unit in chosen {
            let regex = self
                .units
                .get(unit)
                .ok_or_else(|| PyValueError::new_err(format!("no unit {unit}")))?;
            let group = regex.group_info().to_index(regex_automata::PatternID::ZERO, "m");
            let group = group.expect("checked when compiled");
            for captures in regex.captures_iter(text) {
                if let Some(span) = captures.get_group(group) {
                    spans.push((unit, span.start, span.end));
                }
            }
        }
        Ok(to_characters(text, spans))
    }
}

/// Byte offsets of `spans` into `text` as character (code point) offsets.
fn to_characters(text: &str, spans: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    if text.is_ascii() || spans.is_empty() {
        return spans;
    }
    let mut offsets: Vec<usize> = spans.iter().flat_map(|s| [s.1, s.2]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut characters = Vec::with_capacity(offsets.len());
    let (mut byte, mut count) = (0usize, 0usize);
    for offset in &offsets {
        count += text.as_bytes()[byte..*offset].iter().filter(|b| (**b as i8) >= -0x40).count();
        byte = *offset;
        characters.push(count);
    }
    let lookup = |offset: usize| characters[offsets.binary_search(&offset).expect("collected")];
    spans.into_iter().map(|(unit, start, end)| (unit, lookup(start), lookup(end))).collect()
}
