"""Input and output: readers (one plugin per input format), formatters (one plugin per output format), safe file writes, findings as Arrow data."""
