"""Declarative rules: YAML files, one rule each, built from a closed set of kinds."""
