"""Rendering: the catalogue → site pages (Markdown with HTML blocks), independent of MkDocs."""
