"""`dvk import`: a province's list of recognized models (.xlsx, .csv) into summary records."""
