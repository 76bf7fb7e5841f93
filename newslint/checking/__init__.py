"""One document in, its findings out: the Checker (settings, plugins, rules built once), the engine that runs the rules with their time budget and prefilter, and the suppressions."""
