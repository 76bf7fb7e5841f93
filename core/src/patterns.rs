//! The YAML rules' phrases and patterns, matched in compiled code with linear-time
//! automata (regex-automata: no backtracking, so no pattern can hang a run).
//!
//! A pass holds *units*: one regular expression each (a rule's alternation for one
//! language, in a scope's template), already translated into this crate's syntax by
//! `newslint/declarative/translate.py`, with a group named `m` around what a finding
//! reports. Each unit also has its *required strings* (`literals.py`): one of them is in
//! every text the unit matches. One Aho-Corasick pass over the casefolded document finds
//! which strings it holds; only the units that need one of them (and the few that need
//! none) are then run, each as Python's `finditer` would run it: leftmost-first,
//! non-overlapping, left to right.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use regex_automata::meta::{self, Regex};
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, HirKind};

/// A unit's compiled size may not exceed this (Unicode classes with case folding are big).
const SIZE_LIMIT: usize = 64 << 20;

fn builder(kind: MatchKind) -> meta::Builder {
    let mut builder = Regex::builder();
    builder
        .syntax(syntax::Config::new().utf8(true))
        .configure(
            // The default limits otherwise: full DFAs only for tiny units (building
            // them is what makes compiling slow), a lazy DFA cache of 2 MiB per unit.
            Regex::config().match_kind(kind).nfa_size_limit(Some(SIZE_LIMIT)),
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

/// A relaxed expression: only asked whether it matches, so without capture groups.
fn compile_relaxed(pattern: &str) -> Result<Regex, String> {
    let mut builder = builder(MatchKind::LeftmostFirst);
    builder.configure(
        Regex::config().nfa_size_limit(Some(SIZE_LIMIT)).which_captures(WhichCaptures::Implicit),
    );
    builder.build(pattern).map_err(|e| e.to_string())
}

/// None when `pattern` is valid syntax for the core (parsed, not compiled: compiling
/// waits for the first search); else why not.
#[pyfunction]
pub fn check_pattern(pattern: &str) -> Option<String> {
    syntax::parse_with(pattern, &syntax::Config::new().utf8(true)).err().map(|e| e.to_string())
}

/// `class` (a class in the core's syntax: `\p{L}`, `\w`, `[...]`) as it matches when
/// case is ignored, written so that it need not be case-folded again: `(?-i:...)`
/// around the class and the characters the folding adds or takes away. Folding a class
/// of letters takes milliseconds, and a unit holds dozens of them: written this way, a
/// unit compiles ten times faster and matches the same characters.
#[pyfunction]
pub fn case_closed(class: &str) -> PyResult<String> {
    let plain = class_of(class)?;
    let folded = class_of(&format!("(?i:{class})"))?;
    let nested = if class.starts_with('[') { class.to_string() } else { format!("[{class}]") };
    let mut added = folded.clone();
    added.difference(&plain);
    let mut removed = plain;
    removed.difference(&folded);
    let kept = match removed.ranges().is_empty() {
        true => nested,
        false => format!("[{nested}--{}]", written(&removed)),
    };
    Ok(match added.ranges().is_empty() {
        true => format!("(?-i:{kept})"),
        false => format!("(?-i:[{kept}{}])", written(&added)),
    })
}

fn class_of(pattern: &str) -> PyResult<ClassUnicode> {
    let hir = syntax::parse_with(pattern, &syntax::Config::new().utf8(true))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Ok(class.clone()),
        _ => Err(PyValueError::new_err(format!("not a class of characters: {pattern}"))),
    }
}

/// A class of characters as a bracketed class of code-point ranges.
fn written(class: &ClassUnicode) -> String {
    let ranges: String = class
        .ranges()
        .iter()
        .map(|r| format!("\\x{{{:X}}}-\\x{{{:X}}}", r.start() as u32, r.end() as u32))
        .collect();
    format!("[{ranges}]")
}

/// A unit's expressions: the exact one, and the relaxed one (no word-boundary
/// assertions: it matches wherever the exact one does, and the lazy DFA runs it on any
/// text, where a Unicode word boundary makes the exact one fall back to the PikeVM).
/// Each is compiled on first use, the exact one only for a text the relaxed one
/// matches: compiling a unit takes up to a tenth of a second (Unicode classes), which a
/// short document would otherwise pay for every unit its required strings let through.
struct UnitRegexes {
    /// None: the unit runs on the Python path, which asks where its relaxed one matches.
    exact: Option<String>,
    relaxed: String,
    compiled_exact: OnceLock<Result<Regex, String>>,
    compiled_relaxed: OnceLock<Result<Regex, String>>,
}

#[pyclass(frozen)]
pub struct PatternPass {
    /// Each unit's exact and relaxed expressions, compiled on first use (None: Python's).
    units: Vec<Option<UnitRegexes>>,
    /// The units without required strings: always candidates.
    always: Vec<usize>,
    /// The units that need each string, and the strings.
    needed_by: Vec<Vec<usize>>,
    string_list: Vec<String>,
    /// The strings' automaton: a contiguous NFA, quick to build, for the first
    /// documents; a DFA, quicker to run but slower to build (about 70 ms for the shipped
    /// packs), once the documents screened reach DFA_AFTER_BYTES. Both find the same
    /// strings.
    strings: Option<AhoCorasick>,
    strings_dfa: OnceLock<Option<AhoCorasick>>,
    screened_bytes: AtomicUsize,
    flags: Vec<Flag>,
}

/// An expression the screening reports on. A class of characters is looked up char by
/// char (most texts are mostly ASCII: a bit each), not run as a regex: the lazy DFA
/// took half the screening's time over the two classes of disagreeing characters.
enum Flag {
    Class { ascii: u128, ranges: Vec<(u32, u32)> },
    Regex(Box<Regex>),
}

impl Flag {
    fn new(pattern: &str) -> Result<Flag, String> {
        if let Ok(class) = class_of(pattern) {
            let ranges: Vec<(u32, u32)> =
                class.ranges().iter().map(|r| (r.start() as u32, r.end() as u32)).collect();
            let ascii = (0..128u32)
                .filter(|c| ranges.iter().any(|(start, end)| start <= c && c <= end))
                .fold(0u128, |bits, c| bits | (1 << c));
            return Ok(Flag::Class { ascii, ranges });
        }
        let regex = builder(MatchKind::LeftmostFirst).build(pattern).map_err(|e| e.to_string())?;
        Ok(Flag::Regex(Box::new(regex)))
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Flag::Regex(regex) => regex.is_match(text),
            Flag::Class { ascii, ranges } => text.chars().any(|c| {
                let code = c as u32;
                if code < 128 {
                    return ascii & (1 << code) != 0;
                }
                let at = ranges.partition_point(|(_, end)| *end < code);
                at < ranges.len() && ranges[at].0 <= code
            }),
        }
    }
}

/// Bytes of text screened with the NFA before the DFA is built (a few hundred articles:
/// a run of one small file never pays for the DFA, a corpus run soon does).
const DFA_AFTER_BYTES: usize = 1 << 20;

fn automaton(strings: &[String], kind: AhoCorasickKind) -> PyResult<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(kind))
        .build(strings)
        .map_err(|e| PyValueError::new_err(format!("required strings: {e}")))
}

#[pymethods]
impl PatternPass {
    /// `units`: each unit's exact and relaxed expressions (None: matched on the Python
    /// path; an exact one of None: on the Python path, tried where the relaxed matches);
    /// `requires`: the strings (casefolded) one of which any match of the unit holds
    /// (None: none known, the unit is always a candidate); `flags`: expressions the
    /// screening also reports on (the characters on which the engines disagree).
    #[new]
    #[pyo3(signature = (units, requires, flags=Vec::new()))]
    fn new(
        units: Vec<Option<(Option<String>, String)>>,
        requires: Vec<Option<Vec<String>>>,
        flags: Vec<String>,
    ) -> PyResult<Self> {
        if units.len() != requires.len() {
            return Err(PyValueError::new_err("one requirement per unit"));
        }
        let mut strings: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut needed_by: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (unit, required) in requires.into_iter().enumerate() {
            let Some(required) = required.filter(|r| !r.is_empty()) else {
                always.push(unit);
                continue;
            };
            for string in required {
                let at = *index.entry(string.clone()).or_insert_with(|| {
                    strings.push(string);
                    needed_by.push(Vec::new());
                    needed_by.len() - 1
                });
                needed_by[at].push(unit);
            }
        }
        let automaton = if strings.is_empty() {
            None
        } else {
            Some(automaton(&strings, AhoCorasickKind::ContiguousNFA)?)
        };
        let flags = flags
            .iter()
            .map(|f| Flag::new(f))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PyValueError::new_err(format!("flags: {e}")))?;
        let units = units
            .into_iter()
            .map(|u| {
                u.map(|(exact, relaxed)| UnitRegexes {
                    exact,
                    relaxed,
                    compiled_exact: OnceLock::new(),
                    compiled_relaxed: OnceLock::new(),
                })
            })
            .collect();
        Ok(Self {
            units,
            always,
            needed_by,
            string_list: strings,
            strings: automaton,
            strings_dfa: OnceLock::new(),
            screened_bytes: AtomicUsize::new(0),
            flags,
        })
    }

    /// The candidate units for a document (those one of whose strings `folded`, its
    /// casefolded text, holds, and those without strings), in order; the indexes of the
    /// flags that match its `text`; and the required strings it holds.
    fn screen(&self, text: &str, folded: &str) -> (Vec<usize>, Vec<usize>, Vec<String>) {
        let mut candidates = self.always.clone();
        let mut present = Vec::new();
        if let Some(automaton) = self.string_automaton(folded.len()) {
            let mut seen = vec![false; self.needed_by.len()];
            for found in automaton.find_overlapping_iter(folded) {
                seen[found.pattern().as_usize()] = true;
            }
            for (string, units) in self.needed_by.iter().enumerate() {
                if seen[string] {
                    candidates.extend_from_slice(units);
                    present.push(self.string_list[string].clone());
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let flags = (0..self.flags.len()).filter(|i| self.flags[*i].is_match(text)).collect();
        (candidates, flags, present)
    }

    /// Matches of group `m` of each of `units` over `text`, as (unit, start, end) in
    /// characters, unit by unit, each in the order of Python's `finditer`.
    fn find(&self, text: &str, units: Vec<usize>) -> PyResult<Vec<(usize, usize, usize)>> {
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for unit in units {
            let relaxed = self.relaxed(unit)?;
            let Some(first) = relaxed.find(text) else {
                continue; // the usual case: decided by the lazy DFA, whatever the text
            };
            let regex = self.exact(unit)?;
            let group = regex.group_info().to_index(regex_automata::PatternID::ZERO, "m");
            let group = group.expect("checked when compiled");
            match anchored_matches(relaxed, regex, text, first.start(), group) {
                Some(found) => spans.extend(found.into_iter().map(|(s, e)| (unit, s, e))),
                None => {
                    for captures in regex.captures_iter(text) {
                        if let Some(span) = captures.get_group(group) {
                            spans.push((unit, span.start, span.end));
                        }
                    }
                }
            }
        }
        Ok(to_characters(text, spans))
    }

    /// The character offsets, in order, at which a match of the relaxed expression of
    /// `unit` starts: every start, not only those of non-overlapping matches (the Python
    /// path tries its exact pattern there). None when there are more than `limit`.
    fn starts(&self, text: &str, unit: usize, limit: usize) -> PyResult<Option<Vec<usize>>> {
        let relaxed = self.relaxed(unit)?;
        let mut found = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(candidate) = relaxed.find(Input::new(text).range(at..)) else { break };
            if found.len() == limit {
                return Ok(None);
            }
            found.push((unit, candidate.start(), candidate.start()));
            at = next_boundary(text, candidate.start());
        }
        Ok(Some(to_characters(text, found).into_iter().map(|(_, start, _)| start).collect()))
    }

    /// Compiles unit `unit` now (its first search would); a ValueError says why it cannot.
    fn prepare(&self, unit: usize) -> PyResult<()> {
        self.exact(unit)?;
        self.relaxed(unit).map(|_| ())
    }
}

impl PatternPass {
    fn regexes(&self, unit: usize) -> PyResult<&UnitRegexes> {
        match self.units.get(unit) {
            Some(Some(regexes)) => Ok(regexes),
            _ => Err(PyValueError::new_err(format!("unit {unit} has no expression"))),
        }
    }

    fn exact(&self, unit: usize) -> PyResult<&Regex> {
        let regexes = self.regexes(unit)?;
        let Some(exact) = regexes.exact.as_deref() else {
            return Err(PyValueError::new_err(format!("unit {unit} runs on the Python path")));
        };
        let compiled = regexes.compiled_exact.get_or_init(|| compile(exact));
        compiled.as_ref().map_err(|e| PyValueError::new_err(format!("unit {unit}: {e}")))
    }

    fn relaxed(&self, unit: usize) -> PyResult<&Regex> {
        let regexes = self.regexes(unit)?;
        let compiled = regexes.compiled_relaxed.get_or_init(|| compile_relaxed(&regexes.relaxed));
        compiled.as_ref().map_err(|e| PyValueError::new_err(format!("unit {unit}: {e}")))
    }

    /// The strings' automaton for a text of `bytes` more: the DFA once built, the NFA
    /// until DFA_AFTER_BYTES have been screened (a DFA that fails to build: the NFA).
    fn string_automaton(&self, bytes: usize) -> Option<&AhoCorasick> {
        let nfa = self.strings.as_ref()?;
        if let Some(dfa) = self.strings_dfa.get() {
            return Some(dfa.as_ref().unwrap_or(nfa));
        }
        if self.screened_bytes.fetch_add(bytes, Ordering::Relaxed) < DFA_AFTER_BYTES {
            return Some(nfa);
        }
        let dfa = self
            .strings_dfa
            .get_or_init(|| automaton(&self.string_list, AhoCorasickKind::DFA).ok());
        Some(dfa.as_ref().unwrap_or(nfa))
    }
}

/// The spans of group `group` of the exact expression's leftmost-first, non-overlapping
/// matches (as `captures_iter` finds them), tried only where the relaxed expression
/// matches. Every exact match is a relaxed match from the same start (the relaxed one
/// only lacks assertions), so the next exact match starts at the leftmost start, from
/// there on, where the relaxed one matches or further; the exact expression is run
/// anchored there. A Unicode word boundary makes the exact expression run on the
/// PikeVM, whose search over a whole page costs far more than the lazy DFA's search of
/// the relaxed one plus an anchored attempt per candidate start. None on an empty
/// match, whose iteration rules `captures_iter` keeps.
fn anchored_matches(
    relaxed: &Regex,
    exact: &Regex,
    text: &str,
    first: usize,
    group: usize,
) -> Option<Vec<(usize, usize)>> {
    let mut found = Vec::new();
    let mut captures = exact.create_captures();
    let mut at = first;
    while at <= text.len() {
        let Some(candidate) = relaxed.find(Input::new(text).range(at..)) else { break };
        let start = candidate.start();
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        exact.search_captures(&input, &mut captures);
        match captures.get_match() {
            Some(whole) if whole.is_empty() => return None,
            Some(whole) => {
                if let Some(span) = captures.get_group(group) {
                    found.push((span.start, span.end));
                }
                at = whole.end();
            }
            None => at = next_boundary(text, start),
        }
    }
    Some(found)
}

/// The byte offset of the character after the one at `at` (the text's end: one past).
fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at + 1, |c| at + c.len_utf8())
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

