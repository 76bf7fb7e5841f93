//! The per-document loops of the quote rules Q001 (unbalanced quotes), Q002 (unbalanced
//! brackets) and Q003 (mixed quote styles): newslint/rules/quotes/ says what each flags
//! and why. Python builds the violations from the offsets these give.
//!
//! A document is read once into its code points (offsets are Python's: characters, lone
//! surrogates included) and its paragraphs as written (`Document.reflowed_paragraphs`,
//! given as start and end offsets); each rule then looks only at the paragraphs that
//! hold one of its characters, as `paragraphs_with` did. White space is Python's
//! (`str.isspace`, `re`'s `\s`): the characters given to the reader.

use std::borrow::Cow;
use std::sync::Arc;

use memchr::memmem;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

const GUILLEMET_LEFT: u32 = '«' as u32;
const GUILLEMET_RIGHT: u32 = '»' as u32;
const CURLY_LEFT: u32 = '“' as u32;
const CURLY_RIGHT: u32 = '”' as u32;
const LOW_LEFT: u32 = '„' as u32;
const STRAIGHT: u32 = '"' as u32;
const SINGLE: u32 = '\'' as u32;
const NEWLINE: u32 = '\n' as u32;

/// The characters the rules look for, each a bit of a paragraph's flags (in this order).
const LOOKED_FOR: [u32; 8] = [
    STRAIGHT,
    '(' as u32,
    '[' as u32,
    GUILLEMET_LEFT,
    GUILLEMET_RIGHT,
    CURLY_LEFT,
    CURLY_RIGHT,
    LOW_LEFT,
];

/// The flags of some of the characters looked for.
const fn flags(chars: &[u32]) -> u8 {
    let mut found = 0;
    let mut i = 0;
    while i < chars.len() {
        let mut bit = 0;
        while bit < LOOKED_FOR.len() {
            if LOOKED_FOR[bit] == chars[i] {
                found |= 1 << bit;
            }
            bit += 1;
        }
        i += 1;
    }
    found
}

/// The marks a paragraph must hold to be checked by Q001 (unbalanced_quotes._MARKS).
const MARKS: u8 = flags(&[GUILLEMET_LEFT, GUILLEMET_RIGHT, CURLY_LEFT, LOW_LEFT, STRAIGHT]);
/// The brackets a paragraph must hold to be checked by Q002.
const BRACKETS: u8 = flags(&['(' as u32, '[' as u32]);
/// The characters of each quote style, in the order of the style names Python sorts
/// by: curly, guillemets, straight (mixed_quote_styles._STYLE_CHARS).
const STYLES: [&[u32]; 3] =
    [&[CURLY_LEFT, CURLY_RIGHT, LOW_LEFT], &[GUILLEMET_LEFT, GUILLEMET_RIGHT], &[STRAIGHT]];

/// Makes [`QuoteText`]s, knowing Python's white space.
#[pyclass(frozen)]
pub struct QuoteReader {
    spaces: Arc<[u32]>,
}

#[pymethods]
impl QuoteReader {
    /// `spaces`: every character for which Python's `str.isspace()` is true.
    #[new]
    fn new(spaces: &str) -> Self {
        QuoteReader { spaces: spaces.chars().map(u32::from).collect() }
    }

    /// `text` and its paragraphs as written: `starts[i]` to `ends[i]`, in order.
    fn read(
        &self,
        text: &Bound<'_, PyString>,
        starts: Vec<usize>,
        ends: Vec<usize>,
    ) -> PyResult<QuoteText> {
        let utf8 = match text.to_str() {
            Ok(plain) => Cow::Borrowed(plain.as_bytes()),
            // lone surrogates as three bytes each, which count as one character below
            Err(_) => {
                let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
                Cow::Owned(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
            }
        };
        let codes = code_points(text)?;
        let spans: Vec<(usize, usize)> = starts.into_iter().zip(ends).collect();
        if spans.iter().any(|&(start, end)| start > end || end > codes.len()) {
            return Err(pyo3::exceptions::PyValueError::new_err("a paragraph past the text"));
        }
        // Which of the characters looked for each paragraph holds: searched for in the
        // UTF-8 text (at memchr speed: they are few), each put in its paragraph.
        let mut hits: Vec<(usize, u8)> = Vec::new();
        for (bit, &c) in LOOKED_FOR.iter().enumerate() {
            let mut buffer = [0; 4];
            let needle = char::from_u32(c).expect("a character").encode_utf8(&mut buffer);
            hits.extend(memmem::find_iter(&utf8, needle.as_bytes()).map(|at| (at, bit as u8)));
        }
        hits.sort_unstable();
        let mut held = vec![0u8; spans.len()];
        let (mut paragraph, mut byte, mut at) = (0, 0, 0);
        for (offset, bit) in hits {
            // the character offset: one for each byte that starts a character
            at += utf8[byte..offset].iter().filter(|&&b| (b as i8) >= -0x40).count();
            byte = offset;
            while paragraph < spans.len() && spans[paragraph].1 <= at {
                paragraph += 1;
            }
            if paragraph < spans.len() && spans[paragraph].0 <= at {
                held[paragraph] |= 1 << bit;
            }
        }
        Ok(QuoteText { codes, spans, held, spaces: Arc::clone(&self.spaces) })
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

/// A document's code points and paragraphs as written, for the quote rules.
#[pyclass(frozen)]
pub struct QuoteText {
    codes: Vec<u32>,
    spans: Vec<(usize, usize)>,
    /// Which of the characters looked for (LOOKED_FOR, as bits) each paragraph holds.
    held: Vec<u8>,
    /// Few, and asked of few characters (at a paragraph's ends, after a quote mark).
    spaces: Arc<[u32]>,
}

/// `text.find(c)` as Python gives it: the first index, or -1.
fn find(text: &[u32], c: u32) -> i64 {
    text.iter().position(|&x| x == c).map_or(-1, |at| at as i64)
}

fn count(text: &[u32], c: u32) -> usize {
    text.iter().filter(|&&x| x == c).count()
}

impl QuoteText {
    fn paragraph(&self, index: usize) -> &[u32] {
        let (start, end) = self.spans[index];
        &self.codes[start..end]
    }

    /// The paragraphs that hold one of the characters `flags` stands for, in order.
    fn paragraphs_with(&self, flags: u8) -> impl Iterator<Item = usize> + '_ {
        (0..self.spans.len()).filter(move |&i| self.held[i] & flags != 0)
    }

    fn is_space(&self, c: u32) -> bool {
        self.spaces.contains(&c)
    }

    /// unbalanced_quotes._problem: (index, mark, whether an odd number of straight quotes)
    /// of the quotation left open, if any.
    fn problem(&self, text: &[u32]) -> Option<(i64, u32, bool)> {
        let mut pairs = Vec::with_capacity(2);
        if text.contains(&GUILLEMET_LEFT) || text.contains(&GUILLEMET_RIGHT) {
            let right = find(text, GUILLEMET_RIGHT);
            let left_first = find(text, GUILLEMET_LEFT) <= right || right == -1;
            pairs.push(if left_first {
                (GUILLEMET_LEFT, GUILLEMET_RIGHT)
            } else {
                (GUILLEMET_RIGHT, GUILLEMET_LEFT)
            });
        }
        // German, Czech and Polish quote „like this“ (or „this”); the rest “like this”.
        pairs.push(if text.contains(&LOW_LEFT) {
            (LOW_LEFT, CURLY_LEFT)
        } else {
            (CURLY_LEFT, CURLY_RIGHT)
        });
        for (opener, closer) in pairs {
            if text.contains(&opener) {
                if let Some(index) = self.unmatched_opener(text, opener, closer) {
                    return Some((index as i64, opener, false));
                }
            }
        }
        // Typewritten copy closes a quotation with two single quotes ("... end,'' he said).
        let doubled = text.windows(2).fold((0, false), |(n, skip), pair| {
            if skip {
                (n, false)
            } else if pair == [SINGLE, SINGLE] {
                (n + 1, true)
            } else {
                (n, false)
            }
        });
        let inch = text.windows(2).any(|pair| {
            pair[1] == STRAIGHT && (u32::from('0')..=u32::from('9')).contains(&pair[0])
        });
        if (count(text, STRAIGHT) + doubled.0) % 2 == 1 && !inch {
            if doubled.0 == 0 && self.balanced_with_reopenings(text) {
                return None;
            }
            let last = text.iter().rposition(|&c| c == STRAIGHT).map_or(-1, |at| at as i64);
            return Some((last, STRAIGHT, true));
        }
        None
    }

    /// unbalanced_quotes._runs_on: the quotation opened at `index` goes on to the end of
    /// a paragraph that ends a sentence.
    fn runs_on(&self, text: &[u32], index: i64) -> bool {
        // Python's text[index:], a negative index counting from the end
        let from = if index < 0 { (text.len() as i64 + index).max(0) } else { index } as usize;
        if text[from.min(text.len())..].contains(&NEWLINE) {
            return false;
        }
        self.quote_mark_from(text, (index + 1).max(0) as usize).is_none()
            && self.ends_sentence(text)
    }

    /// Where `_QUOTE_MARK` (`[«»“”„"]|[,.!?]'(?=\s)`) first matches at or after `from`.
    fn quote_mark_from(&self, text: &[u32], from: usize) -> Option<usize> {
        (from..text.len()).find(|&at| {
            let c = text[at];
            if [GUILLEMET_LEFT, GUILLEMET_RIGHT, CURLY_LEFT, CURLY_RIGHT, LOW_LEFT, STRAIGHT]
                .contains(&c)
            {
                return true;
            }
            [',', '.', '!', '?'].map(u32::from).contains(&c)
                && text.get(at + 1) == Some(&SINGLE)
                && text.get(at + 2).is_some_and(|&next| self.is_space(next))
        })
    }

    /// Whether `_SENTENCE_END` (`(?<![.…])[.!?][\"'”’»)\]]*[\s|]*$`) matches: a full stop,
    /// "!" or "?" (not after "." or "…"), then closing marks, then white space or "|".
    /// What follows the stop is closing marks then white space, neither of which is the
    /// other: so the stop can only stand right before the closing marks at the end.
    fn ends_sentence(&self, text: &[u32]) -> bool {
        let mut end = text.len();
        while end > 0 && (self.is_space(text[end - 1]) || text[end - 1] == u32::from('|')) {
            end -= 1;
        }
        let closing = ['"', '\'', '”', '’', '»', ')', ']'].map(u32::from);
        while end > 0 && closing.contains(&text[end - 1]) {
            end -= 1;
        }
        if end == 0 || !['.', '!', '?'].map(u32::from).contains(&text[end - 1]) {
            return false;
        }
        end == 1 || ![u32::from('.'), u32::from('…')].contains(&text[end - 2])
    }

    /// unbalanced_quotes._unmatched_opener: index of the last opener left open when pairs
    /// are matched left to right, an opener that reopens the quotation the last mark
    /// opened (`reopens`) taking its place.
    fn unmatched_opener(&self, text: &[u32], opener: u32, closer: u32) -> Option<usize> {
        if count(text, opener) == 1 {
            let index = text.iter().position(|&c| c == opener)?;
            return if text[index..].contains(&closer) { None } else { Some(index) };
        }
        let mut stack = Vec::new();
        let mut last_opened = false; // the last mark opened a quotation: it may run on
        for (at, &c) in text.iter().enumerate() {
            if c == opener {
                if last_opened && self.reopens(text, at) {
                    stack.pop();
                }
                stack.push(at);
                last_opened = true;
            } else if c == closer {
                stack.pop();
                last_opened = false;
            }
        }
        stack.last().copied()
    }

    /// unbalanced_quotes._reopens: the mark at `at` opens again a quotation still open,
    /// after the end of a sentence of its own (not one closed by a mark or a bracket,
    /// `Home”). “It`) and a space: news copy reopens a quotation at each
    /// paragraph it runs over, and a page or an extractor that joins the paragraphs into
    /// one line keeps the marks.
    fn reopens(&self, text: &[u32], at: usize) -> bool {
        let mut end = at;
        while end > 0 && self.is_space(text[end - 1]) {
            end -= 1;
        }
        let closing = ['"', '\'', '”', '’', '»', ')', ']'].map(u32::from);
        end > 0
            && end < at
            && ['.', '!', '?', '…'].map(u32::from).contains(&text[end - 1])
            && (end == 1 || !closing.contains(&text[end - 2]))
    }

    /// unbalanced_quotes._balanced_with_reopenings: the straight quotes, each read as
    /// opening (after a space or the paragraph's start, before a non-space) or closing,
    /// all pair up once the reopenings (`reopens`) are allowed.
    fn balanced_with_reopenings(&self, text: &[u32]) -> bool {
        let lead = ['(', '[', '—', '–', '-', '/'].map(u32::from);
        let mut open = false;
        for (at, &c) in text.iter().enumerate() {
            if c != STRAIGHT {
                continue;
            }
            let after_gap = at == 0 || self.is_space(text[at - 1]) || lead.contains(&text[at - 1]);
            let before_gap = at + 1 == text.len() || self.is_space(text[at + 1]);
            if after_gap && !before_gap {
                if open && !self.reopens(text, at) {
                    return false;
                }
                open = true;
            } else if !after_gap && open {
                open = false;
            } else {
                return false;
            }
        }
        !open
    }

    /// unbalanced_quotes._continues: the quotation goes on in the next paragraph.
    fn continues(&self, next: Option<&[u32]>, mark: u32) -> bool {
        let Some(next) = next else {
            return false;
        };
        let lead = next.iter().take_while(|&&c| self.is_space(c)).count();
        let text = &next[lead..];
        if text.first() == Some(&mark) {
            return true;
        }
        let closing = match mark {
            GUILLEMET_LEFT => GUILLEMET_RIGHT,
            GUILLEMET_RIGHT => GUILLEMET_LEFT,
            CURLY_LEFT => CURLY_RIGHT,
            LOW_LEFT => CURLY_LEFT,
            _ => STRAIGHT,
        };
        let (closer, opener) = (find(text, closing), find(text, mark));
        closer != -1 && (opener == -1 || closer < opener)
    }
}


/// unbalanced_brackets._unclosed: indexes of brackets opened and not closed; stray
/// closers ("1)" list items) pass, and so does an emoticon ":(".
fn unclosed(text: &[u32]) -> Vec<usize> {
    let (open, close) = (u32::from('('), u32::from(')'));
    let (open_square, close_square) = (u32::from('['), u32::from(']'));
    let mut stack: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for (at, &c) in text.iter().enumerate() {
        if c == open || c == open_square {
            if c == open && at > 0 && [':', ';', '-', '='].map(u32::from).contains(&text[at - 1]) {
                continue;
            }
            stack.push(at);
        } else if (c == close || c == close_square) && !stack.is_empty() {
            // "[a (b]": the "(" is unclosed; pop it and let "]" close the "[".
            let pair = if c == close { open } else { open_square };
            while let Some(&last) = stack.last() {
                if text[last] == pair {
                    break;
                }
                found.push(last);
                stack.pop();
            }
            stack.pop();
        }
    }
    found.extend(stack);
    found.sort_unstable();
    found
}

#[pymethods]
impl QuoteText {
    /// Q001: (offset, mark, whether it is an odd number of straight quotes) of each
    /// paragraph's quotation left open, but those that run on (to a sentence's end, or
    /// into the next paragraph). The offset is one before the paragraph when a paragraph
    /// has an odd number of "''" and no '"' (Python's rfind then gives -1).
    fn unbalanced_quotes(&self) -> Vec<(i64, char, bool)> {
        let mut found = Vec::new();
        for i in self.paragraphs_with(MARKS) {
            let text = self.paragraph(i);
            let Some((index, mark, odd)) = self.problem(text) else {
                continue;
            };
            if self.runs_on(text, index) {
                continue;
            }
            let next = (i + 1 < self.spans.len()).then(|| self.paragraph(i + 1));
            if self.continues(next, mark) {
                continue;
            }
            let mark = char::from_u32(mark).expect("a quote mark");
            found.push((self.spans[i].0 as i64 + index, mark, odd));
        }
        found
    }

    /// Q002: (offset, bracket) of each bracket opened in a paragraph and never closed,
    /// but those that hard-wrapped text closes on the next line.
    fn unbalanced_brackets(&self) -> Vec<(usize, char)> {
        let mut found = Vec::new();
        let brackets = [u32::from('('), u32::from('[')];
        for i in self.paragraphs_with(BRACKETS) {
            let text = self.paragraph(i);
            let next: &[u32] = if i + 1 < self.spans.len() { self.paragraph(i + 1) } else { &[] };
            for index in unclosed(text) {
                let opener = text[index];
                let closer = if opener == brackets[0] { u32::from(')') } else { u32::from(']') };
                let (close_at, open_at) = (find(next, closer), find(next, opener));
                if close_at != -1 && (open_at == -1 || close_at < open_at) {
                    continue; // hard-wrapped text closes it on the next line
                }
                let bracket = char::from_u32(opener).expect("a bracket");
                found.push((self.spans[i].0 + index, bracket));
            }
        }
        found
    }

    /// Q003: the article's less and most frequent quote styles (0 curly, 1 guillemets,
    /// 2 straight), counted in paragraphs, and the offset of the first mark of the
    /// minority style in each paragraph that uses it; None when fewer than two styles are
    /// used or all are used alike.
    fn mixed_quote_styles(&self) -> Option<(usize, usize, Vec<usize>)> {
        let mut used: Vec<(usize, usize)> = Vec::new(); // (paragraphs, style)
        for (style, chars) in STYLES.iter().enumerate() {
            let n = self.paragraphs_with(flags(chars)).count();
            if n > 0 {
                used.push((n, style));
            }
        }
        used.sort_unstable();
        if used.len() < 2 || used[0].0 == used[used.len() - 1].0 {
            return None;
        }
        let (minority, majority) = (used[0].1, used[used.len() - 1].1);
        let chars = STYLES[minority];
        let offsets = self
            .paragraphs_with(flags(chars))
            .map(|i| {
                let at = self.paragraph(i).iter().position(|c| chars.contains(c));
                self.spans[i].0 + at.expect("a paragraph with the style")
            })
            .collect();
        Some((minority, majority, offsets))
    }
}
