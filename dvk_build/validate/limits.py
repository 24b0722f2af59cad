"""Size limits of a dossier: per text, per list, per number, per file (`dvk check` enforces them).

Chosen far above any real dossier (the longest shipped text is ~420 characters, the longest list 4
items, the largest amount 2.15 billion đồng, the largest file 12 KB) and low enough that whatever
passes fits every output: an Excel cell holds at most 32,767 characters, Python's csv reader
131,072 per field, and a float's range is finite.
"""

from __future__ import annotations

SHORT_TEXT_MAX = 300  # names, titles, units, notice numbers: one line on the page
LONG_TEXT_MAX = 5_000  # prose fields (summary, problem, lessons...): about two printed pages
ITEM_TEXT_MAX = 1_000  # one item of a list of texts (an activity, a funding source)
LIST_ITEMS_MAX = 100  # items in one list (targets, monitoring visits, replication sites...)
LIST_TEXT_MAX = 20_000  # all the text of one list, flattened into one CSV/Excel cell (Excel: 32,767)
AMOUNT_MAX = 10**15  # đồng: a million billion, beyond any budget a model could report
COUNT_MAX = 10**8  # people, households, members: more than the country's population
MEASURE_MAX = 10**15  # targets and results, whatever their unit (đồng included)
FILE_MAX_BYTES = 200_000  # a dossier file (front matter and body); attachments are separate files

# Fields shown on one line (titles, names, addresses of units, codes): a short text.
SHORT_FIELDS = frozenset({
    "title", "holder.name", "holder.title", "holder.party_body", "contact.unit", "contact.phone", "contact.email",
    "locality.province", "locality.district", "locality.commune", "locality.current_province",
    "locality.current_commune", "idea.registered.with", "rollout.assignment.notice", "idea.targets[].indicator",
    "idea.targets[].unit", "monitoring[].activity", "recognitions[].body", "recognitions[].notice.number",
    "awards[].by", "awards[].form", "awards[].decision", "replication.sites[].unit", "replication.sites[].locality",
    "attachments[].path", "attachments[].caption",
})


def text_max(path: str) -> int:
    """The longest text a field may hold, by its schema path (`idea.targets[].unit`)."""
    return SHORT_TEXT_MAX if path in SHORT_FIELDS else LONG_TEXT_MAX
