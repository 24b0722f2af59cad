"""Loading dossiers: bytes → text → YAML front matter with positions → Dossier."""
