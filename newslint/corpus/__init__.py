"""Corpus-wide checks (family C): what one article cannot show, found across articles.

The C rules themselves live in ``newslint/rules/corpus_wide/`` like every rule family; this
package holds what they need: the features kept of each article (hashes and a MinHash
sketch, never text), the spill store, the analysis between the two passes, and the
stage that adds the C findings to the stream of checked documents.
"""
