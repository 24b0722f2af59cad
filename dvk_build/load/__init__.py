"""Loading: finding dossier files; bytes → text → YAML front matter with the position of every value."""
