"""Every rule with a check, one module each, named after its code (dvk402_dates_order checks DVK402 of rules.yaml)."""
