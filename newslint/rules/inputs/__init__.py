"""X: problems with the input itself (unreadable files, bad records, crashing rules)."""
