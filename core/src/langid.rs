//! py3langid's language identifier (a naive Bayes classifier over byte n-grams, found by
//! a DFA walk over the UTF-8 of the text), with py3langid's own model: the same
//! features, scores and normalised probabilities (`norm_probs=True`), in compiled code.
//!
//! The model comes from `newslint/data/langid.bin.zst` (made from py3langid's model by
//! `core/tools/export_langid_model.py`); its layout, all little-endian:
//! magic `NLLANGID`, u32 classes, features, rows, states; classes as 4 ASCII bytes each
//! (NUL-padded); pc as f32[classes]; ptc as f16[features][classes]; the distinct DFA rows
//! as u32[rows][256]; each state's row as u32[states]; each state's feature as i32[states].

use std::collections::HashMap;
use std::sync::OnceLock;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const MAGIC: &[u8; 8] = b"NLLANGID";

/// The model reads its tables where they lie, in the buffer it was given (the
/// decompressed model in a `bytes`, or a file mapped in memory): building it costs a pass
/// over the DFA to check it, not copies of its 68 MB. A row of `ptc` (half precision in
/// the buffer) is widened to single precision the first time a text meets its feature.
#[pyclass(frozen)]
pub struct LanguageModel {
    /// Held for `data`, which points into it.
    _buffer: PyBuffer<u8>,
    data: &'static [u8],
    classes: Vec<String>,
    pc: Vec<f32>,
    /// Offsets in `data` of the tables (see the module documentation).
    ptc_at: usize,
    nextmove_at: usize,
    state_row_at: usize,
    state_feature_at: usize,
    ptc_rows: Vec<OnceLock<Box<[f32]>>>,
    alias_pairs: Vec<(usize, usize)>,
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> PyResult<&'a [u8]> {
        let end = self.at.checked_add(count).filter(|end| *end <= self.data.len());
        let end = end.ok_or_else(|| PyValueError::new_err("language model is truncated"))?;
        let piece = &self.data[self.at..end];
        self.at = end;
        Ok(piece)
    }
    fn u32s(&mut self, count: usize) -> PyResult<Vec<u32>> {
        let bytes = self.take(count.saturating_mul(4))?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
    /// Skips `count` u32 values, returning where they start.
    fn skip_u32s(&mut self, count: usize) -> PyResult<usize> {
        let at = self.at;
        self.take(count.saturating_mul(4))?;
        Ok(at)
    }
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

/// IEEE 754 half precision to single precision (exact: every f16 is an f32).
fn half_to_f32(bits: u16) -> f32 {
    let sign = ((bits >> 15) as u32) << 31;
    let exponent = ((bits >> 10) & 0x1f) as u32;
    let mantissa = (bits & 0x3ff) as u32;
    let value = match (exponent, mantissa) {
        (0, 0) => sign,
        (0, _) => {
            // subnormal: value = mantissa * 2^-24
            let magnitude = mantissa as f32 * f32::powi(2.0, -24);
            return if sign != 0 { -magnitude } else { magnitude };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, _) => sign | 0x7fc0_0000,
        _ => sign | ((exponent + 112) << 23) | (mantissa << 13),
    };
    f32::from_bits(value)
}

#[pymethods]
impl LanguageModel {
    /// The model from its serialised bytes (see the module documentation), read in
    /// place: any object with the buffer protocol (`bytes`, `mmap`). `checksum`: the
    /// CRC-32 the bytes must have (for a copy kept on disk), checked when given.
    #[new]
    #[pyo3(signature = (data, checksum=None))]
    fn new(data: PyBuffer<u8>, checksum: Option<u32>) -> PyResult<Self> {
        if !data.is_c_contiguous() || data.item_size() != 1 {
            return Err(PyValueError::new_err("language model: expected contiguous bytes"));
        }
        // SAFETY: the buffer is read-only, contiguous and kept alive (and its exporter
        // unable to resize it) as long as `_buffer` is held, which outlives `bytes`.
        let bytes: &'static [u8] =
            unsafe { std::slice::from_raw_parts(data.buf_ptr() as *const u8, data.len_bytes()) };
        if let Some(expected) = checksum {
            if crc32fast::hash(bytes) != expected {
                return Err(PyValueError::new_err("language model: checksum mismatch"));
            }
        }
        let mut reader = Reader { data: bytes, at: 0 };
        if reader.take(8)? != MAGIC {
            return Err(PyValueError::new_err("not a newslint language model"));
        }
        let sizes = reader.u32s(4)?;
        let (classes, features, rows, states) =
            (sizes[0] as usize, sizes[1] as usize, sizes[2] as usize, sizes[3] as usize);
        let names = reader.take(classes * 4)?;
        let classes_list: Vec<String> = names
            .chunks_exact(4)
            .map(|c| String::from_utf8_lossy(c).trim_end_matches('\0').to_string())
            .collect();
        let pc = reader.u32s(classes)?.into_iter().map(f32::from_bits).collect();
        let ptc_at = reader.at;
        reader.take(features.saturating_mul(classes * 2))?;
        let nextmove_at = reader.skip_u32s(rows.saturating_mul(256))?;
        let state_row_at = reader.skip_u32s(states)?;
        let state_feature_at = reader.skip_u32s(states)?;
        if reader.at != bytes.len() {
            return Err(PyValueError::new_err("language model has trailing bytes"));
        }
        let table = |at: usize, count: usize| bytes[at..at + 4 * count].chunks_exact(4);
        let word = |c: &[u8]| u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        if table(nextmove_at, rows * 256).any(|c| word(c) as usize >= states)
            || table(state_row_at, states).any(|c| word(c) as usize >= rows)
            || table(state_feature_at, states).any(|c| word(c) as i32 >= features as i32)
            || states == 0
        {
            return Err(PyValueError::new_err("language model is inconsistent"));
        }
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut alias_pairs = Vec::new();
        for (index, name) in classes_list.iter().enumerate() {
            match first.get(name.as_str()) {
                Some(&earlier) => alias_pairs.push((earlier, index)),
                None => {
                    first.insert(name, index);
                }
            }
        }
        Ok(Self {
            _buffer: data,
            data: bytes,
            classes: classes_list,
            pc,
            ptc_at,
            nextmove_at,
            state_row_at,
            state_feature_at,
            ptc_rows: (0..features).map(|_| OnceLock::new()).collect(),
            alias_pairs,
        })
    }

    /// The class labels, in the model's order (a label may repeat: script aliases).
    #[getter]
    fn classes(&self) -> Vec<String> {
        self.classes.clone()
    }

    /// (label, probability) of the most likely class of the UTF-8 `data` (prepared as
    /// py3langid prepares text: lower-cased when all upper case, NFC).
    fn classify(&self, data: &[u8]) -> (String, f32) {
        let scores = self.probabilities(data);
        let mut best = 0;
        for (index, score) in scores.iter().enumerate() {
            if *score > scores[best] {
                best = index;
            }
        }
        (self.classes[best].clone(), scores[best])
    }

    /// The normalised probability of every class (aliases folded into their first column).
    fn probabilities(&self, data: &[u8]) -> Vec<f32> {
        let mut scores = self.raw_scores(data);
        let scale = (1.0f64 / (data.len().max(1) as f64).sqrt()) as f32;
        for score in scores.iter_mut() {
            *score *= scale;
        }
        let max = scores.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        for score in scores.iter_mut() {
            *score = (*score - max).exp();
        }
        let total = pairwise_sum(&scores);
        for score in scores.iter_mut() {
            *score /= total;
        }
        for &(first, dupe) in &self.alias_pairs {
            scores[first] += scores[dupe];
            scores[dupe] = 0.0;
        }
        scores
    }
}

impl LanguageModel {
    /// Features met by the DFA walk, with their counts, in order of first meeting.
    fn visits(&self, data: &[u8]) -> Vec<(usize, u32)> {
        let mut met: Vec<usize> = Vec::with_capacity(data.len());
        let mut state = 0usize;
        for &byte in data {
            let row = u32_at(self.data, self.state_row_at + 4 * state) as usize;
            state = u32_at(self.data, self.nextmove_at + 4 * (row * 256 + byte as usize)) as usize;
            let feature = u32_at(self.data, self.state_feature_at + 4 * state) as i32;
            if feature >= 0 {
                met.push(feature as usize);
            }
        }
        // Counted by sorting: cheaper than hashing for a few thousand features.
        let mut sorted = met.clone();
        sorted.sort_unstable();
        let mut counted: Vec<(usize, u32)> = Vec::new();
        for feature in sorted {
            match counted.last_mut() {
                Some((last, count)) if *last == feature => *count += 1,
                _ => counted.push((feature, 1)),
            }
        }
        counted
    }

    /// The row of `ptc` of `feature` in single precision (widened on first use: the
    /// scoring loop then runs on contiguous single-precision rows, which the compiler
    /// vectorises).
    fn ptc_row(&self, feature: usize) -> &[f32] {
        self.ptc_rows[feature].get_or_init(|| {
            let classes = self.pc.len();
            let at = self.ptc_at + feature * classes * 2;
            self.data[at..at + classes * 2]
                .chunks_exact(2)
                .map(|c| half_to_f32(u16::from_le_bytes([c[0], c[1]])))
                .collect()
        })
    }

    fn raw_scores(&self, data: &[u8]) -> Vec<f32> {
        let classes = self.pc.len();
        let visits = self.visits(data);
        if visits.is_empty() {
            return vec![0.0; classes];
        }
        // Single precision, as numpy's product (BLAS sums in an order of its own: the
        // two differ by rounding only, about 1e-6 of a probability).
        let mut sums = vec![0.0f32; classes];
        for (feature, count) in visits {
            let weight = (count as f32).ln_1p();
            let row = self.ptc_row(feature);
            for (sum, value) in sums.iter_mut().zip(row) {
                *sum += weight * value;
            }
        }
        sums.iter().zip(&self.pc).map(|(sum, prior)| sum + prior).collect()
    }
}

/// numpy's pairwise summation of float32 (blocks of 8 partial sums below 128 values),
/// so that the normalised probabilities round as numpy's do.
fn pairwise_sum(values: &[f32]) -> f32 {
    let n = values.len();
    if n < 8 {
        return values.iter().fold(0.0f32, |acc, v| acc + v);
    }
    if n <= 128 {
        let mut partial = [0.0f32; 8];
        partial.copy_from_slice(&values[..8]);
        let mut i = 8;
        while i < n - (n % 8) {
            for j in 0..8 {
                partial[j] += values[i + j];
            }
            i += 8;
        }
        let mut result = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
            + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
        while i < n {
            result += values[i];
            i += 1;
        }
        return result;
    }
    let half = (n / 2) - (n / 2) % 8;
    pairwise_sum(&values[..half]) + pairwise_sum(&values[half..])
}
