"""Q: quotes and typography."""
