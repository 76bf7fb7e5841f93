//! How the paragraphs of a page read: a reader's comment or the article's reporting
//! (newslint/structure/reader_voice.py says what the voice is and how a thread is found
//! from it; `tests/reader_voice_oracle.py` holds the Python this replaces).
//!
//! Per paragraph: its own words (quotations and web or mail addresses left out), its
//! first- and second-person pronouns and reporting verbs (white-space pieces of the
//! lower-cased text, looked up as they are: the word lists hold the signs that stick to
//! a word), and the marks of informal typing (lower-case start, glued sentences, "....",
//! "!!", words in capitals, "!"). Python's regular expressions cost about 40 ns a
//! character for each of these; here the paragraph is read a few times, at a few ns.
//!
//! Character properties are Python's (`UnitReader::flags`, asked once per character)
//! and so is lower case (`str.lower` of each character that is not ASCII, asked once),
//! so that the readings are those of the Python they replace, in the running
//! interpreter's Unicode version.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::units::{code_points, TextHasher, UnitReader, ALNUM, ALPHA, DECIMAL, LOWER, SPACE};

/// reader_voice.MIN_WORDS: a paragraph with fewer words is not judged.
const MIN_WORDS: usize = 3;
/// reader_voice.SECOND_PERSON: a second-person pronoun weighs half a first-person one.
const SECOND_PERSON: f64 = 0.5;
/// The lists a word is in, as bits.
const FIRST_PERSON: u8 = 1;
const SECOND: u8 = 2;
const REPORTING: u8 = 4;

/// One language's words of the voice (reader_voice.Voice), and lower case.
#[pyclass(frozen)]
pub struct VoiceWords {
    /// each word of the lists, with the lists it is in (FIRST_PERSON, ...)
    kinds: HashMap<String, u8, BuildHasherDefault<TextHasher>>,
    /// the longest word of the lists, in characters: a longer piece is in none
    longest: usize,
    /// the first characters of the words and elided prefixes: a piece that starts
    /// otherwise (in lower case) is in none
    firsts: HashSet<char>,
    elided: Vec<String>,
    lower: Py<PyAny>,
    lowered: Mutex<HashMap<u32, String>>,
}

#[pymethods]
impl VoiceWords {
    /// The word sets of a `reader_voice.Voice` (with their signs), its elided prefixes,
    /// and `lower(code point) -> str`: `chr(code).lower()`.
    #[new]
    fn new(
        first_person: HashSet<String>,
        second_person: HashSet<String>,
        reporting: HashSet<String>,
        elided: Vec<String>,
        lower: Py<PyAny>,
    ) -> Self {
        let mut kinds: HashMap<String, u8, BuildHasherDefault<TextHasher>> = HashMap::default();
        for (list, kind) in [
            (first_person, FIRST_PERSON),
            (second_person, SECOND),
            (reporting, REPORTING),
        ] {
            for word in list {
                *kinds.entry(word).or_default() |= kind;
            }
        }
        let longest = kinds
            .keys()
            .map(|word| word.chars().count())
            .max()
            .unwrap_or(0);
        let firsts = kinds
            .keys()
            .chain(elided.iter())
            .filter_map(|word| word.chars().next())
            .collect();
        VoiceWords {
            kinds,
            longest,
            firsts,
            elided,
            lower,
            lowered: Mutex::new(HashMap::new()),
        }
    }
}

impl VoiceWords {
    /// `piece` lower-cased as `str.lower` does it, character by character. A character
    /// whose lower case Rust cannot hold (a lone surrogate) stands as U+FFFD, which no
    /// word of the lists holds either.
    fn lower_case(&self, py: Python<'_>, piece: &[u32], text: &mut String) -> PyResult<()> {
        text.clear();
        for &cp in piece {
            match char::from_u32(cp) {
                Some(c) if c.is_ascii() => text.push(c.to_ascii_lowercase()),
                _ => text.push_str(&self.lowered(py, cp)?),
            }
        }
        Ok(())
    }

    /// A piece starting with `cp` may be one of the words, or start with an elided one.
    fn may_start(&self, py: Python<'_>, cp: u32) -> PyResult<bool> {
        let first = match char::from_u32(cp) {
            Some(c) if c.is_ascii() => Some(c.to_ascii_lowercase()),
            _ => self.lowered(py, cp)?.chars().next(),
        };
        Ok(first.is_some_and(|c| self.firsts.contains(&c)))
    }

    fn lowered(&self, py: Python<'_>, cp: u32) -> PyResult<String> {
        let cache = || self.lowered.lock().expect("the cache of lower case");
        if let Some(known) = cache().get(&cp) {
            return Ok(known.clone());
        }
        // Python is called without the lock held: it may run other threads meanwhile.
        let found = self.lower.bind(py).call1((cp,))?;
        let found: String = found.extract().unwrap_or_else(|_| "\u{FFFD}".to_owned());
        cache().insert(cp, found.clone());
        Ok(found)
    }
}

/// What reader_voice.voice reads in a paragraph, and how many words the paragraph holds
/// (`len(text.split())`): (score, first person, informal, words).
type Reading = (f64, bool, bool, usize);

/// The readings of `texts`, the paragraphs of a page, with `reader`'s character
/// properties (any language's: only the properties are read) and `words`.
#[pyfunction]
pub fn voice_readings(
    py: Python<'_>,
    reader: PyRef<'_, UnitReader>,
    words: PyRef<'_, VoiceWords>,
    texts: Vec<Bound<'_, PyString>>,
) -> PyResult<Vec<Reading>> {
    texts
        .iter()
        .map(|text| Paragraph::read(py, &reader, code_points(text)?)?.reading(py, &words))
        .collect()
}

/// A paragraph's characters and their properties.
struct Paragraph {
    chars: Vec<u32>,
    flags: Vec<u8>,
}

impl Paragraph {
    fn read(py: Python<'_>, reader: &UnitReader, chars: Vec<u32>) -> PyResult<Self> {
        let flags = chars
            .iter()
            .map(|&cp| reader.flags(py, cp))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Paragraph { chars, flags })
    }

    /// The same text with some spans made one space each (as `re.sub(..., " ", ...)`).
    fn without(self, spans: &[(usize, usize)]) -> Self {
        if spans.is_empty() {
            return self;
        }
        let mut chars = Vec::with_capacity(self.chars.len());
        let mut flags = Vec::with_capacity(self.chars.len());
        let mut at = 0;
        for &(start, end) in spans {
            chars.extend_from_slice(&self.chars[at..start]);
            flags.extend_from_slice(&self.flags[at..start]);
            chars.push(' ' as u32);
            flags.push(SPACE);
            at = end;
        }
        chars.extend_from_slice(&self.chars[at..]);
        flags.extend_from_slice(&self.flags[at..]);
        Paragraph { chars, flags }
    }

    /// The character at `index` if it is ASCII (NUL for any other, or past the end):
    /// what the tests of signs below compare, without decoding a `char`.
    fn ascii(&self, index: usize) -> u8 {
        match self.chars.get(index) {
            Some(&cp) if cp < 0x80 => cp as u8,
            _ => 0,
        }
    }

    fn is(&self, index: usize, c: char) -> bool {
        self.chars.get(index) == Some(&(c as u32))
    }

    fn has(&self, index: usize, flag: u8) -> bool {
        self.flags.get(index).is_some_and(|f| f & flag != 0)
    }

    /// `re`'s `\w`: alphanumeric or the underscore.
    fn word(&self, index: usize) -> bool {
        self.has(index, ALNUM) || self.is(index, '_')
    }

    /// `[^\W\d_]`: a word character that is neither a digit nor the underscore.
    fn letter(&self, index: usize) -> bool {
        self.has(index, ALNUM) && !self.has(index, DECIMAL)
    }

    fn starts_with(&self, index: usize, prefix: &str) -> bool {
        prefix
            .chars()
            .enumerate()
            .all(|(i, c)| self.is(index + i, c))
    }

    /// The paragraph holds one of `chars`: a quick test before a slower reading.
    fn holds_any(&self, chars: &[char]) -> bool {
        self.chars
            .iter()
            .any(|&cp| chars.iter().any(|&c| cp == c as u32))
    }

    /// Where the white-space-free run from `index` ends (`\S*`).
    fn run_end(&self, index: usize) -> usize {
        (index..self.chars.len())
            .find(|&i| self.has(i, SPACE))
            .unwrap_or(self.chars.len())
    }

    /// reader_voice._own_words: without quotations, then without web and mail addresses.
    fn own_words(self) -> Self {
        let quotations = self.quotations();
        let own = self.without(&quotations);
        if !own.may_hold_address() {
            return own;
        }
        let addresses = own.addresses();
        own.without(&addresses)
    }

    /// An address needs an "@", "://" or "www.": most paragraphs hold none.
    fn may_hold_address(&self) -> bool {
        (0..self.chars.len()).any(|i| match self.ascii(i) {
            b'@' => true,
            b':' => self.starts_with(i, "://"),
            b'w' => self.starts_with(i, "www."),
            _ => false,
        })
    }

    /// `"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]`, leftmost first.
    fn quotations(&self) -> Vec<(usize, usize)> {
        const STRAIGHT: u32 = '"' as u32;
        let closers = |open: u32| -> &'static [char] {
            match open {
                STRAIGHT => &['"'],
                0x201C => &['”'],      // “
                0xAB => &['»'],        // «
                0x201E => &['“', '”'], // „
                _ => &[],
            }
        };
        let mut spans = Vec::new();
        let mut at = 0;
        while at < self.chars.len() {
            let wanted = closers(self.chars[at]);
            let close = (!wanted.is_empty())
                .then(|| {
                    (at + 1..self.chars.len()).find(|&i| wanted.iter().any(|&c| self.is(i, c)))
                })
                .flatten();
            match close {
                Some(end) => {
                    spans.push((at, end + 1));
                    at = end + 1;
                }
                None => at += 1,
            }
        }
        spans
    }

    /// `(?:https?://|www\.)\S*|[\w.+-]+@\w\S*`, leftmost first.
    fn addresses(&self) -> Vec<(usize, usize)> {
        let in_name =
            |i: usize| self.word(i) || self.is(i, '.') || self.is(i, '+') || self.is(i, '-');
        let mut spans = Vec::new();
        let mut at = 0;
        // Where the run of name characters that holds `at` ends: the same for each of its
        // positions, so found once per run.
        let mut name_end = 0;
        while at < self.chars.len() {
            let opens = matches!(self.ascii(at), b'h' | b'w');
            if opens
                && ["http://", "https://", "www."]
                    .iter()
                    .any(|p| self.starts_with(at, p))
            {
                let end = self.run_end(at);
                spans.push((at, end));
                at = end.max(at + 1);
                continue;
            }
            if in_name(at) {
                if name_end <= at {
                    name_end = (at..self.chars.len())
                        .find(|&i| !in_name(i))
                        .unwrap_or(self.chars.len());
                }
                if self.is(name_end, '@') && self.word(name_end + 1) {
                    let end = self.run_end(name_end + 1);
                    spans.push((at, end));
                    at = end;
                    continue;
                }
            }
            at += 1;
        }
        spans
    }

    /// The white-space-separated pieces (`str.split()`), as index ranges.
    fn pieces(&self) -> Vec<(usize, usize)> {
        let mut pieces = Vec::new();
        let mut start = None;
        for index in 0..self.chars.len() {
            match (self.has(index, SPACE), start) {
                (true, Some(from)) => {
                    pieces.push((from, index));
                    start = None;
                }
                (false, None) => start = Some(index),
                _ => {}
            }
        }
        if let Some(from) = start {
            pieces.push((from, self.chars.len()));
        }
        pieces
    }

    /// reader_voice._glued: a lower-case letter, then ".", ",", "!" or "?" and two letters.
    fn glued(&self) -> bool {
        (1..self.chars.len()).any(|i| {
            matches!(self.ascii(i), b'.' | b',' | b'!' | b'?')
                && self.letter(i + 1)
                && self.letter(i + 2)
                && self.has(i - 1, LOWER)
        })
    }

    /// reader_voice._INSISTING: "....", "!!", "??", "?!", "!?", "... " or "..." before a
    /// lower-case Latin letter, or "..." after white space.
    fn insisting(&self) -> bool {
        let latin_lower = |i: usize| {
            self.chars.get(i).is_some_and(|&cp| {
                cp == ' ' as u32
                    || ('a' as u32..='z' as u32).contains(&cp)
                    || (0xDF..=0xF6).contains(&cp)
                    || (0xF8..=0xFF).contains(&cp)
            })
        };
        if !self.holds_any(&['.', '!', '?']) {
            return false;
        }
        (0..self.chars.len()).any(|i| match self.ascii(i) {
            b'.' => {
                self.starts_with(i, "....") || (self.starts_with(i, "...") && latin_lower(i + 3))
            }
            b'!' => self.is(i + 1, '!') || self.is(i + 1, '?'),
            b'?' => self.is(i + 1, '?') || self.is(i + 1, '!'),
            _ => self.has(i, SPACE) && self.starts_with(i + 1, "..."),
        })
    }

    /// reader_voice._shouted: a word of four capitals or more, A to Z.
    fn shouted(&self) -> bool {
        let capital = |i: usize| {
            self.chars
                .get(i)
                .is_some_and(|&cp| (b'A' as u32..=b'Z' as u32).contains(&cp))
        };
        let mut at = 0;
        while at < self.chars.len() {
            if !capital(at) {
                at += 1;
                continue;
            }
            let end = (at..self.chars.len())
                .find(|&i| !capital(i))
                .unwrap_or(self.chars.len());
            if end - at >= 4 && (at == 0 || !self.word(at - 1)) && !self.word(end) {
                return true;
            }
            at = end;
        }
        false
    }

    /// The paragraph's words (`len(text.split())`) and reader_voice.voice's reading.
    fn reading(self, py: Python<'_>, words: &VoiceWords) -> PyResult<Reading> {
        let words_count = self.pieces().len();
        let own = self.own_words();
        let pieces = own.pieces();
        if pieces.len() < MIN_WORDS {
            return Ok((0.0, false, false, words_count));
        }
        let (mut first, mut second, mut reporting) = (0usize, 0usize, false);
        let mut token = String::new();
        for &(start, end) in &pieces {
            let piece = &own.chars[start..end];
            // Lower case never makes a piece shorter in characters: a piece longer than
            // every word is none of them (but may start with an elided pronoun).
            if piece.len() > words.longest && words.elided.is_empty() {
                continue;
            }
            if !words.may_start(py, piece[0])? {
                continue;
            }
            words.lower_case(py, piece, &mut token)?;
            let kinds = words.kinds.get(token.as_str()).copied().unwrap_or(0);
            first += usize::from(kinds & FIRST_PERSON != 0);
            first += usize::from(words.elided.iter().any(|p| token.starts_with(p.as_str())));
            second += usize::from(kinds & SECOND != 0);
            reporting |= kinds & REPORTING != 0;
        }
        let (glued, insisting, shouted) = (own.glued(), own.insisting(), own.shouted());
        let exclaims = own.chars.contains(&('!' as u32));
        let lower_start = own.has(0, LOWER);
        let mut score = (first as f64 + SECOND_PERSON * second as f64).min(3.0);
        score += 1.5 * f64::from(u8::from(glued))
            + 1.5 * f64::from(u8::from(insisting))
            + f64::from(u8::from(shouted))
            + f64::from(u8::from(exclaims))
            + 1.5 * f64::from(u8::from(lower_start));
        // A paragraph that opens with a word: not a quotation, a figure or a list item.
        if own.has(0, ALPHA) || own.is(0, '@') || own.is(0, '-') {
            score += 1.0;
        }
        if reporting {
            score -= 2.0;
        }
        let informal = glued || insisting || shouted || exclaims || lower_start;
        Ok((score, first > 0, informal, words_count))
    }
}
