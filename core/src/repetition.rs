//! The duplication rules' view of a document (newslint/rules/duplication/_repetition.py
//! says what it is for): every paragraph prefolded, folded, sketched and split into
//! words in one pass, how often each occurs, and the per-document loops of D001
//! (copies), D002 (the pairs worth a rapidfuzz ratio), D003 (the title's copies) and
//! D004 (pull quotes and their hosts). Python builds the violations from what these give.
//!
//! Prefolding is Python's (`newslint.model.text.prefold`, after NFC, which Python does
//! first): quote marks dropped, then `str.casefold`, which is done character by character
//! and without context, so each character's folding is asked of Python once per process
//! (`casefold`), as are the properties of the folded characters (`classify`: white space
//! as `str.split` reads it, alphanumeric as `re`'s `[^\W_]` does), in the interpreter's
//! Unicode version. Lone surrogates (a Rust str cannot hold them) fold to themselves,
//! are no space, no word character and encode to nothing, as in Python.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use memchr::memmem;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// Properties of a character, as `classify` gives them (function_words.char_properties).
const SPACE: u8 = 1;
const ALNUM: u8 = 32;

/// Lengths of two paragraphs compared by D002 differ by at most 18% (a bit more here, so
/// that rounding cannot matter).
const MAX_LENGTH_RATIO: f64 = 1.19;

/// One character of a prefolded text: its code, properties and byte in each sketch
/// encoding (0 for none: no kept byte is 0).
#[derive(Clone, Copy)]
struct Folded {
    code: u32,
    properties: u8,
    bytes: [u8; 2],
}

/// What a character prefolds to: most often one character, kept in the slot itself.
#[derive(Clone, Copy)]
enum Slot {
    Unknown,
    One(Folded),
    /// None (a quote mark) or several (ß), at this index of `Folds::many`.
    Many(u32),
}

/// Prefolded paragraphs, one after the other, and where each ends.
type Prefolded = (Vec<Folded>, Vec<usize>);

/// What each character met prefolds to: a table for the Basic Multilingual Plane, where
/// a look-up must cost next to nothing, a map beyond.
struct Folds {
    plane: Vec<Slot>,
    beyond: HashMap<u32, Slot>,
    many: Vec<Box<[Folded]>>,
}

impl Folds {
    #[inline]
    fn get(&self, code: u32) -> Slot {
        match self.plane.get(code as usize) {
            Some(&slot) => slot,
            None => self.beyond.get(&code).copied().unwrap_or(Slot::Unknown),
        }
    }

    fn insert(&mut self, code: u32, folded: Box<[Folded]>) {
        let slot = if folded.len() == 1 {
            Slot::One(folded[0])
        } else {
            self.many.push(folded);
            Slot::Many(self.many.len() as u32 - 1)
        };
        match self.plane.get_mut(code as usize) {
            Some(place) => *place = slot,
            None => {
                self.beyond.insert(code, slot);
            }
        }
    }

    /// Lines `numbers` (1-based, rising) of the text whose code points are `codes`
    /// prefolded, one after the other in the first vector, and where each ends in it; or
    /// the characters not met yet. Lines are parted by "\r\n", "\r" or "\n", as
    /// `prefold` parts them. One pass: most of the text is in the lines.
    fn fold(
        &self,
        codes: impl Iterator<Item = u32>,
        numbers: &[usize],
    ) -> PyResult<Result<Prefolded, Vec<u32>>> {
        let (lower, _) = codes.size_hint();
        let mut folded = Vec::with_capacity(lower);
        let mut ends = Vec::with_capacity(numbers.len());
        let mut missing = Vec::new();
        let mut codes = codes.peekable();
        let (mut number, mut wanted) = (1, 0);
        while wanted < numbers.len() {
            let code = codes.next();
            match code {
                None | Some(0x0A) | Some(0x0D) => {
                    if number == numbers[wanted] {
                        ends.push(folded.len());
                        wanted += 1;
                    }
                    if code.is_none() {
                        break;
                    }
                    if code == Some(0x0D) && codes.peek() == Some(&0x0A) {
                        codes.next();
                    }
                    number += 1;
                }
                Some(code) if number == numbers[wanted] => match self.get(code) {
                    Slot::One(c) => folded.push(c),
                    Slot::Many(index) => folded.extend_from_slice(&self.many[index as usize]),
                    Slot::Unknown => missing.push(code),
                },
                Some(_) => {}
            }
        }
        if wanted < numbers.len() {
            return Err(PyValueError::new_err("paragraph numbers that are not lines of the text"));
        }
        if missing.is_empty() {
            return Ok(Ok((folded, ends)));
        }
        missing.sort_unstable();
        missing.dedup();
        Ok(Err(missing))
    }
}

/// Reads documents into [`Repeats`], knowing the sketch encodings and caching what
/// Python says of each character met.
#[pyclass(frozen)]
pub struct RepetitionReader {
    quotes: HashSet<u32>,
    /// Per encoding (Latin, Cyrillic): the byte each kept character encodes to.
    kept: [HashMap<u32, u8>; 2],
    cuts: [u8; 2],
    /// A folded text holding this character is sketched in the second encoding.
    marker: u32,
    casefold: Py<PyAny>,
    classify: Py<PyAny>,
    /// Never held while Python runs: another thread could then take the GIL and wait for
    /// it, holding the GIL this one waits for.
    folds: Mutex<Folds>,
}

#[pymethods]
impl RepetitionReader {
    /// `quotes`: the marks prefold drops; `kept`: for the Latin and the Cyrillic sketch,
    /// the byte of each character a sketch keeps; `cuts`: a frequent byte of each;
    /// `marker`: the character that chooses the Cyrillic one; `casefold(code)`:
    /// `chr(code).casefold()`; `classify(code)`: function_words.char_properties.
    #[new]
    fn new(
        quotes: &str,
        kept: [HashMap<u32, u8>; 2],
        cuts: [u8; 2],
        marker: char,
        casefold: Py<PyAny>,
        classify: Py<PyAny>,
    ) -> Self {
        let folds =
            Folds { plane: vec![Slot::Unknown; 0x10000], beyond: HashMap::new(), many: Vec::new() };
        RepetitionReader {
            quotes: quotes.chars().map(u32::from).collect(),
            kept,
            cuts,
            marker: u32::from(marker),
            casefold,
            classify,
            folds: Mutex::new(folds),
        }
    }

    /// The paragraphs of `text` (already NFC) that are lines `numbers` (1-based, rising),
    /// lines parted by "\r\n", "\r" or "\n" as `prefold` parts them.
    fn read(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        numbers: Vec<usize>,
    ) -> PyResult<Repeats> {
        // the str's own UTF-8 when it has no lone surrogate (the usual case), its code
        // points else
        let plain = text.to_str().ok();
        let codes = if plain.is_none() { code_points(text)? } else { Vec::new() };
        let fold = |folds: &Folds| match plain {
            Some(plain) => folds.fold(plain.chars().map(u32::from), &numbers),
            None => folds.fold(codes.iter().copied(), &numbers),
        };
        let found = fold(&self.folds.lock().expect("the folds"))?;
        let (folded, ends) = match found {
            Ok(found) => found,
            Err(missing) => {
                // asked of Python without the lock, then folded again
                let mut learnt = Vec::with_capacity(missing.len());
                for code in missing {
                    learnt.push((code, self.folding(py, code)?));
                }
                let mut folds = self.folds.lock().expect("the folds");
                for (code, folding) in learnt {
                    folds.insert(code, folding);
                }
                fold(&folds)?.expect("every character is known")
            }
        };
        let cyrillic = folded.iter().any(|c| c.code == self.marker);
        let codec = usize::from(cyrillic);
        Ok(Repeats::new(numbers, folded, &ends, codec, self.cuts[codec]))
    }
}

impl RepetitionReader {
    /// What `code` prefolds to, asked of Python.
    fn folding(&self, py: Python<'_>, code: u32) -> PyResult<Box<[Folded]>> {
        if self.quotes.contains(&code) {
            return Ok(Box::new([]));
        }
        if (0xD800..=0xDFFF).contains(&code) {
            return Ok(Box::new([Folded { code, properties: 0, bytes: [0, 0] }]));
        }
        let folded: String = self.casefold.bind(py).call1((code,))?.extract()?;
        let mut found = Vec::new();
        for c in folded.chars() {
            let code = u32::from(c);
            let properties: u8 = self.classify.bind(py).call1((code,))?.extract()?;
            let byte = |codec: usize| self.kept[codec].get(&code).copied().unwrap_or(0);
            found.push(Folded { code, properties, bytes: [byte(0), byte(1)] });
        }
        Ok(found.into_boxed_slice())
    }
}

/// The code points of a Python str, lone surrogates included.
fn code_points(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    if let Ok(plain) = text.to_str() {
        return Ok(plain.chars().map(u32::from).collect());
    }
    let encoded = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

/// The paragraphs of a document as the duplication rules compare them (see
/// _repetition.py): indexes are 0-based paragraph indexes. What only some paragraphs
/// need (folded texts, words) is made when asked.
#[pyclass(frozen)]
pub struct Repeats {
    numbers: Vec<usize>,
    /// The prefolded paragraphs, one after the other, and where each starts and ends.
    folded: Vec<Folded>,
    spans: Vec<(usize, usize)>,
    /// Length of each folded paragraph (`fold`: white space made single spaces).
    key_lengths: Vec<usize>,
    sketches: Vec<Vec<u8>>,
    cut: u8,
    /// How many paragraphs fold like each one.
    copies: Vec<usize>,
    /// Those whose sketch is another's too, in order.
    shared: Vec<usize>,
    templated: bool,
}

/// Paragraphs that occur this often are the page's template (_repetition.TEMPLATE_COPIES).
const TEMPLATE_COPIES: usize = 3;
/// A document with this many distinct template paragraphs is templated.
const TEMPLATED_DOCUMENT: usize = 3;

/// A paragraph's words (`[^\W_]+`) joined and framed by single spaces (pull_quote's
/// `words_of`), with the count `framed.count(" ") - 1` gives and the length in characters.
struct Framed {
    text: String,
    count: usize,
    length: usize,
}

impl Repeats {
    fn new(
        numbers: Vec<usize>,
        folded: Vec<Folded>,
        ends: &[usize],
        codec: usize,
        cut: u8,
    ) -> Self {
        let mut spans = Vec::with_capacity(ends.len());
        let mut start = 0;
        for &end in ends {
            spans.push((start, end));
            start = end;
        }
        let n = spans.len();
        let mut key_lengths = Vec::with_capacity(n);
        let mut sketches = Vec::with_capacity(n);
        for &(start, end) in &spans {
            let mut sketch = Vec::new();
            // the folded length: the characters but white space, and one space between
            // two runs of them
            let (mut length, mut in_space) = (0, true);
            for c in &folded[start..end] {
                if c.properties & SPACE != 0 {
                    in_space = true;
                } else {
                    length += 1 + usize::from(in_space && length > 0);
                    in_space = false;
                }
                if c.bytes[codec] != 0 {
                    sketch.push(c.bytes[codec]);
                }
            }
            key_lengths.push(length);
            sketches.push(sketch);
        }
        let sketch_counts = run_lengths(n, |i, j| sketches[i].cmp(&sketches[j]));
        let shared: Vec<usize> = (0..n).filter(|&i| sketch_counts[i] > 1).collect();
        let mut copies = vec![1; n];
        let mut templated = false;
        if !shared.is_empty() {
            let keys: Vec<Vec<u32>> =
                shared.iter().map(|&i| key_of(&folded[spans[i].0..spans[i].1])).collect();
            let counts = run_lengths(shared.len(), |a, b| keys[a].cmp(&keys[b]));
            for (a, &i) in shared.iter().enumerate() {
                copies[i] = counts[a];
            }
            // distinct keys that occur TEMPLATE_COPIES times or more: each of their
            // copies counts one over its number of copies
            let mut template_copies: Vec<usize> =
                counts.iter().copied().filter(|&count| count >= TEMPLATE_COPIES).collect();
            template_copies.sort_unstable();
            let mut repeated = 0;
            let mut at = 0;
            while at < template_copies.len() {
                let count = template_copies[at];
                let same = template_copies[at..].iter().take_while(|&&c| c == count).count();
                repeated += same / count;
                at += same;
            }
            templated = repeated >= TEMPLATED_DOCUMENT;
        }
        Repeats { numbers, folded, spans, key_lengths, sketches, cut, copies, shared, templated }
    }

    fn key(&self, i: usize) -> Vec<u32> {
        key_of(&self.folded[self.spans[i].0..self.spans[i].1])
    }

    fn framed(&self, i: usize) -> Framed {
        let mut text = String::from(" ");
        let (mut count, mut length, mut in_word) = (0, 1, false);
        for c in &self.folded[self.spans[i].0..self.spans[i].1] {
            if c.properties & ALNUM != 0 {
                if !in_word {
                    if count > 0 {
                        text.push(' ');
                        length += 1;
                    }
                    count += 1;
                }
                in_word = true;
                // an alphanumeric character is never a surrogate
                text.push(char::from_u32(c.code).unwrap_or('\u{FFFD}'));
                length += 1;
            } else {
                in_word = false;
            }
        }
        text.push(' ');
        // "  ", no word, holds two spaces
        Framed { text, count: count.max(1), length: length + 1 }
    }
}

/// A prefolded text's folded one: white space made single spaces between words.
fn key_of(text: &[Folded]) -> Vec<u32> {
    let mut key = Vec::with_capacity(text.len());
    let mut in_space = true;
    for c in text {
        if c.properties & SPACE != 0 {
            in_space = true;
        } else {
            if in_space && !key.is_empty() {
                key.push(u32::from(' '));
            }
            in_space = false;
            key.push(c.code);
        }
    }
    key
}

/// For each of `n` items, how many items equal it (by `compare`): sorted, then counted
/// by runs, which costs no hashing of long texts.
fn run_lengths(n: usize, compare: impl Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b));
    let mut counts = vec![0; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && compare(order[start], order[end]).is_eq() {
            end += 1;
        }
        for &i in &order[start..end] {
            counts[i] = end - start;
        }
        start = end;
    }
    counts
}

#[pymethods]
impl Repeats {
    /// Whether the document is made of templates (_repetition.TEMPLATED_DOCUMENT).
    #[getter]
    fn templated(&self) -> bool {
        self.templated
    }

    /// The 1-based line of each paragraph.
    #[getter]
    fn numbers(&self) -> Vec<usize> {
        self.numbers.clone()
    }

    fn __len__(&self) -> usize {
        self.numbers.len()
    }

    /// D001: (line, line of the first copy) of the second copy of each paragraph that
    /// occurs exactly twice and folds to at least `min_chars` characters; nothing on a
    /// templated document.
    fn duplicates(&self, min_chars: i64) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        if self.templated {
            return found;
        }
        let mut first_seen: HashMap<Vec<u32>, usize> = HashMap::new();
        for &i in &self.shared {
            if self.copies[i] != 2 || (self.key_lengths[i] as i64) < min_chars {
                continue;
            }
            let key = self.key(i);
            match first_seen.get(&key) {
                Some(&first) => found.push((self.numbers[i], first)),
                None => {
                    first_seen.insert(key, self.numbers[i]);
                }
            }
        }
        found
    }

    /// D002: the paragraphs among the first `limit` whose folded text has at least
    /// `min_chars` characters, each (in order) with the earlier ones (in order) that may
    /// be `min_similarity` similar to it: not equal, lengths within 0.85 to 1.18 of each
    /// other (Python checks both again), and not proven too far apart by their sketches'
    /// Indel distance. Those pairs are left to rapidfuzz's ratio. Nothing on a templated
    /// document.
    fn near_suspects(
        &self,
        min_chars: i64,
        limit: usize,
        min_similarity: f64,
    ) -> Vec<(usize, Vec<usize>)> {
        let mut found = Vec::new();
        if self.templated {
            return found;
        }
        // a folded text is never longer than the prefolded one
        let long: Vec<usize> = (0..limit.min(self.numbers.len()))
            .filter(|&i| self.key_lengths[i] as i64 >= min_chars)
            .collect();
        if long.len() < 2 {
            return found;
        }
        let mut earlier: Vec<Vec<usize>> = vec![Vec::new(); long.len()];
        if min_chars >= 1 {
            for (a, b) in self.suspects(&long, min_similarity) {
                earlier[b].push(a);
            }
        } else {
            // an empty paragraph would break the bound: compare everything
            for (b, list) in earlier.iter_mut().enumerate() {
                list.extend(0..b);
            }
        }
        let mut keys: HashMap<usize, Vec<u32>> = HashMap::new();
        for (position, mut positions) in earlier.into_iter().enumerate() {
            if positions.is_empty() {
                continue;
            }
            positions.sort_unstable();
            positions.dedup();
            let (i, length) = (long[position], self.key_lengths[long[position]]);
            let mut kept = Vec::new();
            for other in positions {
                let (j, earlier_length) = (long[other], self.key_lengths[long[other]]);
                if earlier_length == length {
                    for k in [i, j] {
                        keys.entry(k).or_insert_with(|| self.key(k));
                    }
                    if keys[&i] == keys[&j] {
                        continue;
                    }
                }
                // an empty one (without min_chars) is left to Python, which divides by zero
                let ratio = length as f64 / earlier_length as f64;
                if earlier_length == 0 || (0.85..=1.18).contains(&ratio) {
                    kept.push(j);
                }
            }
            if !kept.is_empty() {
                found.push((i, kept));
            }
        }
        found
    }

    /// D003: the lines of the paragraphs that fold to `folded`.
    fn lines_folded_as(&self, folded: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        let folded = code_points(folded)?;
        Ok((0..self.numbers.len())
            .filter(|&i| self.key_lengths[i] == folded.len() && self.key(i) == folded)
            .map(|i| self.numbers[i])
            .collect())
    }

    /// D004: (paragraph, line of its host) of each paragraph among the first
    /// `max_paragraphs` that occurs once, has `min_words` to `max_words` words, and whose
    /// words stand, in order, in a longer paragraph among them: the first such host.
    /// `search_budget`: above this many byte comparisons, paragraphs are dismissed by the
    /// pieces of their sketches rather than a search through all of them.
    fn pull_quotes(
        &self,
        min_words: i64,
        max_words: i64,
        max_paragraphs: usize,
        search_budget: usize,
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        if self.templated {
            return found;
        }
        let sketches = &self.sketches[..max_paragraphs.min(self.sketches.len())];
        let mut framed: Vec<Option<Framed>> = (0..sketches.len()).map(|_| None).collect();
        for i in self.possible_pull_quotes(sketches, search_budget) {
            if self.copies[i] > 1 {
                continue; // exact copies are D001's
            }
            let words = framed[i].get_or_insert_with(|| self.framed(i));
            let (count, length) = (words.count as i64, words.length);
            if !(min_words <= count && count <= max_words) {
                continue;
            }
            let words = words.text.clone();
            let finder = memmem::Finder::new(&sketches[i]);
            // Only a paragraph whose sketch holds this one's can host it.
            let host = (0..sketches.len()).find(|&j| {
                if finder.find(&sketches[j]).is_none() {
                    return false;
                }
                let other = framed[j].get_or_insert_with(|| self.framed(j));
                other.length > length && other.text.contains(&words)
            });
            if let Some(j) = host {
                found.push((i, self.numbers[j]));
            }
        }
        found
    }
}

impl Repeats {
    /// Pairs of positions in `long` (earlier first) of paragraphs that may be
    /// `min_similarity` similar: all others are proven not to be by the Indel distance of
    /// their sketches (a lower bound of the folded paragraphs').
    fn suspects(&self, long: &[usize], min_similarity: f64) -> Vec<(usize, usize)> {
        let lengths: Vec<usize> = long.iter().map(|&i| self.key_lengths[i]).collect();
        let mut order: Vec<usize> = (0..long.len()).collect();
        order.sort_by_key(|&i| lengths[i]); // stable, as Python's sorted
        let sorted_lengths: Vec<usize> = order.iter().map(|&i| lengths[i]).collect();
        // fuzz.ratio = 100 * (1 - indel / (len(a) + len(b))); one more edit absorbs
        // rounding (truncation towards zero, as int()).
        let slack = 1.0 - min_similarity / 100.0;
        let bound = |a: usize, b: usize| ((a + b) as f64 * slack) as i64 + 1;
        let mut found = Vec::new();
        let mut lcs = Lcs::default();
        for rank in 0..long.len().saturating_sub(1) {
            let length = sorted_lengths[rank];
            let most = length as f64 * MAX_LENGTH_RATIO;
            let end = rank
                + 1
                + sorted_lengths[rank + 1..].iter().take_while(|&&l| l as f64 <= most).count();
            let sketch = self.sketches[long[order[rank]]].as_slice();
            let widest = bound(length, sorted_lengths[end - 1]);
            let mut prepared = false;
            for other in rank + 1..end {
                let limit = widest.min(bound(length, sorted_lengths[other]));
                let against = self.sketches[long[order[other]]].as_slice();
                // the Indel distance is at least the difference of the lengths
                if (sketch.len().abs_diff(against.len()) as i64) > limit {
                    continue;
                }
                if !prepared {
                    lcs.prepare(sketch);
                    prepared = true;
                }
                let indel = (sketch.len() + against.len() - 2 * lcs.length(against)) as i64;
                if indel <= limit {
                    let (i, j) = (order[rank], order[other]);
                    found.push(if i < j { (i, j) } else { (j, i) });
                }
            }
        }
        found
    }

    /// Indexes of `sketches` that another one may hold (a superset of those held): the
    /// paragraphs that may be pull quotes.
    fn possible_pull_quotes(&self, sketches: &[Vec<u8>], search_budget: usize) -> Vec<usize> {
        let haystack = sketches.join(&b'\n');
        if sketches.len() * haystack.len() > search_budget {
            return self.unique_pieces(sketches);
        }
        (0..sketches.len())
            .filter(|&i| {
                let sketch = sketches[i].as_slice();
                if sketch.is_empty() {
                    return !haystack.is_empty(); // b"".count() is len + 1
                }
                let mut found = memmem::find_iter(&haystack, sketch);
                found.next().is_some() && found.next().is_some()
            })
            .collect()
    }

    /// Cut at every `cut` byte, a sketch falls into pieces; a piece between two cuts
    /// reappears, whole and between two cuts, in every sketch that holds this one. So a
    /// sketch with an inner piece that no other sketch has is held by none.
    fn unique_pieces(&self, sketches: &[Vec<u8>]) -> Vec<usize> {
        let inner: Vec<Vec<&[u8]>> = sketches
            .iter()
            .map(|sketch| {
                let pieces: Vec<&[u8]> = sketch.split(|&b| b == self.cut).collect();
                let last = pieces.len().saturating_sub(1);
                pieces[1.min(last)..last].to_vec()
            })
            .collect();
        let mut pieces: HashMap<&[u8], usize> = HashMap::new();
        for piece in inner.iter().flatten() {
            *pieces.entry(piece).or_default() += 1;
        }
        (0..sketches.len()).filter(|&i| inner[i].iter().all(|p| pieces[p] != 1)).collect()
    }
}

/// The length of the longest common subsequence of a prepared byte string and others,
/// bit-parallel (Hyyrö's), 64 positions of the prepared string a word: exact, so the
/// Indel distance it gives is rapidfuzz's.
#[derive(Default)]
struct Lcs {
    /// For each byte value, the positions of the prepared string that hold it.
    masks: Vec<[u64; 256]>,
    length: usize,
    state: Vec<u64>,
}

impl Lcs {
    fn prepare(&mut self, a: &[u8]) {
        let words = a.len().div_ceil(64);
        self.masks.clear();
        self.masks.resize(words, [0; 256]);
        for (position, &byte) in a.iter().enumerate() {
            self.masks[position / 64][byte as usize] |= 1 << (position % 64);
        }
        self.length = a.len();
    }

    fn length(&mut self, b: &[u8]) -> usize {
        let words = self.masks.len();
        self.state.clear();
        self.state.resize(words, u64::MAX);
        for &byte in b {
            let mut carry = 0u64;
            for (word, s) in self.state.iter_mut().enumerate() {
                let matches = self.masks[word][byte as usize];
                let u = *s & matches;
                let (sum, c1) = s.overflowing_add(u);
                let (sum, c2) = sum.overflowing_add(carry);
                carry = u64::from(c1 || c2);
                *s = sum | (*s & !u);
            }
        }
        let mut common = 0;
        for (word, s) in self.state.iter().enumerate() {
            let bits = (self.length - word * 64).min(64);
            let mask = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
            common += (!s & mask).count_ones() as usize;
        }
        common
    }
}
