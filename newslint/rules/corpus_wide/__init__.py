"""C: corpus-wide (duplicate and near-duplicate articles, site templates, wire boilerplate).

These rules look across articles: ``newslint.corpus`` reads a corpus twice and hands
each rule the facts about one document (``newslint.model.facts``); on a document
checked alone they find nothing.
"""
