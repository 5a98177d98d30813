"""Pages fetched from the web, kept on disk by URL so that loading them again asks no server.

One file per URL (its name the URL's SHA-256) under the cache folder (ARMSGRAPH_WEB_CACHE, default
.cache/web): a line of JSON (the final URL after redirects, the Content-Type, the status) and then the
page's bytes. A file that cannot be read is a miss and one that cannot be written is skipped (a
warning), never an error: the cache only saves time. Delete the folder to fetch everything again."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from graph.atomic import replacing

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    """A server's answer: the URL it came from (after redirects), its bytes, its Content-Type, its
    size and its HTTP status. A page larger than the size limit is not read: `raw` is then empty
    (when the Content-Length said its size) or cut after the limit (`cut`: its size is not known)."""

    url: str
    raw: bytes
    content_type: str
    size: int
    status: int = 200
    cut: bool = False


class WebCache:
    """Pages by the URL they were asked for (see the module's note)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / f"{key}.page"

    def get(self, url: str) -> Page | None:
        """The page kept for `url`, or None."""
        try:
            with open(self.path(url), "rb") as fh:
                head = json.loads(fh.readline())
                raw = fh.read()
            if head.get("asked") != url:  # (a hash collision, or a file put there by hand)
                return None
            return Page(head["url"], raw, head["content_type"], len(raw), head["status"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, url: str, page: Page) -> None:
        """Keep a page (one whole file, written in one step)."""
        head = {"asked": url, "url": page.url, "content_type": page.content_type, "status": page.status}
        try:
            with replacing(self.path(url)) as fh:
                fh.write(json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n")
                fh.write(page.raw)
        except OSError as err:
            log.warning("web cache %s: %s; the page is not kept", self.folder, (err.strerror or str(err)).lower())
