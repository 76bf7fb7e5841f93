//! The structure view's arithmetic (see newslint/structure/features.py and model.py):
//! the context features of a page's units and the line model's boosted trees. The
//! floats are those the Python definitions gave, bit for bit: the same operations in
//! the same order (Python's `sum` of floats, numpy's pairwise sum of the leaves, float32
//! comparisons at the nodes).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Indexes in an own row (features.OWN) of what the context reads.
const LOG_WORDS: usize = 0;
const FUNCTION_SHARE: usize = 1;
const SENTENCE_END: usize = 2;
const OPEN_END: usize = 4;
const LIST_ITEM: usize = 5;
const PIPES: usize = 10;
/// features.NEIGHBOUR, in its order.
const NEIGHBOUR: [usize; 5] = [LOG_WORDS, FUNCTION_SHARE, SENTENCE_END, LIST_ITEM, OPEN_END];
/// The context features appended to an own row: 2 x NEIGHBOUR, 2 x 2 far, 4 more.
const CONTEXT_WIDTH: usize = 2 * NEIGHBOUR.len() + 4 + 4;
/// Units read on each side for the window of words.
const WINDOW: usize = 3;

/// Python's `sum()` of floats: plain additions up to 3.11, Neumaier's compensated
/// summation from 3.12 on (the interpreter decides, so that one build matches each).
pub(crate) fn python_sum(values: &[f64], compensated: bool) -> f64 {
    let mut total = 0.0;
    if !compensated {
        for value in values {
            total += value;
        }
        return total;
    }
    let mut compensation = 0.0;
    for &value in values {
        let next = total + value;
        if total.abs() >= value.abs() {
            compensation += (total - next) + value;
        } else {
            compensation += (value - next) + total;
        }
        total = next;
    }
    if compensation != 0.0 && compensation.is_finite() {
        total += compensation;
    }
    total
}

/// Units since the last unit of prose before each index (`count` when none).
fn gaps(prose: impl Iterator<Item = bool>, count: usize) -> Vec<usize> {
    let mut last: Option<usize> = None;
    prose
        .enumerate()
        .map(|(index, value)| {
            let gap = last.map_or(count, |at| index - at);
            if value {
                last = Some(index);
            }
            gap
        })
        .collect()
}

/// What a run of alike units shares: a length class (3, 8, 20 words), the ending, list
/// and table marks; the floats compared as Python compares them (by value).
fn shape(row: &[f64]) -> (u8, f64, f64, f64) {
    let words = row[LOG_WORDS];
    let length = if words <= 1.39 {
        0
    } else if words <= 2.2 {
        1
    } else if words <= 3.05 {
        2
    } else {
        3
    };
    (length, row[SENTENCE_END], row[LIST_ITEM], row[PIPES])
}

/// For each unit, the length of the run of equal shapes it belongs to.
fn runs(rows: &[Vec<f64>]) -> Vec<usize> {
    let shapes: Vec<_> = rows.iter().map(|row| shape(row)).collect();
    let mut runs = Vec::with_capacity(shapes.len());
    let mut start = 0;
    for index in 1..=shapes.len() {
        if index < shapes.len() && shapes[index] == shapes[start] {
            continue;
        }
        runs.extend(std::iter::repeat_n(index - start, index - start));
        start = index;
    }
    runs
}

/// A page's units: own rows and word counts, and what the context features of each
/// need (gaps to prose, runs), computed once.
struct Page<'a> {
    rows: &'a [Vec<f64>],
    gaps_above: Vec<usize>,
    gaps_below: Vec<usize>,
    runs: Vec<usize>,
    compensated: bool,
}

impl<'a> Page<'a> {
    fn new(rows: &'a [Vec<f64>], sizes: &[usize], compensated: bool) -> PyResult<Self> {
        if sizes.len() != rows.len() {
            return Err(PyValueError::new_err("rows and sizes differ in length"));
        }
        if rows.iter().any(|row| row.len() <= PIPES) {
            return Err(PyValueError::new_err("an own row is too short"));
        }
        let count = rows.len();
        let prose: Vec<bool> = rows
            .iter()
            .zip(sizes)
            .map(|(row, &size)| size >= 8 && row[FUNCTION_SHARE] >= 0.6 && row[SENTENCE_END] > 0.0)
            .collect();
        let mut gaps_below = gaps(prose.iter().rev().copied(), count);
        gaps_below.reverse();
        Ok(Self {
            rows,
            gaps_above: gaps(prose.iter().copied(), count),
            gaps_below,
            runs: runs(rows),
            compensated,
        })
    }

    /// The own row of unit `index` followed by its context features.
    fn full_row(&self, index: usize) -> Vec<f64> {
        let rows = self.rows;
        let own = &rows[index];
        let mut full = Vec::with_capacity(own.len() + CONTEXT_WIDTH);
        full.extend_from_slice(own);
        for other in [index.checked_sub(1), Some(index + 1)] {
            match other.and_then(|at| rows.get(at)) {
                Some(side) => full.extend(NEIGHBOUR.iter().map(|&i| side[i])),
                None => full.extend([0.0; NEIGHBOUR.len()]),
            }
        }
        for other in [index.checked_sub(2), Some(index + 2)] {
            match other.and_then(|at| rows.get(at)) {
                Some(side) => full.extend([side[LOG_WORDS], side[FUNCTION_SHARE]]),
                None => full.extend([0.0, 0.0]),
            }
        }
        let start = index.saturating_sub(WINDOW);
        let end = (index + WINDOW + 1).min(rows.len());
        let window: Vec<f64> = rows[start..end].iter().map(|row| row[LOG_WORDS]).collect();
        full.extend([
            (self.runs[index] as f64).ln_1p(),
            (self.gaps_above[index] as f64).ln_1p(),
            (self.gaps_below[index] as f64).ln_1p(),
            python_sum(&window, self.compensated) / window.len() as f64,
        ]);
        full
    }
}

pub(crate) fn compensated_sum(py: Python<'_>) -> bool {
    py.version_info() >= (3, 12)
}

/// The full rows (features.NAMES) of a page's units: each own row followed by its
/// context features; None for the units not `scored` (plain prose).
#[pyfunction]
#[pyo3(signature = (rows, sizes, scored=None))]
pub fn context_rows(
    py: Python<'_>,
    rows: Vec<Vec<f64>>,
    sizes: Vec<usize>,
    scored: Option<Vec<bool>>,
) -> PyResult<Vec<Option<Vec<f64>>>> {
    let page = Page::new(&rows, &sizes, compensated_sum(py))?;
    check_scored(scored.as_deref(), rows.len())?;
    Ok((0..rows.len())
        .map(|index| {
            let wanted = scored.as_ref().is_none_or(|flags| flags[index]);
            wanted.then(|| page.full_row(index))
        })
        .collect())
}

fn check_scored(scored: Option<&[bool]>, count: usize) -> PyResult<()> {
    match scored {
        Some(flags) if flags.len() != count => {
            Err(PyValueError::new_err("scored and rows differ in length"))
        }
        _ => Ok(()),
    }
}

/// numpy's sum of float64 along a contiguous axis: pairwise, in blocks of 8 partial sums
/// (numpy's `pairwise_sum`), so that the log-odds are the ones numpy gave.
fn pairwise_sum(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 8 {
        let mut total = 0.0;
        for value in values {
            total += value;
        }
        total
    } else if n <= 128 {
        let mut partial = [0.0; 8];
        partial.copy_from_slice(&values[..8]);
        let whole = n - n % 8;
        for block in values[8..whole].chunks_exact(8) {
            for (sum, value) in partial.iter_mut().zip(block) {
                *sum += value;
            }
        }
        let mut total = ((partial[0] + partial[1]) + (partial[2] + partial[3]))
            + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
        for value in &values[whole..] {
            total += value;
        }
        total
    } else {
        let mut half = n / 2;
        half -= half % 8;
        pairwise_sum(&values[..half]) + pairwise_sum(&values[half..])
    }
}

/// The line model's trees (newslint/structure/model.py): complete binary trees of one
/// depth, inner nodes breadth-first, flattened tree after tree.
#[pyclass(frozen)]
pub struct LineScorer {
    features: Vec<usize>,
    splits: Vec<f32>,
    leaves: Vec<f64>,
    inner: usize,
    depth: usize,
    base: f64,
    prose: f64,
}

#[pymethods]
impl LineScorer {
    /// `features`, `splits`: (trees x inner nodes) flattened, `leaves`: (trees x inner
    /// nodes + 1); `base` is added to each sum, `prose` is the log-odds of a unit
    /// `page_log_odds` does not score.
    #[new]
    fn new(
        features: Vec<usize>,
        splits: Vec<f32>,
        leaves: Vec<f64>,
        inner: usize,
        base: f64,
        prose: f64,
    ) -> PyResult<Self> {
        let trees = features.len().checked_div(inner).unwrap_or(0);
        let consistent = inner > 0
            && (inner + 1).is_power_of_two()
            && features.len() == trees * inner
            && splits.len() == features.len()
            && leaves.len() == trees * (inner + 1);
        if !consistent {
            return Err(PyValueError::new_err("trees of inconsistent shapes"));
        }
        let depth = (inner + 1).trailing_zeros() as usize;
        Ok(Self {
            features,
            splits,
            leaves,
            inner,
            depth,
            base,
            prose,
        })
    }

    /// Log-odds of each row (features.NAMES) being article text.
    fn log_odds(&self, rows: Vec<Vec<f64>>) -> PyResult<Vec<f64>> {
        rows.iter().map(|row| self.score(row)).collect()
    }

    /// Log-odds of each unit of a page from the own rows and word counts of its units:
    /// the context features and the trees in one call; the units not `scored` (plain
    /// prose) get the log-odds of plain prose.
    fn page_log_odds(
        &self,
        py: Python<'_>,
        rows: Vec<Vec<f64>>,
        sizes: Vec<usize>,
        scored: Vec<bool>,
    ) -> PyResult<Vec<f64>> {
        let page = Page::new(&rows, &sizes, compensated_sum(py))?;
        check_scored(Some(&scored), rows.len())?;
        (0..rows.len())
            .map(|index| match scored[index] {
                true => self.score(&page.full_row(index)),
                false => Ok(self.prose),
            })
            .collect()
    }
}

impl LineScorer {
    fn score(&self, row: &[f64]) -> PyResult<f64> {
        let inner = self.inner;
        let trees = self.features.len() / inner;
        let mut values = Vec::with_capacity(trees);
        for tree in 0..trees {
            let nodes = tree * inner;
            let mut node = 0;
            for _ in 0..self.depth {
                let feature = self.features[nodes + node];
                let value = *row.get(feature).ok_or_else(|| {
                    PyValueError::new_err("a row is shorter than the model's features")
                })? as f32;
                node = 2 * node + 1 + usize::from(value > self.splits[nodes + node]);
            }
            values.push(self.leaves[tree * (inner + 1) + node - inner]);
        }
        Ok(pairwise_sum(&values) + self.base)
    }
}
