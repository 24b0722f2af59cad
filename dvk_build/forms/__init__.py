"""The guideline's documents (Mẫu 2a report, Mẫu 2b notice) as Word files filled from a model."""
