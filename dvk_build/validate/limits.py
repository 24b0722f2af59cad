"""Size limits of a dossier: per text, per list, per number, per file (`dvk check` enforces them).

Chosen far above any real dossier (the longest shipped text is ~420 characters, the longest list 4
items, the largest amount 2.15 billion đồng, the largest file 12 KB) and low enough that whatever
passes fits every output: an Excel cell holds at most 32,767 characters, Python's csv reader
131,072 per field, and a float's range is finite.
"""

from __future__ import annotations

SHORT_TEXT_MAX = 300  # a `line` field (config.yaml `dossier:`): names, titles, units, notice numbers
LONG_TEXT_MAX = 5_000  # a `text` field: prose (summary, problem, lessons...), about two printed pages
ITEM_TEXT_MAX = 1_000  # one item of a list of texts (an activity, a funding source)
LIST_ITEMS_MAX = 100  # items in one list (targets, monitoring visits, replication sites...)
LIST_TEXT_MAX = 20_000  # all the text of one list, flattened into one CSV/Excel cell (Excel: 32,767)
AMOUNT_MAX = 10**15  # đồng: a million billion, beyond any budget a model could report
COUNT_MAX = 10**8  # people, households, members: more than the country's population
MEASURE_MAX = 10**15  # targets and results, whatever their unit (đồng included)
SLUG_MAX = 100  # a file name becomes a folder and files named after it (`<slug>-mau-2a.pdf`): 255 bytes at most
FILE_MAX_BYTES = 200_000  # a dossier file (front matter and body); attachments are separate files
