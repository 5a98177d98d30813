"""Reading articles: files or bytes in, normalised `Document`s (or `DocumentError`s) out."""
from __future__ import annotations

import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

from graph.errors import DocumentError, InputError
from graph.model import Document, document_id
from graph.settings import DEFAULT_MAX_BYTES, Settings
from loaders import article_meta
from loaders.article_files import SUFFIXES, iter_paths, os_reason
from loaders.decoding import check_decoded, decode, refuse_binary
from loaders.fetch import FeedLink, Fetcher, is_url, media_type
from loaders.language import SUPPORTED_LANGUAGES, detect_language, language_name

log = logging.getLogger(__name__)

MEDIA_TYPES = ("text", "markdown", "html")
MIN_WORDS = 5
MAX_CHARS = 1_000_000  # spaCy's nlp.max_length; no article is longer, a longer text fails in spaCy
TITLE_CHARS = 200

_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TABLE: dict[int, str | None] = {
    **{ord(c): '"' for c in "\u201e\u201c\u201d\u201f\u00ab\u00bb"},  # „ “ ” ‟ « »
    **{ord(c): "'" for c in "\u201a\u2018\u2019\u201b\u2039\u203a"},  # ‚ ‘ ’ ‛ ‹ ›
    **{ord(c): " " for c in _SPACES},
    **{ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"},  # soft hyphen, zero-width
    **{c: None for c in [*range(0x20), 0x7f] if c not in (0x09, 0x0A, 0x0B, 0x0C)},
    **{ord(c): "\n" for c in "\x0b\x0c\x85\u2028"}, 0x2029: "\n\n", 0x2011: "-"}
_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")  # faster than str.translate
_MULTI_SPACE = re.compile(r" {2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)


def normalise_text(text: str) -> str:
    """Canonical article text: NFC, plain quotes and spaces, no invisible characters, tidy lines."""
    text = _SPECIAL.sub(lambda m: _TABLE[ord(m[0])] or "", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    lines = (_MULTI_SPACE.sub(" ", line).strip(" ") for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip("\n")


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit for one document: the argument (the caller's Settings.max_bytes, which
    graph/settings.py reads from ARMSGRAPH_MAX_BYTES), else 25 MB. Nothing here reads the environment."""
    return DEFAULT_MAX_BYTES if max_bytes is None else max_bytes


def too_large(size: int, limit: int, exact: bool = True) -> str:
    """The reason a text of `size` bytes (at least that many when not `exact`) is not read."""
    amount = f"{size / 1e6:.1f} MB" if exact else f"more than {limit / 1e6:.1f} MB"
    return f"too large: {amount} (limit {limit / 1e6:.1f} MB; set ARMSGRAPH_MAX_BYTES)"


def _source_path(source: str) -> PurePosixPath:
    return PurePosixPath(urlsplit(source).path if "://" in source else source)


def _media_type(media_type: str | None, source: str, text: str) -> str:
    if media_type is not None and media_type not in MEDIA_TYPES:
        raise InputError(f"unknown media type {media_type!r}; use text, markdown or html")
    suffix = _source_path(source).suffix.lower()
    return media_type or SUFFIXES.get(suffix) or ("html" if _HTML_START.match(text[:4096]) else "text")


def _stem(source: str) -> str:
    if source in ("-", "<stdin>", "/dev/stdin"):
        return "stdin"
    return _source_path(source).stem or urlsplit(source).netloc or source


def _first_line(text: str) -> str:
    line = next((ln for ln in text.split("\n") if ln.strip()), "")
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def identify(doc: Document, source: str | None = None) -> Document:
    """The document with its language set, or DocumentError (for `source`, default the document's)
    when it is in neither German nor English."""
    lang, _ = detect_language(doc.text)
    if lang not in SUPPORTED_LANGUAGES:
        raise DocumentError(source or doc.source, f"language is {language_name(lang)} ({lang}); "
                                                  "only German and English are supported")
    doc.language = lang
    return doc


def read_bytes(raw: bytes, source: str, *, name: str | None = None, media_type: str | None = None,
               max_bytes: int | None = None, languages: bool = True, given: article_meta.Meta | None = None,
               sidecar: article_meta.Meta | None = None, fetched: article_meta.Meta | None = None,
               feed: article_meta.Meta | None = None) -> Document:
    """One file's bytes as a Document, or DocumentError saying why it is not a usable article.
    Without `languages` the language is left empty, for `identify` to set when it is needed. Its
    date, outlet and URL are the first of: `given` (a run's options), `sidecar`, `fetched` (the
    URL a page was fetched from), the page's metadata, `feed` (what the feed linking to the page
    says of it), the text's dateline (loaders/article_meta.py)."""
    limit = max_bytes_limit(max_bytes)
    if not raw:
        raise DocumentError(source, "empty file")
    if len(raw) > limit:
        raise DocumentError(source, too_large(len(raw), limit))
    refuse_binary(raw, source)
    decoded = decode(raw, source)
    check_decoded(decoded, source)
    if not (text := normalise_text(decoded)):
        raise DocumentError(source, "no text (whitespace only)")
    found: dict = {}
    too_deep = False
    if (kind := _media_type(media_type, source, decoded)) != "text":
        from loaders import markup as pages  # (lxml and trafilatura: 0.2 s of a start, for pages only)
        if kind == "html":
            text, found, too_deep = pages.from_html(decoded, source)
        else:
            text, found = pages.from_markdown(decoded)
        text = normalise_text(text or "")
    if len(text) > MAX_CHARS:
        raise DocumentError(source, f"too long: {len(text):,} characters of text (limit {MAX_CHARS:,} for one "
                                    "article; split it into articles)")
    words = len(text.split())
    if words < MIN_WORDS:
        raise DocumentError(source, f"too short to be an article ({words} word{'' if words == 1 else 's'})" + (
            f": HTML elements nested more than {pages.HTML_MAX_DEPTH:,} deep, and libxml2 reads no deeper"
            if too_deep else ""))
    if too_deep:
        log.warning("%s: HTML elements nested more than %d deep; only the text up to there is read",
                    source, pages.HTML_MAX_DEPTH)
    markup = article_meta.from_markup(source, **found)
    title = (sidecar and sidecar.title) or markup.title
    title = _first_line(normalise_text(title).replace("\n", " ")) if title and title.strip() else ""
    doc = Document(id=document_id(text), name=name or _stem(source), title=title or _first_line(text),
                   source=source, language="", text=text)
    article_meta.settle(doc, [("option", given), ("sidecar", sidecar), ("fetch", fetched), ("html", markup),
                              ("feed", feed), ("dateline", article_meta.from_dateline(source, text))])
    return identify(doc) if languages else doc


def _read_limited(fh: BinaryIO, source: str, limit: int) -> bytes:
    raw = fh.read(limit + 1)
    if len(raw) > limit:  # a pipe, a device or a file that grew: the size is not known
        raise DocumentError(source, too_large(len(raw), limit, exact=False))
    return raw


def read_path(path: str | os.PathLike, *, max_bytes: int | None = None, languages: bool = True,
              given: article_meta.Meta | None = None) -> Document:
    """Read one file as a Document (see read_bytes), with its sidecar; file-system errors and a
    bad sidecar become DocumentError."""
    source, limit = str(path), max_bytes_limit(max_bytes)
    sidecar = article_meta.read_sidecar(path)
    try:
        with open(path, "rb") as fh:
            if (size := os.fstat(fh.fileno()).st_size) > limit:
                raise DocumentError(source, too_large(size, limit))
            raw = _read_limited(fh, source, limit)
    except OSError as err:
        raise DocumentError(source, os_reason(err)) from None
    doc = read_bytes(raw, source, max_bytes=limit, languages=languages, given=given, sidecar=sidecar)
    doc.source = os.path.abspath(source)  # one source whether it was named relative or absolute
    return doc


def _read_stdin(max_bytes: int | None = None, languages: bool = True,
                given: article_meta.Meta | None = None) -> Document:
    if sys.stdin is None:
        raise DocumentError("<stdin>", "no standard input")
    limit = max_bytes_limit(max_bytes)
    doc = read_bytes(_read_limited(sys.stdin.buffer, "<stdin>", limit), "<stdin>", name="stdin", max_bytes=limit,
                     languages=languages, given=given)
    doc.name = f"stdin-{doc.id[1:9]}"  # two texts piped in are two names, so `remove NAME` can tell them apart
    return doc


def read_url(url: str, fetcher: Fetcher, *, max_bytes: int | None = None, languages: bool = True,
             given: article_meta.Meta | None = None) -> Document:
    """One web page (loaders/fetch.py: from the fetcher's cache, else the web) as a Document, or
    DocumentError naming the URL as given; the Document's source (and `url`, unless the run's
    options give one) is the URL the page came from (after redirects). A feed's link gives the
    item's date, after the page's own metadata."""
    limit = min(max_bytes_limit(max_bytes), fetcher.max_bytes)  # (the fetcher stops reading past its own)
    page = fetcher.page(url)
    if page.cut or page.size > limit:
        raise DocumentError(url, too_large(page.size, limit, exact=not page.cut))
    feed = article_meta.from_markup(url, published=url.published) if isinstance(url, FeedLink) else None
    try:
        return read_bytes(page.raw, page.url, media_type=media_type(page), max_bytes=limit, languages=languages,
                          given=given, fetched=article_meta.Meta(url=page.url), feed=feed)
    except DocumentError as err:
        raise DocumentError(url, err.reason) from None


def read_documents(paths: Iterable[str | os.PathLike | DocumentError], *, recursive: bool = True,
                   max_bytes: int | None = None, languages: bool = True, fetcher: Fetcher | None = None,
                   given: article_meta.Meta | None = None) -> Iterator[Document | DocumentError]:
    """Every document the inputs give: files, folders, "-" (stdin) and URLs (fetched by `fetcher`,
    default one without a cache); an input that cannot be read (or larger than `max_bytes`, default
    25 MB) yields its DocumentError instead, as does a DocumentError among the inputs. Without
    `languages`, and `given` (what the run's options say of every article), see read_bytes."""
    own = None
    try:
        for item in paths:
            if isinstance(item, DocumentError):
                yield item
            elif is_url(item):
                fetcher = fetcher or (own := Fetcher.from_settings(Settings(max_bytes=max_bytes_limit(max_bytes)),
                                                                   cached=False))
                try:
                    yield read_url(item, fetcher, max_bytes=max_bytes, languages=languages, given=given)
                except DocumentError as err:
                    yield err
            else:
                yield from _read_files(item, recursive, max_bytes, languages, given)
    finally:
        if own is not None:
            own.close()


def _read_files(given_path: str | os.PathLike, recursive: bool, max_bytes: int | None, languages: bool,
                given: article_meta.Meta | None) -> Iterator[Document | DocumentError]:
    for item in iter_paths([given_path], recursive=recursive):
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            yield _read_stdin(max_bytes, languages, given) if str(item) == "-" else read_path(
                item, max_bytes=max_bytes, languages=languages, given=given)
        except DocumentError as err:
            yield err
