"""Full-text search and the faceted catalogue: Pagefind records, the search page and the indexing step."""
