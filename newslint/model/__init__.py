"""What everything else talks about: documents and their views, findings and fixes, rules and their options, typed stashes, text and language helpers."""
