"""TODO.md: the block format and the two-way sync with action items."""
