"""The command line: ``newslint`` and one module per subcommand."""
