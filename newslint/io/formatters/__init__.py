"""Output formats, one module per format; each is a plugin answering ``newslint_formatters``."""
