"""dvk: validate "Dân vận khéo" model dossiers and publish them as a static catalogue."""

__version__ = "0.1.0"
