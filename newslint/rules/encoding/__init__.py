"""E: encoding and markup (mojibake, HTML residue, invisible characters)."""
