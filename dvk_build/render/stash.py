"""HTML blocks kept out of Python-Markdown: a placeholder goes through, the HTML is put back after."""

from __future__ import annotations

import re
import secrets
import zlib

from markupsafe import Markup


class HtmlStash:
    """Placeholders for the generated HTML blocks of every page of one build.

    Python-Markdown re-parses every raw HTML block to find where it ends, the largest cost of a build
    of generated pages: templates mark their HTML with `{% filter html %}`, Markdown sees one word per
    block, and `restore` swaps each word back just before the page is written. Blocks wait compressed.
    """

    def __init__(self) -> None:
        # a fresh random prefix per build: dossier text cannot spell a placeholder by accident
        self.prefix = f"dvkhtml{secrets.token_hex(6)}n"
        self.blocks: dict[str, bytes] = {}
        self._next = 0
        self._pattern = re.compile(rf"<p>({self.prefix}\d+)</p>|({self.prefix}\d+)")

    def put(self, html: str) -> Markup:
        """Keep an HTML block; return the placeholder paragraph that stands for it."""
        html = str(html).strip()
        if not html:
            return Markup("")
        self._next += 1  # never a key of a block still waiting (blocks are popped as pages are written)
        key = f"{self.prefix}{self._next}"
        self.blocks[key] = zlib.compress(html.encode("utf-8"), 1)
        return Markup(f"\n\n{key}\n\n")

    def restore(self, html: str) -> str:
        """Put the kept blocks back into HTML converted from Markdown.

        A block is handed over once (popped): the page that holds it is about to be written.
        """
        if self.prefix not in html:
            return html

        def block(match: re.Match[str]) -> str:
            data = self.blocks.pop(match.group(1) or match.group(2), None)
            return match.group(0) if data is None else zlib.decompress(data).decode("utf-8")

        return self._pattern.sub(block, html)

    def discard(self, text: str) -> None:
        """Drop the blocks of a page that will not be written (the preview stopped before it)."""
        for match in self._pattern.finditer(text):
            self.blocks.pop(match.group(1) or match.group(2), None)
