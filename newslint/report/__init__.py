"""``newslint report``: one self-contained HTML page on a corpus, for people.

``aggregate`` sums up findings as they stream by (bounded memory: counts, and a few
examples per code), ``charts`` draws them with Vega-Lite through altair, ``page`` writes
the HTML with the Vega JavaScript inlined, ``command`` is the subcommand.
"""
