"""The text of a page or a markdown file: HTML through trafilatura (lxml when it finds nothing),
markdown through markdown-it's tokens; with what their metadata say of the article (its title,
date, outlet and URL: a dict of those found, for article_meta.from_markup)."""
from __future__ import annotations

import copy
import logging
import re
from urllib.parse import urlsplit

import lxml.html
import trafilatura
import yaml
from lxml import etree
from markdown_it import MarkdownIt

log = logging.getLogger("loaders.documents")  # the one logger of reading articles

# HTML elements dropped before the lxml fallback reads a page, and those that end a line.
HTML_DROP = ("script style noscript template svg iframe object embed canvas "
             "nav footer aside form button select").split()
HTML_BLOCKS = ("p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table "
               "section article main header blockquote pre").split()
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
FRONT_MATTER_KEYS = {"title": "title", "date": "published", "outlet": "outlet", "url": "url"}


# libxml2 stops reading a page at a nesting depth of 256 elements (and at a text of 10 MB without
# a tag), and at 2,048 levels (1 GB) with its "huge" option, lxml's huge_tree: a valid paragraph
# inside 255 <div>s was "too short (0 words)". A page the default limits cut is parsed again with
# huge_tree, and trafilatura and the fallback read that tree. huge_tree opens no memory bomb here:
# the HTML parser expands no declared entities (no billion laughs), and its input is at most
# ARMSGRAPH_MAX_BYTES, so the tree grows with the file. libxml2 reads nothing nested deeper than
# 2,048 levels; the reason of a page left too short by that says so.
HTML_MAX_DEPTH = 2048


def _parse_html(data: bytes, huge: bool):
    """lxml's tree of a page (None if there is none) and the resource limits libxml2 stopped at."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=huge)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    return root, [e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]


class _Page:
    """A page as libxml2 reads it: with its default limits, or with huge_tree when those cut it."""

    def __init__(self, markup: str):
        try:
            data = markup.encode("utf-8")
        except UnicodeError:
            data = b""
        self.root, limits = _parse_html(data, huge=False)
        self.huge = bool(limits)
        if self.huge:
            self.root, limits = _parse_html(data, huge=True)
        self.too_deep = any("depth" in message.lower() for message in limits)  # deeper than huge_tree reads


def _html_fallback(markup: str | _Page) -> tuple[str, str | None]:
    """Body text and <title> via lxml, without scripts, styles, comments and page furniture."""
    root = (markup if isinstance(markup, _Page) else _Page(markup)).root
    if root is None:
        return "", None
    title = root.findtext(".//title")
    for el in root.xpath("//comment() | //processing-instruction() | " + " | ".join(f"//{t}" for t in HTML_DROP)):
        if el.getparent() is not None:  # a comment before <html> is outside the text anyway
            el.drop_tree()
    for el in root.iter(*HTML_BLOCKS):
        el.text, el.tail = "\n" + (el.text or ""), "\n" + (el.tail or "")
    body = root.find("body")
    return (body if body is not None else root).text_content(), title


def from_html(markup: str, source: str) -> tuple[str, dict, bool]:
    """Main text and metadata (title, published, outlet: the site's name as the page gives it, url:
    its canonical address) of a page: trafilatura, or lxml when trafilatura finds nothing; and whether the page
    is nested deeper than libxml2 reads (HTML_MAX_DEPTH)."""
    url = source if "://" in source else None
    page = _Page(markup)
    # trafilatura parses the markup itself, with libxml2's default limits; a page they cut it reads
    # as parsed with huge_tree (it copies a tree before changing it)
    given = page.root if page.huge and page.root is not None else markup
    try:
        meta = trafilatura.extract_metadata(copy.deepcopy(given), default_url=url,
                                            date_config={"extensive_search": False, "original_date": True})
        text = trafilatura.extract(given, url=url, favor_recall=True, include_comments=False,
                                   include_tables=False, output_format="txt")
    except Exception as err:  # trafilatura fails on some odd pages; the fallback still reads them
        log.info("%s: trafilatura failed (%s), using lxml", source, err)
        text, meta = None, None
    title = getattr(meta, "title", None)
    if not text or not text.strip():
        text, fallback_title = _html_fallback(page)
        title = title or fallback_title
    site, address = getattr(meta, "sitename", None), getattr(meta, "url", None)
    hosts = {(getattr(meta, "hostname", None) or "").lower(), (urlsplit(address).hostname or "") if address else ""}
    if site and site.lower().removeprefix("www.") in {h.removeprefix("www.") for h in hosts}:
        site = None  # trafilatura's stand-in for a name the page does not give: the host of its address
    found = {"title": title, "published": getattr(meta, "date", None), "outlet": site, "url": address}
    return text, found, page.too_deep


def _inline(tokens: list) -> str:
    """Text of inline markdown tokens: emphasis, links and raw HTML tags dropped, images removed."""
    parts = {"text": lambda t: t.content, "code_inline": lambda t: t.content,
             "softbreak": lambda t: " ", "hardbreak": lambda t: "\n"}
    return "".join(parts[t.type](t) for t in tokens if t.type in parts)


def from_markdown(source_text: str) -> tuple[str, dict]:
    """Text of a markdown file via markdown-it's tokens (code blocks and images are dropped), and
    its front matter's title, date (as `published`), outlet and url, as written."""
    found_meta: dict = {}
    source_text = source_text.replace("\r\n", "\n")
    if found := _FRONT_MATTER.match(source_text):
        try:  # every value as written (a string): an impossible date is the reader's to report
            meta = yaml.load(found[1], Loader=yaml.BaseLoader)
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            source_text = source_text[found.end():]
            found_meta = {name: meta[key] for key, name in FRONT_MATTER_KEYS.items()
                          if isinstance(meta.get(key), str) and meta[key].strip()}
    blocks: list[str] = []
    row: list[str] | None = None
    for tok in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(source_text):
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            blocks.append("; ".join(c for c in row if c))
            row = None
        elif tok.type == "inline":
            (row if row is not None else blocks).append(_inline(tok.children or []).strip())
        elif tok.type == "html_block":
            blocks.append(_html_fallback(f"<html><body>{tok.content}</body></html>")[0])
    return "\n\n".join(b for b in blocks if b.strip()), found_meta
