"""D: duplication (repeated paragraphs, lead, title, pull quotes)."""
