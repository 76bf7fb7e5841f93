"""T: truncation (articles that stop mid-word or mid-sentence)."""
