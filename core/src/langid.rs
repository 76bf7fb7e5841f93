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

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const MAGIC: &[u8; 8] = b"NLLANGID";

#[pyclass(frozen)]
pub struct LanguageModel {
    classes: Vec<String>,
    pc: Vec<f32>,
    ptc: Vec<f32>,
    nextmove: Vec<u32>,
    state_row: Vec<u32>,
    state_feature: Vec<i32>,
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
        let bytes = self.take(count.checked_mul(4).unwrap_or(usize::MAX))?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
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
    /// The model from its serialised bytes (see the module documentation).
    #[new]
    fn new(data: &[u8]) -> PyResult<Self> {
        let mut reader = Reader { data, at: 0 };
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
        let ptc_bytes = reader.take(features * classes * 2)?;
        // Widened once (the model stores half precision): the scoring loop then runs on
        // contiguous single-precision rows, which the compiler vectorises.
        let half_to_single: Vec<f32> = (0..=u16::MAX).map(half_to_f32).collect();
        let ptc = ptc_bytes
            .chunks_exact(2)
            .map(|c| half_to_single[u16::from_le_bytes([c[0], c[1]]) as usize])
            .collect();
        let nextmove = reader.u32s(rows * 256)?;
        let state_row = reader.u32s(states)?;
        let state_feature: Vec<i32> = reader.u32s(states)?.into_iter().map(|v| v as i32).collect();
        if reader.at != data.len() {
            return Err(PyValueError::new_err("language model has trailing bytes"));
        }
        if nextmove.iter().any(|s| *s as usize >= states)
            || state_row.iter().any(|r| *r as usize >= rows)
            || state_feature.iter().any(|f| *f >= features as i32)
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
            classes: classes_list,
            pc,
            ptc,
            nextmove,
            state_row,
            state_feature,
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
            let row = self.state_row[state] as usize;
            state = self.nextmove[row * 256 + byte as usize] as usize;
            let feature = self.state_feature[state];
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

    fn raw_scores(&self, data: &[u8]) -> Vec<f32> {
        let classes = self.pc.len();
        let visits = self.visits(data);
        if visits.is_empty() {
            return vec![0.0; classes];
        }
        // Single precision, as numpy's product (BLAS sums in an order of its own: the
        // two differ by rounding only, about 1e-6 of a probability).
        let mut sums = vec![0.0f32; classes];
        for (at, &(feature, count)) in visits.iter().enumerate() {
            // The rows are read in order of feature, far apart in a matrix of megabytes:
            // fetching a few rows ahead hides the memory latency that dominates.
            if let Some(&(ahead, _)) = visits.get(at + PREFETCH_ROWS) {
                prefetch_row(&self.ptc[ahead * classes..(ahead + 1) * classes]);
            }
            let weight = (count as f32).ln_1p();
            let row = &self.ptc[feature * classes..(feature + 1) * classes];
            for (sum, value) in sums.iter_mut().zip(row) {
                *sum += weight * value;
            }
        }
        sums.iter().zip(&self.pc).map(|(sum, prior)| sum + prior).collect()
    }
}

/// How many rows ahead of the one being added `raw_scores` asks the memory for.
const PREFETCH_ROWS: usize = 4;

/// Asks the processor to bring `row` into the cache (a hint: no effect on results).
#[inline]
fn prefetch_row(row: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        for line in row.chunks(16) {
            // SAFETY: a prefetch reads nothing and the pointer is within the slice.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast::<i8>()) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
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
