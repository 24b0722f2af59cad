"""Open data: the published models as JSON, CSV, Excel and an Atom feed, independent of MkDocs.

`records` defines the columns once (from the dossier schema and config.yaml); every format and the
codebook read them from there. `site_files` is the only part that knows about the site.
"""
