//! M004's (foreign-passage) first look at a document's paragraphs: which are long enough
//! to be judged, and which of those are plainly in the article's language by a bound
//! that needs no tokenising (see newslint/rules/garbling/foreign_passage.py): at least
//! `found` words are among the language's commonest (white-space-separated pieces that
//! are one of them as written), at most `most` words in all (word starts in the text's
//! bytes mapped by the letter view), and `found >= share * most`. The bound only ever
//! says yes when the exact count (a regex over the lower-cased text, in Python) does;
//! every other paragraph is left to it.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

/// FNV-1a: the pieces are a hundred or two short words, looked up once per word of the
/// text; SipHash's resistance to chosen keys buys nothing here and costs most of the time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A paragraph shorter than `sentence_chars`: not counted at all.
const SKIPPED: u8 = 0;
/// The article's language: a paragraph of a sentence or two, or proven by the bound.
const ARTICLES: u8 = 1;
/// Long enough and not proven: judged in Python (the exact count, then the identifier).
const JUDGED: u8 = 2;

#[pyclass(frozen)]
pub struct CommonWords {
    /// The language's commonest words that are one word of the exact count, as written
    /// and capitalised.
    pieces: HashSet<String, BuildHasherDefault<Fnv>>,
    /// The length in bytes of the longest piece: a longer word is none.
    longest: usize,
    /// Each byte of the UTF-8 text mapped to b'a' (may be part of a word) or b' '.
    view: [u8; 256],
}

#[pymethods]
impl CommonWords {
    #[new]
    fn new(pieces: Vec<String>, view: &[u8]) -> PyResult<Self> {
        let view: [u8; 256] =
            view.try_into().map_err(|_| PyValueError::new_err("the letter view maps 256 bytes"))?;
        let longest = pieces.iter().map(String::len).max().unwrap_or(0);
        Ok(Self { pieces: pieces.into_iter().collect(), longest, view })
    }

    /// For each text, SKIPPED (shorter than `sentence_chars` characters), ARTICLES
    /// (shorter than `min_chars`, or proven by the bound with `share`) or JUDGED.
    fn kinds(
        &self,
        texts: Vec<Bound<'_, PyString>>,
        min_chars: usize,
        sentence_chars: usize,
        share: f64,
    ) -> PyResult<Vec<u8>> {
        texts
            .iter()
            .map(|text| {
                let text = text.to_str()?; // borrowed: no copy of the paragraph
                let length = text.chars().count();
                Ok(if length < min_chars {
                    if length >= sentence_chars { ARTICLES } else { SKIPPED }
                } else if self.surely_common(text, share) {
                    ARTICLES
                } else {
                    JUDGED
                })
            })
            .collect()
    }
}

impl CommonWords {
    fn surely_common(&self, text: &str, share: f64) -> bool {
        // Every word but the first leaves its own " a" in the mapped bytes.
        let mapped = text.bytes().map(|byte| self.view[byte as usize]);
        let starts = mapped
            .clone()
            .zip(mapped.skip(1))
            .filter(|&(before, after)| before == b' ' && after == b'a')
            .count();
        let need = share * (1 + starts) as f64;
        // Python's str.split also splits at U+001C..U+001F: splitting at fewer places
        // finds fewer pieces, never more, so the bound stays a bound.
        let found = text
            .split(char::is_whitespace)
            .filter(|piece| {
                !piece.is_empty() && piece.len() <= self.longest && self.pieces.contains(*piece)
            })
            .count();
        found > 0 && found as f64 >= need
    }
}
