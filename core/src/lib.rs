//! newslint's compiled core: the per-document work of the built-in rules that Python
//! calls once per document (plain data across the boundary: offsets, indexes, hashes).
//!
//! - `patterns`: the YAML phrase and pattern rules, translated to this crate's regex
//!   syntax by `newslint/declarative/translate.py`, matched in one screening pass;
//! - `langid`: py3langid's naive Bayes language identifier over byte n-grams;
//! - `features`: what the corpus-wide (C) checks keep of an article: hashes, MinHash;
//! - `structure`: the structure view's context features and line-model trees;
//! - `units`: the character-level own features of the structure view's units;
//! - `page`: the structure view's units of a page in one call: markers, signatures,
//!   whether the page is plainly an article, and the units' own features;
//! - `markers`: the structure view's page-furniture markers, signatures and dates;
//! - `segment`: the structure view's parts of a page: its body, what lies around it;
//! - `common_words`: M004's bound on the share of a paragraph's common words;
//! - `doubled_words`: where M003's doubled words may start;
//! - `repetition`: the duplication rules' paragraphs, their copies and likenesses;
//! - `quotes`: the quote rules' unbalanced quotes and brackets, and mixed quote styles;
//! - `voice`: how the structure view's paragraphs read, a reader's comment or reporting.

use pyo3::prelude::*;

mod common_words;
mod doubled_words;
mod features;
mod langid;
mod markers;
mod page;
mod patterns;
mod quotes;
mod repetition;
mod segment;
mod structure;
mod units;
mod voice;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<patterns::PatternPass>()?;
    m.add_function(wrap_pyfunction!(patterns::check_pattern, m)?)?;
    m.add_function(wrap_pyfunction!(patterns::case_closed, m)?)?;
    m.add_class::<langid::LanguageModel>()?;
    m.add_class::<features::Sketcher>()?;
    m.add_function(wrap_pyfunction!(features::text_key, m)?)?;
    m.add_function(wrap_pyfunction!(features::line_keys, m)?)?;
    m.add_class::<structure::LineScorer>()?;
    m.add_function(wrap_pyfunction!(structure::context_rows, m)?)?;
    m.add_function(wrap_pyfunction!(segment::page_parts, m)?)?;
    m.add_class::<units::UnitReader>()?;
    m.add_function(wrap_pyfunction!(page::page_units, m)?)?;
    m.add_class::<markers::MarkerReader>()?;
    m.add_class::<common_words::CommonWords>()?;
    m.add_class::<doubled_words::DoubledWords>()?;
    m.add_class::<repetition::RepetitionReader>()?;
    m.add_class::<repetition::Repeats>()?;
    m.add_class::<quotes::QuoteReader>()?;
    m.add_class::<quotes::QuoteText>()?;
    m.add_class::<voice::VoiceWords>()?;
    m.add_function(wrap_pyfunction!(voice::voice_readings, m)?)?;
    Ok(())
}
