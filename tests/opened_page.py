"""A page of ours (an offline HTML file) opened in the test browser, with everything it logged and
requested: the browser tests of the graph page and the timeline picture use it."""
from __future__ import annotations

from pathlib import Path


class OpenedPage:
    """A page opened from a file, with everything it logged and requested."""

    def __init__(self, browser, path: Path, size: tuple[int, int] = (1200, 700), **context):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **context)
        self.page = self.context.new_page()
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
