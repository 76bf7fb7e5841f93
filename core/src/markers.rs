//! The structure view's page-furniture markers, comment signatures, words of a
//! subscription or legal box, legal footers and dates (newslint/structure/markers.py
//! holds the patterns and says what each is), matched as Python's `re` matches them.
//!
//! The patterns come from Python, translated into this crate's syntax by
//! `newslint/declarative/translate.py`, each on first use (`source`): compiling the
//! marker pattern takes longer than checking a short text, which most often never
//! needs it (the first-word test below decides most lines).
//!
//! Python's `re` and the regex engine here disagree on a few characters (which are
//! `\w`, `\d` or `\s`, and so where `\b` is: combining marks, superscript digits,
//! letters newer than the interpreter's Unicode tables, "ⓒ", "\x1c"). A pattern's
//! result depends on a character only through its identity when the pattern names it
//! and, otherwise, through those three classes: so each such character of a text is
//! replaced, before matching, by one both engines class as Python classes it (asked of
//! Python once per character, by `classify`), and the characters the pattern names are
//! replaced in the pattern and the text alike by private-use characters (`remap`).
//! Lone surrogates, which a Rust str cannot hold, become a private-use character.
//!
//! The marker pattern is matched kind by kind, as Python's backtracking reads
//! `_LEAD(?:(?P<COMMENTS>...)|(?P<RELATED>...)|...)`: after the longest run of leading
//! signs, then one sign shorter, and so on, the first kind that matches there wins.
//!
//! The first-word test (`may_be_marked`, markers._may_be_marked) and the hints are
//! Python's str operations: `split()` and `isdigit()` read the properties `classify`
//! gives.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use regex_automata::meta::Regex;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

/// Properties of a character, as `classify` gives them (function_words.char_properties).
const SPACE: u8 = 1;
const DIGIT: u8 = 16;
const ALNUM: u8 = 32;
const DECIMAL: u8 = 64;

/// A character's classes for a regular expression: `\w`, `\d`, `\s`.
const WORD: u8 = 1;
const DIGIT_CLASS: u8 = 2;
const SPACE_CLASS: u8 = 4;

/// What replaces a character the engines disagree on, by Python's classes: one that
/// both class alike and that no pattern names (test_markers_parity.py checks both).
const OTHER_STANDIN: char = '\u{F8FF}'; // private use
const WORD_STANDIN: char = '\u{01C2}'; // ǂ, a letter
const DIGIT_STANDIN: char = '\u{0663}'; // ٣, a decimal digit
const SPACE_STANDIN: char = '\u{2003}'; // em space
/// Private-use characters: never named by a pattern, they stand for named ones.
const PRIVATE_USE: std::ops::RangeInclusive<char> = '\u{E000}'..='\u{F8FF}';

/// The patterns, in the order of markers._SOURCES.
const MARKERS: usize = 0;
const TAIL: usize = 1;
const SIGNED: usize = 2;
const FOOTER: usize = 3;
const DATE: usize = 4;
const PATTERNS: usize = 5;

/// markers.TAIL_HEAD (tail_marker's head) and markers.SIGNATURE_TAIL, in characters.
const TAIL_HEAD: usize = 400;
pub(crate) const SIGNATURE_TAIL: usize = 160;

/// A pattern's pieces, compiled: its exact and relaxed expressions (the relaxed one
/// without word boundaries, which matches wherever the exact one does, is run first:
/// the lazy DFA runs it on any text, where a Unicode word boundary makes the exact one
/// fall back to the PikeVM at the first non-ASCII character); and the characters it
/// names that stand in for others. The marker pattern's pieces are _LEAD and the kinds.
struct Compiled {
    pieces: Vec<(Regex, Regex)>,
    remap: HashMap<char, char>,
}

/// The marker tests of the structure view (see markers.py).
#[pyclass(frozen)]
pub struct MarkerReader {
    first_words: HashSet<String>,
    ambiguous: HashMap<String, HashSet<String>>,
    special: Vec<char>,
    lead: Vec<char>,
    token_end: Vec<char>,
    authors: Vec<String>,
    /// markers._NOT_A_NAME: words after "About" that start no name
    pub(crate) not_a_name: HashSet<String>,
    signed_hints: AhoCorasick,
    tail_hints: AhoCorasick,
    classify: Py<PyAny>,
    source: Py<PyAny>,
    compiled: [OnceLock<Result<Compiled, String>>; PATTERNS],
    /// Python's properties of the characters met (as `classify` gives them).
    properties: Mutex<HashMap<char, u8>>,
    /// What stands for each character met (itself when the engines class it alike).
    standins: Mutex<HashMap<char, char>>,
    /// `\w`, `\d`, `\s` and a word boundary after one character, as this engine reads them.
    classes: OnceLock<[Regex; 4]>,
}

/// A Python str as a Rust one: lone surrogates, which a Rust str cannot hold, become
/// OTHER_STANDIN (like a surrogate, no pattern, hint or word names it, and it is no
/// space, digit or word character for either engine).
fn text_of<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(plain) = text.to_str() {
        return Ok(Cow::Borrowed(plain));
    }
    let encoded = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(Cow::Owned(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .map(|cp| char::from_u32(cp).unwrap_or(OTHER_STANDIN))
            .collect(),
    ))
}

/// The code points of a Python str as a Rust string, as `text_of` reads the str.
pub(crate) fn str_of(points: &[u32]) -> String {
    points
        .iter()
        .map(|&cp| char::from_u32(cp).unwrap_or(OTHER_STANDIN))
        .collect()
}

/// The first `count` characters of `text`.
fn first_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(at, _)| &text[..at])
}

/// The last `count` characters of `text`.
fn last_chars(text: &str, count: usize) -> &str {
    if count == 0 {
        return "";
    }
    text.char_indices()
        .rev()
        .nth(count - 1)
        .map_or(text, |(at, _)| &text[at..])
}

fn build(pattern: &str) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().utf8(true))
        .configure(
            Regex::config()
                .match_kind(MatchKind::LeftmostFirst)
                .nfa_size_limit(Some(64 << 20)),
        )
        .build(pattern)
        .map_err(|e| e.to_string())
}

fn hints(strings: &[String]) -> PyResult<AhoCorasick> {
    AhoCorasick::new(strings).map_err(|e| PyValueError::new_err(format!("hints: {e}")))
}

#[pymethods]
impl MarkerReader {
    /// The first-word test's data (markers._FIRST_WORDS, _AMBIGUOUS, _SPECIAL,
    /// _LEAD_CHARS, _TOKEN_END, _AUTHORS), the words after "About" that start no name
    /// (_NOT_A_NAME), the hints of signatures and tail words;
    /// `classify(code point) -> int`: Python's properties of a character;
    /// `source(pattern) -> (exact, relaxed, remap)`: a pattern's pieces in this crate's
    /// syntax, the same without word boundaries, and the characters it names that stand
    /// for others (asked once, on first use).
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        first_words: HashSet<String>,
        ambiguous: HashMap<String, HashSet<String>>,
        special: &str,
        lead: &str,
        token_end: &str,
        authors: Vec<String>,
        not_a_name: HashSet<String>,
        signed_hints: Vec<String>,
        tail_hints: Vec<String>,
        classify: Py<PyAny>,
        source: Py<PyAny>,
    ) -> PyResult<Self> {
        Ok(Self {
            first_words,
            ambiguous,
            special: special.chars().collect(),
            lead: lead.chars().collect(),
            token_end: token_end.chars().collect(),
            authors,
            not_a_name,
            signed_hints: hints(&signed_hints)?,
            tail_hints: hints(&tail_hints)?,
            classify,
            source,
            compiled: Default::default(),
            properties: Mutex::new(HashMap::new()),
            standins: Mutex::new(HashMap::new()),
            classes: OnceLock::new(),
        })
    }

    /// The kind of marker (its index in markers.Marker) a lower-cased line starts with,
    /// or None (markers.marker).
    fn marker(&self, py: Python<'_>, lowered: &Bound<'_, PyString>) -> PyResult<Option<usize>> {
        self.marker_of(py, &text_of(lowered)?)
    }

    /// `marker` of each line; None where a line is None (not asked).
    fn markers(
        &self,
        py: Python<'_>,
        lowered: Vec<Option<Bound<'_, PyString>>>,
    ) -> PyResult<Vec<Option<usize>>> {
        let mut found = Vec::with_capacity(lowered.len());
        for line in &lowered {
            found.push(match line {
                Some(line) => self.marker_of(py, &text_of(line)?)?,
                None => None,
            });
        }
        Ok(found)
    }

    /// Whether each lower-cased paragraph ends with a comment's signature in its last
    /// SIGNATURE_TAIL characters (markers.signed).
    fn signed(&self, py: Python<'_>, lowered: Vec<Bound<'_, PyString>>) -> PyResult<Vec<bool>> {
        let mut found = Vec::with_capacity(lowered.len());
        for line in &lowered {
            found.push(self.signed_of(py, &text_of(line)?)?);
        }
        Ok(found)
    }

    /// Whether each lower-cased line holds words of a subscription, follow or legal box
    /// in its first TAIL_HEAD characters (markers.tail_marker).
    fn tail_words(&self, py: Python<'_>, lowered: Vec<Bound<'_, PyString>>) -> PyResult<Vec<bool>> {
        lowered.iter().map(|line| self.tail_marker(py, line)).collect()
    }

    /// Whether a lower-cased line is the rights line of a footer (markers.footer).
    fn footer(&self, py: Python<'_>, lowered: &Bound<'_, PyString>) -> PyResult<bool> {
        self.footer_of(py, lowered)
    }

    /// Whether each lower-cased text holds a date or a time of day (markers.DATE_TIME).
    fn dates(&self, py: Python<'_>, texts: Vec<Bound<'_, PyString>>) -> PyResult<Vec<bool>> {
        texts.iter().map(|text| self.date_of(py, &text_of(text)?)).collect()
    }

    /// Whether Python's `re` and this crate's engine class a character alike (`\w`,
    /// `\d`, `\s`, word boundaries).
    fn agrees(&self, py: Python<'_>, cp: u32) -> PyResult<bool> {
        let Some(c) = char::from_u32(cp) else {
            return Ok(false); // a surrogate
        };
        Ok(self.python_classes(py, c)? == self.core_classes(c))
    }
}

impl MarkerReader {
    /// Whether a lower-cased line holds tail words (`tail_words` of one line).
    pub(crate) fn tail_marker(
        &self,
        py: Python<'_>,
        lowered: &Bound<'_, PyString>,
    ) -> PyResult<bool> {
        self.tail_marker_of(py, &text_of(lowered)?)
    }

    /// `tail_marker` of a line as a Rust str (`str_of` of its code points).
    pub(crate) fn tail_marker_of(&self, py: Python<'_>, lowered: &str) -> PyResult<bool> {
        let head = first_chars(lowered, TAIL_HEAD);
        Ok(self.tail_hints.is_match(head) && self.search(py, TAIL, head)?)
    }

    /// Whether a lower-cased paragraph ends with a comment's signature (`signed` of one
    /// paragraph, as a Rust str).
    pub(crate) fn signed_of(&self, py: Python<'_>, lowered: &str) -> PyResult<bool> {
        let tail = last_chars(lowered, SIGNATURE_TAIL);
        Ok(self.signed_hints.is_match(tail) && self.search(py, SIGNED, tail)?)
    }

    /// Whether a lower-cased text holds a date or a time of day (`dates` of one text).
    pub(crate) fn date_of(&self, py: Python<'_>, lowered: &str) -> PyResult<bool> {
        self.search(py, DATE, lowered)
    }

    /// `footer`, for the segmentation (`segment.rs`).
    pub(crate) fn footer_of(
        &self,
        py: Python<'_>,
        lowered: &Bound<'_, PyString>,
    ) -> PyResult<bool> {
        self.search(py, FOOTER, &text_of(lowered)?)
    }

    pub(crate) fn marker_of(&self, py: Python<'_>, lowered: &str) -> PyResult<Option<usize>> {
        if !self.may_be_marked(py, lowered)? {
            return Ok(None);
        }
        let compiled = self.compiled(py, MARKERS)?;
        let haystack = self.haystack(py, lowered, &compiled.remap)?;
        let haystack: &str = &haystack;
        let (lead, kinds) = compiled.pieces.split_first().expect("_LEAD and the kinds");
        let anchored = Input::new(haystack).anchored(Anchored::Yes);
        let end = lead.0.search(&anchored).map_or(0, |found| found.end());
        // _LEAD is a run of signs: Python tries the longest, then shorter ones
        let starts = haystack[..end].char_indices().map(|(at, _)| at);
        for start in starts.chain([end]).rev() {
            let input = anchored.clone().range(start..);
            for (kind, (exact, relaxed)) in kinds.iter().enumerate() {
                if relaxed.is_match(input.clone()) && exact.is_match(input.clone()) {
                    return Ok(Some(kind));
                }
            }
        }
        Ok(None)
    }

    fn search(&self, py: Python<'_>, pattern: usize, text: &str) -> PyResult<bool> {
        let compiled = self.compiled(py, pattern)?;
        let haystack = self.haystack(py, text, &compiled.remap)?;
        let (exact, relaxed) = &compiled.pieces[0];
        Ok(relaxed.is_match(haystack.as_ref()) && exact.is_match(haystack.as_ref()))
    }

    /// Pattern `index`, compiled on first use.
    fn compiled(&self, py: Python<'_>, index: usize) -> PyResult<&Compiled> {
        let compiled = self.compiled[index].get_or_init(|| self.compile(py, index));
        compiled
            .as_ref()
            .map_err(|e| PyValueError::new_err(format!("marker pattern {index}: {e}")))
    }

    fn compile(&self, py: Python<'_>, index: usize) -> Result<Compiled, String> {
        type Source = (Vec<String>, Vec<String>, HashMap<char, char>);
        let (exact, relaxed, remap): Source = self
            .source
            .bind(py)
            .call1((index,))
            .and_then(|found| found.extract())
            .map_err(|e| e.to_string())?;
        let pieces = exact
            .iter()
            .zip(&relaxed)
            .map(|(exact, relaxed)| Ok((build(exact)?, build(relaxed)?)))
            .collect::<Result<Vec<_>, String>>()?;
        if pieces.is_empty() || exact.len() != relaxed.len() {
            return Err("as many relaxed pieces as exact ones, at least one".to_string());
        }
        Ok(Compiled { pieces, remap })
    }

    /// `text` as the compiled patterns read it (see the module's comment).
    fn haystack<'t>(
        &self,
        py: Python<'_>,
        text: &'t str,
        remap: &HashMap<char, char>,
    ) -> PyResult<Cow<'t, str>> {
        let plain = |b: &u8| (0x20..0x7F).contains(b) || *b == b'\n' || *b == b'\t';
        if text.bytes().all(|b| plain(&b)) {
            return Ok(Cow::Borrowed(text)); // ASCII the engines class alike
        }
        let mut haystack = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            haystack.push(match remap.get(&c) {
                Some(&named) => named,
                None if PRIVATE_USE.contains(&c) => OTHER_STANDIN,
                None => self.standin(py, c)?,
            });
        }
        Ok(Cow::Owned(haystack))
    }

    /// The character that stands for `c` (itself when both engines class it alike).
    fn standin(&self, py: Python<'_>, c: char) -> PyResult<char> {
        if matches!(c, ' '..='~' | '\n' | '\t') {
            return Ok(c); // printable ASCII, tab and newline: classed alike
        }
        if let Some(&known) = self.standins.lock().expect("the stand-ins").get(&c) {
            return Ok(known);
        }
        let python = self.python_classes(py, c)?;
        let found = if python == self.core_classes(c) {
            c
        } else if python & DIGIT_CLASS != 0 {
            DIGIT_STANDIN
        } else if python & WORD != 0 {
            WORD_STANDIN
        } else if python & SPACE_CLASS != 0 {
            SPACE_STANDIN
        } else {
            OTHER_STANDIN
        };
        self.standins
            .lock()
            .expect("the stand-ins")
            .insert(c, found);
        Ok(found)
    }

    /// Python's properties of a character (`classify`, kept).
    fn properties(&self, py: Python<'_>, c: char) -> PyResult<u8> {
        if let Some(&known) = self.properties.lock().expect("the properties").get(&c) {
            return Ok(known);
        }
        let found: u8 = self.classify.bind(py).call1((u32::from(c),))?.extract()?;
        self.properties
            .lock()
            .expect("the properties")
            .insert(c, found);
        Ok(found)
    }

    /// Python's `str.isspace()` or `str.isdigit()` of one character.
    fn has(&self, py: Python<'_>, c: char, property: u8) -> PyResult<bool> {
        if c.is_ascii() {
            return Ok(match property {
                SPACE => matches!(c, '\t'..='\r' | '\x1C'..=' '),
                DIGIT => c.is_ascii_digit(),
                _ => self.properties(py, c)? & property != 0,
            });
        }
        Ok(self.properties(py, c)? & property != 0)
    }

    /// `\w`, `\d`, `\s` of Python's `re` (str patterns): alphanumeric or "_", decimal,
    /// white space.
    fn python_classes(&self, py: Python<'_>, c: char) -> PyResult<u8> {
        let properties = self.properties(py, c)?;
        let mut classes = 0;
        if properties & ALNUM != 0 || c == '_' {
            classes |= WORD;
        }
        if properties & DECIMAL != 0 {
            classes |= DIGIT_CLASS;
        }
        if properties & SPACE != 0 {
            classes |= SPACE_CLASS;
        }
        Ok(classes)
    }

    /// The same classes as this crate's engine reads them; a character whose word
    /// boundary disagrees with its `\w` counts as no class at all (it is replaced).
    fn core_classes(&self, c: char) -> u8 {
        let classes = self.classes.get_or_init(|| {
            [r"\A\w\z", r"\A\d\z", r"\A\s\z", r"\A(?s:.)\b\z"]
                .map(|pattern| build(pattern).expect("a class pattern"))
        });
        let text = c.to_string();
        let test = |index: usize| classes[index].is_match(text.as_str());
        let word = test(0);
        if word != test(3) {
            return u8::MAX;
        }
        u8::from(word) * WORD + u8::from(test(1)) * DIGIT_CLASS + u8::from(test(2)) * SPACE_CLASS
    }

    /// markers._may_be_marked: a necessary condition for `marker_of` to find a kind.
    fn may_be_marked(&self, py: Python<'_>, lowered: &str) -> PyResult<bool> {
        let stripped = lowered.trim_start_matches(|c| self.lead.contains(&c));
        let (Some(first), Some(start)) = (stripped.chars().next(), lowered.chars().next()) else {
            return Ok(false);
        };
        if self.special.contains(&start) || self.special.contains(&first) {
            return Ok(true);
        }
        let (tokens, more) = self.split_two(py, stripped)?;
        let Some(&head) = tokens.first() else {
            return Err(PyIndexError::new_err("list index out of range"));
        };
        let token = head.trim_end_matches(|c| self.token_end.contains(&c));
        if self.first_words.contains(token) || head.ends_with(':') {
            return Ok(true);
        }
        if let Some(seconds) = self.ambiguous.get(token) {
            let second = tokens.get(1).map_or("", |piece| {
                piece.trim_end_matches(|c| self.token_end.contains(&c))
            });
            let digit = match second.chars().next() {
                Some(c) => self.has(py, c, DIGIT)?,
                None => false,
            };
            if second.is_empty() || seconds.contains(second) || digit {
                return Ok(true);
            }
        }
        if lowered.contains('@') && tokens.len() + usize::from(more) < 3 {
            return Ok(true); // an e-mail address alone (or "Email: ...")
        }
        if lowered.contains("contribut") || self.ends_like_a_label(py, lowered)? {
            return Ok(true); // "... contributed to this report", "Mark says:", "Mark said..."
        }
        // "Jane Doe is a reporter at ..."
        Ok(lowered.contains(" is ") && self.authors.iter().any(|a| lowered.contains(a.as_str())))
    }

    /// `lowered.rstrip().endswith((":", "...", "…"))`.
    fn ends_like_a_label(&self, py: Python<'_>, lowered: &str) -> PyResult<bool> {
        let mut end = lowered.len();
        for (at, c) in lowered.char_indices().rev() {
            if !self.has(py, c, SPACE)? {
                break;
            }
            end = at;
        }
        let text = &lowered[..end];
        Ok(text.ends_with(':') || text.ends_with("...") || text.ends_with('…'))
    }

    /// The first two pieces of `str.split(None, 2)`, and whether a third follows.
    fn split_two<'t>(&self, py: Python<'_>, text: &'t str) -> PyResult<(Vec<&'t str>, bool)> {
        let mut pieces = Vec::with_capacity(2);
        let mut start = None;
        for (at, c) in text.char_indices() {
            let space = self.has(py, c, SPACE)?;
            match (space, start) {
                (true, Some(from)) => {
                    pieces.push(&text[from..at]);
                    start = None;
                }
                (false, None) if pieces.len() == 2 => return Ok((pieces, true)),
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        if let Some(from) = start {
            pieces.push(&text[from..]);
        }
        Ok((pieces, false))
    }
}
