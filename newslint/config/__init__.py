"""The settings of a run (defaults, config files, flags) and the rules they enable (select, ignore)."""
