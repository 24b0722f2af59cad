"""Every rule, one module each; REGISTRY maps a code to its module (no magic discovery)."""
