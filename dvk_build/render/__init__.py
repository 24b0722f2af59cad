"""Rendering: the catalogue → the site's pages as HTML (the rules page as Markdown), independent of MkDocs."""
