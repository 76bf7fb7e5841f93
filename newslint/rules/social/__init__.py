"""H: hashtags and social-media residue."""
