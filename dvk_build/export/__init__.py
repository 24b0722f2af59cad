"""Open data: the published models as JSON, CSV, Excel and an Atom feed, independent of MkDocs.

`records` defines the columns once (from the field declarations and config.yaml); every format and
the codebook read them from there. `site_files` makes the site's downloads and the page `du-lieu/`.
"""
