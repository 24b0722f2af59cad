"""Full-text search and the faceted catalogue: the dvk index (dvk_index.py), the search page and its facets."""
