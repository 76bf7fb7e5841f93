"""The language server (``newslint server``, extra ``newslint[lsp]``, on pygls): findings
of plain text and Markdown documents as diagnostics, fixes as code actions, rule
documentation on hover. ``newslint.server.positions`` converts between findings and LSP
positions; ``newslint.server.lsp`` speaks the protocol."""
