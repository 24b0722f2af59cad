"""`python -m dvk_build` runs the dvk command line."""

from .cli import main

raise SystemExit(main())
