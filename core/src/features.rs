//! The corpus checks' features of one article (see newslint/corpus/features.py, whose
//! definitions these follow bit for bit): a 64-bit BLAKE2b key of the text and of each
//! line, 32-bit word-shingle hashes, and datasketch's affine32 MinHash with LSH band keys.

use blake2::digest::{Update, VariableOutput};
use blake2::Blake2bVar;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// What Python's `bytes.split()` splits at: ASCII white space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn words(folded: &[u8]) -> impl Iterator<Item = &[u8]> {
    folded.split(|b| is_space(*b)).filter(|w| !w.is_empty())
}

/// BLAKE2b with an 8-byte digest of the words joined by single spaces, little-endian.
fn joined_key<'a>(parts: impl Iterator<Item = &'a [u8]>) -> (u64, usize) {
    let mut hasher = Blake2bVar::new(8).expect("8 is a valid BLAKE2b digest size");
    let mut count = 0;
    for part in parts {
        if count > 0 {
            hasher.update(b" ");
        }
        hasher.update(part);
        count += 1;
    }
    let mut digest = [0u8; 8];
    hasher.finalize_variable(&mut digest).expect("digest size is 8");
    (u64::from_le_bytes(digest), count)
}

/// 64-bit key of the folded text, case and spacing aside: 0 without words, never 0 else.
#[pyfunction]
pub fn text_key(folded: &[u8]) -> u64 {
    let (key, count) = joined_key(words(folded));
    match (count, key) {
        (0, _) => 0,
        (_, 0) => 1,
        (_, key) => key,
    }
}

/// Every run of ASCII digits as one "0" (the value of numbers aside).
fn mask_numbers(folded: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(folded.len());
    for &byte in folded {
        if byte.is_ascii_digit() {
            if out.last() != Some(&b'0') {
                out.push(b'0');
            }
        } else {
            out.push(byte);
        }
    }
    out
}

/// (line number, 64-bit key, words) of each non-blank line of the folded text, numbers
/// masked; lines split at "\n" (the caller made every line break one).
#[pyfunction]
pub fn line_keys(folded: &[u8]) -> Vec<(usize, u64, usize)> {
    let masked = mask_numbers(folded);
    let mut keys = Vec::new();
    for (index, line) in masked.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(|b| is_space(*b)) {
            continue;
        }
        let (key, count) = joined_key(words(line));
        keys.push((index + 1, key, count));
    }
    keys
}

fn fmix32(mut value: u32) -> u32 {
    value ^= value >> 16;
    value = value.wrapping_mul(0x85EB_CA6B);
    value ^= value >> 13;
    value = value.wrapping_mul(0xC2B2_AE35);
    value ^ (value >> 16)
}

/// MinHash sketches with fixed permutations (datasketch's `a`, `b` for a seed).
#[pyclass(frozen)]
pub struct Sketcher {
    a: Vec<u32>,
    b: Vec<u32>,
}

#[pymethods]
impl Sketcher {
    #[new]
    fn new(a: Vec<u32>, b: Vec<u32>) -> PyResult<Self> {
        if a.len() != b.len() || a.is_empty() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "a and b must be non-empty and of one length",
            ));
        }
        Ok(Self { a, b })
    }

    /// 32-bit hashes of the runs of `size` consecutive words (none if fewer words).
    #[staticmethod]
    fn shingle_hashes(folded: &[u8], size: usize) -> Vec<u32> {
        shingles(folded, size)
    }

    /// The signature (little-endian uint32 values, as bytes) of the article's shingles,
    /// and the number of shingles.
    fn signature<'py>(
        &self,
        py: Python<'py>,
        folded: &[u8],
        size: usize,
    ) -> (Bound<'py, PyBytes>, usize) {
        let hashes = shingles(folded, size);
        let signature = self.minhash(&hashes);
        let bytes: Vec<u8> = signature.iter().flat_map(|v| v.to_le_bytes()).collect();
        (PyBytes::new(py, &bytes), hashes.len())
    }

    /// One 64-bit key per LSH band of a signature (little-endian uint32 bytes).
    #[staticmethod]
    fn band_keys(signature: &[u8], bands: usize, rows: usize) -> Vec<u64> {
        let values: Vec<u64> = signature
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as u64)
            .collect();
        (0..bands)
            .map(|band| {
                let mut power: u64 = 1;
                let mut key: u64 = 0;
                for row in 0..rows {
                    key = key.wrapping_add(values[band * rows + row].wrapping_mul(power));
                    power = power.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                }
                key ^ (band as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            })
            .collect()
    }
}

impl Sketcher {
    fn minhash(&self, hashes: &[u32]) -> Vec<u32> {
        let mut signature = vec![u32::MAX; self.a.len()];
        if hashes.is_empty() {
            return signature;
        }
        let mixed: Vec<u32> = hashes.iter().map(|h| fmix32(*h)).collect();
        for (slot, (a, b)) in signature.iter_mut().zip(self.a.iter().zip(&self.b)) {
            *slot = mixed
                .iter()
                .map(|h| a.wrapping_mul(*h).wrapping_add(*b))
                .min()
                .unwrap_or(u32::MAX);
        }
        signature
    }
}

fn shingles(folded: &[u8], size: usize) -> Vec<u32> {
    let word_hashes: Vec<u64> = words(folded).map(|w| crc32fast::hash(w) as u64).collect();
    if size == 0 || word_hashes.len() < size {
        return Vec::new();
    }
    (0..=word_hashes.len() - size)
        .map(|start| {
            let mut combined = word_hashes[start];
            for offset in 1..size {
                combined = combined
                    .wrapping_mul(0x0000_0100_0000_01B3)
                    .wrapping_add(word_hashes[start + offset]);
            }
            ((combined >> 32) ^ combined) as u32
        })
        .collect()
}
