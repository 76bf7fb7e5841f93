"""B: boilerplate: what the page around the article left in the text (navigation, link
lists, page furniture, other text that is not the article). The phrase and pattern
rules of this family are YAML, in ``rules/boilerplate/``; the rules here read the
structure view of the page (``newslint.structure``)."""
