//! py3langid's language identifier (a naive Bayes classifier over byte n-grams, found by
//! an automaton walked over the UTF-8 of the text), with py3langid's own model: the same
//! features, scores and normalised probabilities (`norm_probs=True`), in compiled code.
//!
//! The model comes from `newslint/data/langid.bin.zst` (made from py3langid's model by
//! `core/tools/export_langid_model.py`); its layout, all little-endian:
//! magic `NLLANGI2`, u32 classes, features, slots, root; classes as 4 ASCII bytes each
//! (NUL-padded); pc as f32[classes]; ptc as f16[features][classes]; then, per slot of
//! the double-array trie, u32 check, u32 base, u32 fail and i32 feature (four tables of
//! `slots` values each).
//!
//! py3langid's DFA (39 MB of transitions, a cache miss per byte) is an Aho-Corasick
//! automaton; the exporter writes it as the trie it is made of, with failure links, in a
//! double array: the child of state `s` by byte `b` is the slot `base[s] + b` when that
//! slot's `check` is `s`, and a state without that child moves as its failure link does.
//! The exporter proves that this moves exactly as py3langid's DFA from every state on
//! every byte, so the walk meets the same features; its tables (1.7 MB) stay in cache.

use std::cell::RefCell;
use std::collections::HashMap;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const MAGIC: &[u8; 8] = b"NLLANGI2";
/// `check` of a slot that is no one's child (a free slot, the root's slot).
const FREE: u32 = u32::MAX;
/// A failure chain is no longer than the trie is deep (6 for py3langid's model); a model
/// whose chains run longer is refused, so that a walk always ends.
const MAX_DEPTH: usize = 64;
/// Counts below this get their weight, `ln(1 + count)`, from a table made with the same
/// function at load (the same bits): most features occur a few times in a text.
const WEIGHTS: usize = 64;
/// How many features ahead the scoring loop asks for the row it will read: the rows lie
/// far apart in the 28 MB of `ptc`, and the loop is otherwise waiting on memory.
const PREFETCH_AHEAD: usize = 4;

/// One slot of the double array, with what a step of the walk needs side by side: the
/// failure link's base rides along so that the child of the failure link can be looked
/// up in the same round of loads as the state's own child (the walk ends there for
/// three bytes in four).
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    check: u32,
    base: u32,
    fail: u32,
    fail_base: u32,
}

/// The automaton is copied out of the buffer into aligned tables (1.7 MB, a millisecond);
/// `ptc` (28 MB of half-precision rows) is read in place, in the buffer it was given (the
/// decompressed model in a `bytes`, or a file mapped in memory), and widened as it is
/// summed: no single-precision copy is kept.
#[pyclass(frozen)]
pub struct LanguageModel {
    /// Held for `data`, which points into it.
    _buffer: PyBuffer<u8>,
    data: &'static [u8],
    classes: Vec<String>,
    pc: Vec<f32>,
    /// Offset in `data` of `ptc`, and its number of rows.
    ptc_at: usize,
    features: usize,
    slots: Vec<Slot>,
    /// Each slot's feature (-1: none), apart from `slots`: only the walk's output needs it.
    feature: Vec<i32>,
    root: u32,
    weights: [f32; WEIGHTS],
    /// Sum the rows with F16C (x86-64 CPUs that have it), else portably.
    f16c: bool,
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

fn has_f16c() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx")
        && std::arch::is_x86_feature_detected!("f16c");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Refuses tables a walk could leave or loop in: every child slot `base + byte` inside,
/// every link to a slot inside, every feature a row of `ptc`, every failure chain ending
/// at the root within `MAX_DEPTH` links.
fn check_automaton(
    check: &[u32],
    base: &[u32],
    fail: &[u32],
    feature: &[u32],
    root: usize,
    features: usize,
) -> bool {
    let slots = check.len();
    let inside = |slot: u32| (slot as usize) < slots;
    if root >= slots || fail[root] as usize != root || check[root] != FREE {
        return false;
    }
    let tables_fit = check.iter().all(|&c| c == FREE || inside(c))
        && base.iter().all(|&b| (b as usize).saturating_add(255) < slots)
        && fail.iter().all(|&f| inside(f))
        && feature.iter().all(|&f| (f as i32) < features as i32);
    if !tables_fit {
        return false;
    }
    // Chain lengths, each slot's found once by following its chain to a slot already
    // known (the root's is 0).
    let mut depth = vec![usize::MAX; slots];
    depth[root] = 0;
    let mut chain = Vec::with_capacity(MAX_DEPTH);
    for start in 0..slots {
        let mut at = start;
        while depth[at] == usize::MAX {
            if chain.len() == MAX_DEPTH {
                return false;
            }
            chain.push(at);
            at = fail[at] as usize;
        }
        let mut known = depth[at];
        while let Some(slot) = chain.pop() {
            known += 1;
            if known > MAX_DEPTH {
                return false;
            }
            depth[slot] = known;
        }
    }
    true
}

#[pymethods]
impl LanguageModel {
    /// The model from its serialised bytes (see the module documentation), read in
    /// place: any object with the buffer protocol (`bytes`, `mmap`). `checksum`: the
    /// CRC-32 the bytes must have (for a copy kept on disk), checked when given.
    /// `portable`: sum without F16C even where the CPU has it (for the tests, which check
    /// that both ways give the same bits).
    #[new]
    #[pyo3(signature = (data, checksum=None, *, portable=false))]
    fn new(data: PyBuffer<u8>, checksum: Option<u32>, portable: bool) -> PyResult<Self> {
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
        let (classes, features, slots, root) =
            (sizes[0] as usize, sizes[1] as usize, sizes[2] as usize, sizes[3] as usize);
        let names = reader.take(classes * 4)?;
        let classes_list: Vec<String> = names
            .chunks_exact(4)
            .map(|c| String::from_utf8_lossy(c).trim_end_matches('\0').to_string())
            .collect();
        let pc = reader.u32s(classes)?.into_iter().map(f32::from_bits).collect();
        let ptc_at = reader.at;
        reader.take(features.saturating_mul(classes * 2))?;
        let check = reader.u32s(slots)?;
        let base = reader.u32s(slots)?;
        let fail = reader.u32s(slots)?;
        let feature = reader.u32s(slots)?;
        if reader.at != bytes.len() {
            return Err(PyValueError::new_err("language model has trailing bytes"));
        }
        if !check_automaton(&check, &base, &fail, &feature, root, features) {
            return Err(PyValueError::new_err("language model is inconsistent"));
        }
        let slots = (0..slots)
            .map(|slot| Slot {
                check: check[slot],
                base: base[slot],
                fail: fail[slot],
                fail_base: base[fail[slot] as usize],
            })
            .collect();
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
            features,
            slots,
            feature: feature.into_iter().map(|f| f as i32).collect(),
            root: root as u32,
            weights: std::array::from_fn(|count| (count as f32).ln_1p()),
            f16c: !portable && has_f16c(),
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

/// Feature counts of one text, kept per thread between texts (clearing 400 KB for each
/// would cost more than counting): a count per feature and a bit per feature met, whose
/// words are read in order, which yields the features in increasing order, the order in
/// which their rows are summed (and so the order of the float additions).
#[derive(Default)]
struct Counts {
    counts: Vec<u32>,
    met: Vec<u64>,
}

impl Counts {
    fn add(&mut self, feature: usize) {
        let count = &mut self.counts[feature];
        if *count == 0 {
            self.met[feature / 64] |= 1 << (feature % 64);
        }
        *count += 1;
    }

    /// The features met with their counts, in increasing order; leaves everything at 0.
    fn drain_into(&mut self, visits: &mut Vec<(u32, u32)>) {
        for (word_at, word) in self.met.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let feature = word_at * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                visits.push((feature as u32, std::mem::take(&mut self.counts[feature])));
            }
        }
    }
}

thread_local! {
    static COUNTS: RefCell<Counts> = RefCell::default();
}

impl LanguageModel {
    /// The state after `byte` from `state` (whose slot is `at`): its child by the byte,
    /// else its failure link's, else the same down the failure chain (to the root, which
    /// stays put on a byte it has no child for).
    #[inline(always)]
    fn step(&self, state: u32, at: Slot, byte: u8) -> u32 {
        let byte = byte as usize;
        let own = at.base as usize + byte;
        let links = at.fail_base as usize + byte;
        // Both loads issued before either is needed: the common cases cost one wait.
        let (own_slot, links_slot) = (self.slots[own], self.slots[links]);
        if own_slot.check == state {
            return own as u32;
        }
        if links_slot.check == at.fail {
            return links as u32;
        }
        let mut link = at.fail;
        loop {
            if link == self.root {
                return self.root;
            }
            link = self.slots[link as usize].fail;
            let child = self.slots[link as usize].base as usize + byte;
            if self.slots[child].check == link {
                return child as u32;
            }
        }
    }

    /// Features met by the walk over `data`, counted, in increasing order of feature.
    fn visits(&self, data: &[u8]) -> Vec<(u32, u32)> {
        let mut visits = Vec::new();
        COUNTS.with_borrow_mut(|counts| {
            if counts.counts.len() < self.features {
                counts.counts.resize(self.features, 0);
                counts.met.resize(self.features.div_ceil(64), 0);
            }
            let mut state = self.root;
            for &byte in data {
                state = self.step(state, self.slots[state as usize], byte);
                let feature = self.feature[state as usize];
                if feature >= 0 {
                    counts.add(feature as usize);
                }
            }
            counts.drain_into(&mut visits);
        });
        visits
    }

    fn raw_scores(&self, data: &[u8]) -> Vec<f32> {
        let classes = self.pc.len();
        let visits = self.visits(data);
        if visits.is_empty() {
            return vec![0.0; classes];
        }
        // Single precision, as numpy's product (BLAS sums in an order of its own: the
        // two differ by rounding only, about 1e-6 of a probability). Each class sums
        // `weight * value`, rounded, feature by feature in increasing order: whichever
        // way a row is read, the additions and so the bits are the same.
        let mut sums = vec![0.0f32; classes.next_multiple_of(8)];
        #[cfg(target_arch = "x86_64")]
        if self.f16c {
            // SAFETY: `f16c` is set only where the CPU has the features the function is
            // compiled for.
            unsafe { self.sum_rows_f16c(&visits, &mut sums) };
        } else {
            self.sum_rows(&visits, &mut sums);
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.sum_rows(&visits, &mut sums);
        sums.iter().zip(&self.pc).map(|(sum, prior)| sum + prior).collect()
    }

    fn weight(&self, count: u32) -> f32 {
        match self.weights.get(count as usize) {
            Some(weight) => *weight,
            None => (count as f32).ln_1p(),
        }
    }

    /// The row of `ptc` of `feature`, half precision, as bytes.
    fn ptc_row(&self, feature: u32) -> &[u8] {
        let length = self.pc.len() * 2;
        let at = self.ptc_at + feature as usize * length;
        &self.data[at..at + length]
    }

    /// Portable: each row widened into a buffer, then summed.
    fn sum_rows(&self, visits: &[(u32, u32)], sums: &mut [f32]) {
        let mut row = vec![0.0f32; self.pc.len()];
        for &(feature, count) in visits {
            let weight = self.weight(count);
            for (value, half) in row.iter_mut().zip(self.ptc_row(feature).chunks_exact(2)) {
                *value = half_to_f32(u16::from_le_bytes([half[0], half[1]]));
            }
            for (sum, value) in sums.iter_mut().zip(&row) {
                *sum += weight * value;
            }
        }
    }

    /// x86-64 with F16C: eight halves widened by one instruction, multiplied and added
    /// (two roundings, as `sum_rows`: no fused multiply-add), the rows a few features
    /// ahead asked for meanwhile.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx,f16c")]
    unsafe fn sum_rows_f16c(&self, visits: &[(u32, u32)], sums: &mut [f32]) {
        use std::arch::x86_64::*;
        let classes = self.pc.len();
        let whole = classes / 8;
        for (index, &(feature, count)) in visits.iter().enumerate() {
            if let Some(&(ahead, _)) = visits.get(index + PREFETCH_AHEAD) {
                let row = self.ptc_row(ahead);
                for line in row.chunks(64) {
                    _mm_prefetch(line.as_ptr() as *const i8, _MM_HINT_T0);
                }
                // a row seldom starts on a cache line: its end may be on one line more
                if let Some(last) = row.last() {
                    _mm_prefetch(last as *const u8 as *const i8, _MM_HINT_T0);
                }
            }
            let weight = _mm256_set1_ps(self.weight(count));
            let row = self.ptc_row(feature);
            let mut chunks = row.chunks_exact(16);
            for (block, halves) in (&mut chunks).enumerate() {
                // SAFETY: `halves` holds 16 bytes; `sums` has room for `block * 8 + 8`.
                let values = _mm256_cvtph_ps(_mm_loadu_si128(halves.as_ptr() as *const __m128i));
                let sum = sums.as_mut_ptr().add(block * 8);
                let product = _mm256_mul_ps(weight, values);
                _mm256_storeu_ps(sum, _mm256_add_ps(_mm256_loadu_ps(sum), product));
            }
            let tail = chunks.remainder();
            if !tail.is_empty() {
                let mut halves = [0u8; 16];
                halves[..tail.len()].copy_from_slice(tail);
                let values = _mm256_cvtph_ps(_mm_loadu_si128(halves.as_ptr() as *const __m128i));
                // SAFETY: `sums` is padded to a multiple of 8 past the classes.
                let sum = sums.as_mut_ptr().add(whole * 8);
                let product = _mm256_mul_ps(weight, values);
                _mm256_storeu_ps(sum, _mm256_add_ps(_mm256_loadu_ps(sum), product));
            }
        }
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
