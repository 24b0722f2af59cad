"""Documentation pages generated from the code: the rules reference."""
