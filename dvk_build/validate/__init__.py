"""Validation: the guideline's criteria and the format's rules, as code."""
