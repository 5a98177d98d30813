"""Reading articles: files or bytes in, normalised `Document`s (or `DocumentError`s) out."""
from __future__ import annotations

import codecs
import copy
import logging
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit

import charset_normalizer
import lxml.html
import pycountry
import trafilatura
import yaml
from langid.langid import LanguageIdentifier, model as langid_model
from lxml import etree
from markdown_it import MarkdownIt

from graph.errors import DocumentError, InputError, SchemaError
from graph.model import Document, document_id
from graph.settings import DEFAULT_MAX_BYTES

log = logging.getLogger(__name__)

STOPWORDS_PATH = Path(__file__).parent / "lexicon" / "stopwords.yaml"
SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
            ".html": "html", ".htm": "html", ".xhtml": "html"}
MEDIA_TYPES = ("text", "markdown", "html")
SUPPORTED_LANGUAGES = ("de", "en")
MIN_WORDS = 5
MAX_CHARS = 1_000_000  # spaCy's nlp.max_length; no article is longer, a longer text fails in spaCy
TITLE_CHARS = 200
LANGUAGE_SAMPLE = 5_000
MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"),
         (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"PK\x03\x04", "ZIP/DOCX"), (b"PK\x05\x06", "ZIP/DOCX"),
         (b"\x1f\x8b", "gzip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office/DOC"), (b"\x7fELF", "ELF"))
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-8's is stripped
# HTML elements dropped before the lxml fallback reads a page, and those that end a line.
HTML_DROP = ("script style noscript template svg iframe object embed canvas "
             "nav footer aside form button select").split()
HTML_BLOCKS = ("p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table "
               "section article main header blockquote pre").split()

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
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"[^\W\d_]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_STRAY = re.compile(r"[\udc80-\udcff]")
_LATIN = re.compile(r"[\u00a0-\u024f\u2000-\u20cf]")


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


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(STOPWORDS_PATH.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != set(SUPPORTED_LANGUAGES) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) and v for v in data.values()):
        raise SchemaError(f"{STOPWORDS_PATH}: need keys {SUPPORTED_LANGUAGES}, each a list of words")
    return {lang: frozenset(w.lower() for w in words) for lang, words in data.items()}


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelstring(langid_model, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence: langid, overruled by a clear German/English stop-word share."""
    sample = text[:LANGUAGE_SAMPLE]
    words = _WORD.findall(sample.lower())
    if not words:
        return "und", 0.0
    lang, prob = _identifier().classify(sample)
    hits = {code: sum(w in vocab for w in words) for code, vocab in _stopwords().items()}
    best = max(SUPPORTED_LANGUAGES, key=lambda code: hits[code])
    other = max(count for code, count in hits.items() if code != best)
    if best != lang and hits[best] >= 2 and hits[best] >= 0.15 * len(words) and hits[best] > 2 * other:
        return best, round(hits[best] / (hits[best] + other), 3)
    return lang, float(prob)


def language_name(code: str) -> str:
    """English name of an ISO 639 code ("fr" -> "French"), or the code itself if unknown."""
    found = pycountry.languages.get(**{f"alpha_{len(code)}": code}) if len(code) in (2, 3) else None
    return re.sub(r"\s*\(.*?\)", "", found.name.split(";")[0]) if found else code


def _too_large(size: int, limit: int, exact: bool = True) -> str:
    amount = f"{size / 1e6:.1f} MB" if exact else f"more than {limit / 1e6:.1f} MB"
    return f"too large: {amount} (limit {limit / 1e6:.1f} MB; set ARMSGRAPH_MAX_BYTES)"


def _refuse_binary(raw: bytes, source: str) -> None:
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            raise DocumentError(source, f"binary file ({kind}), not a text article")
    if b"\x00" in raw and not raw.startswith(tuple(bom for bom, _ in BOMS)):
        raise DocumentError(source, "binary file (contains NUL bytes), not a text article")


def _decode(raw: bytes, source: str) -> str:
    """Text of the bytes: BOM, UTF-8, UTF-8 with stray cp1252 bytes, else charset-normalizer's guess."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    encoding = next((enc for bom, enc in BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise DocumentError(source, f"undecodable: starts with a {encoding} mark but is not {encoding}")
    text = raw.decode("utf-8", "surrogateescape")
    stray = len(_STRAY.findall(text))
    if len(_LATIN.findall(text)) >= stray:  # UTF-8 umlauts and dashes, a few stray legacy bytes (pasted cp1252)
        log.warning("%s: %d bytes are not UTF-8, read as cp1252", source, stray)
        return _STRAY.sub(lambda m: bytes([ord(m[0]) - 0xDC00]).decode("cp1252", "replace"), text)
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        raise DocumentError(source, "undecodable: neither UTF-8 nor another known text encoding")
    for match in matches:  # German and English texts: prefer cp1252 among equally good guesses
        if match.chaos <= best.chaos + 0.05 and "cp1252" in match.could_be_from_charset:
            try:
                return raw.decode("cp1252")
            except UnicodeDecodeError:
                break
    log.info("%s: not UTF-8, read as %s", source, best.encoding)
    return str(best)


def _check_decoded(text: str, source: str) -> None:
    if (bad := text.count("\ufffd")) > 0.005 * len(text):
        raise DocumentError(source, f"undecodable: {bad} of {len(text)} characters are replacement characters")
    if len(_CONTROLS.findall(text)) > 0.01 * len(text):
        raise DocumentError(source, "binary file (control characters), not a text article")


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


def _iso_date(value: object) -> str | None:
    found = _ISO_DATE.match(str(value)) if value else None
    return found[0] if found else None


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


def _from_html(markup: str, source: str) -> tuple[str, str | None, str | None, bool]:
    """Main text, title and date of a page: trafilatura, or lxml when trafilatura finds nothing;
    and whether the page is nested deeper than libxml2 reads (HTML_MAX_DEPTH)."""
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
    return text, title, _iso_date(getattr(meta, "date", None)), page.too_deep


def _inline(tokens: list) -> str:
    """Text of inline markdown tokens: emphasis, links and raw HTML tags dropped, images removed."""
    parts = {"text": lambda t: t.content, "code_inline": lambda t: t.content,
             "softbreak": lambda t: " ", "hardbreak": lambda t: "\n"}
    return "".join(parts[t.type](t) for t in tokens if t.type in parts)


def _from_markdown(source_text: str) -> tuple[str, str | None, str | None]:
    """Text of a markdown file via markdown-it's tokens; code blocks and images are dropped."""
    title = date = None
    source_text = source_text.replace("\r\n", "\n")
    if found := _FRONT_MATTER.match(source_text):
        try:
            meta = yaml.safe_load(found[1])
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            source_text = source_text[found.end():]
            title, date = (str(meta["title"]) if meta.get("title") else None), _iso_date(meta.get("date"))
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
    return "\n\n".join(b for b in blocks if b.strip()), title, date


def _first_line(text: str) -> str:
    line = next((ln for ln in text.split("\n") if ln.strip()), "")
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def read_bytes(raw: bytes, source: str, *, name: str | None = None, media_type: str | None = None,
               max_bytes: int | None = None) -> Document:
    """One file's bytes as a Document, or DocumentError saying why it is not a usable article."""
    limit = max_bytes_limit(max_bytes)
    if not raw:
        raise DocumentError(source, "empty file")
    if len(raw) > limit:
        raise DocumentError(source, _too_large(len(raw), limit))
    _refuse_binary(raw, source)
    decoded = _decode(raw, source)
    _check_decoded(decoded, source)
    if not (text := normalise_text(decoded)):
        raise DocumentError(source, "no text (whitespace only)")
    title = date = None
    too_deep = False
    if (kind := _media_type(media_type, source, decoded)) == "html":
        text, title, date, too_deep = _from_html(decoded, source)
    elif kind == "markdown":
        text, title, date = _from_markdown(decoded)
    text = normalise_text(text or "") if kind != "text" else text
    if len(text) > MAX_CHARS:
        raise DocumentError(source, f"too long: {len(text):,} characters of text (limit {MAX_CHARS:,} for one "
                                    "article; split it into articles)")
    words = len(text.split())
    if words < MIN_WORDS:
        raise DocumentError(source, f"too short to be an article ({words} word{'' if words == 1 else 's'})" + (
            f": HTML elements nested more than {HTML_MAX_DEPTH:,} deep, and libxml2 reads no deeper"
            if too_deep else ""))
    if too_deep:
        log.warning("%s: HTML elements nested more than %d deep; only the text up to there is read",
                    source, HTML_MAX_DEPTH)
    lang, _ = detect_language(text)
    if lang not in SUPPORTED_LANGUAGES:
        raise DocumentError(source, f"language is {language_name(lang)} ({lang}); "
                                    "only German and English are supported")
    title = _first_line(normalise_text(title).replace("\n", " ")) if title and title.strip() else ""
    return Document(id=document_id(text), name=name or _stem(source), title=title or _first_line(text),
                    source=source, language=lang, text=text, date=date)


def _os_reason(err: OSError) -> str:
    """The system's short reason in lower case, e.g. 'no such file or directory', 'is a directory'."""
    return (err.strerror or str(err)).lower()


def _read_limited(fh: BinaryIO, source: str, limit: int) -> bytes:
    raw = fh.read(limit + 1)
    if len(raw) > limit:  # a pipe, a device or a file that grew: the size is not known
        raise DocumentError(source, _too_large(len(raw), limit, exact=False))
    return raw


def read_path(path: str | os.PathLike, *, max_bytes: int | None = None) -> Document:
    """Read one file as a Document; file-system errors become DocumentError."""
    source, limit = str(path), max_bytes_limit(max_bytes)
    try:
        with open(path, "rb") as fh:
            if (size := os.fstat(fh.fileno()).st_size) > limit:
                raise DocumentError(source, _too_large(size, limit))
            raw = _read_limited(fh, source, limit)
    except OSError as err:
        raise DocumentError(source, _os_reason(err)) from None
    doc = read_bytes(raw, source, max_bytes=limit)
    doc.source = os.path.abspath(source)  # one source whether it was named relative or absolute
    return doc


_FILE_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
               (stat.S_ISBLK, "block device"))


def _broken_link(path: str, err: OSError) -> DocumentError:
    """A symbolic link that leads nowhere: its target and why (missing, a loop of links, ...)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return DocumentError(path, f"broken symbolic link to {target} ({_os_reason(err)})")


def _skipped_type(path: str, mode: int) -> DocumentError | None:
    """Why a path a folder holds is not read as an article, or None when it is read."""
    if stat.S_ISREG(mode):
        suffix = Path(path).suffix.lower()
        if suffix in SUFFIXES:
            return None
        kind = f"file type {suffix}" if suffix else "file without a type suffix"
        return DocumentError(path, f"{kind} is not read (articles are {', '.join(SUFFIXES)})")
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "special file")
    return DocumentError(path, f"not a regular file ({kind})")


def _walk(directory: Path, recursive: bool, seen: set[tuple[int, int]]) -> Iterator[Path | DocumentError]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
        here = os.stat(directory)
    except OSError as err:
        yield DocumentError(str(directory), _os_reason(err))
        return
    if (here.st_dev, here.st_ino) in seen:  # a bind mount of a folder inside itself
        yield DocumentError(str(directory), "a folder read before (a loop), not read again")
        return
    seen.add((here.st_dev, here.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink():
                try:
                    mode = os.stat(entry.path).st_mode  # what the link leads to
                except OSError as err:
                    yield _broken_link(entry.path, err)
                    continue
                if stat.S_ISDIR(mode):
                    yield DocumentError(entry.path, "symbolic link to a folder, not followed "
                                                    "(name the folder itself to read it)")
                    continue
            elif entry.is_dir(follow_symlinks=False):
                if recursive:
                    yield from _walk(Path(entry.path), recursive, seen)
                else:
                    yield DocumentError(entry.path, "a folder, not read (not recursive)")
                continue
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as err:  # gone since the folder was listed, or unreadable
            yield DocumentError(entry.path, _os_reason(err))
            continue
        yield _skipped_type(entry.path, mode) or Path(entry.path)


def iter_paths(paths: Iterable[str | os.PathLike], *, recursive: bool = True) -> Iterator[Path | DocumentError]:
    """Files named or found in folders; "-" is stdin. A named file is read whatever its suffix.
    In a folder (sorted by name; subfolders too when `recursive`), files with a suffix in SUFFIXES
    are read, and every other path is a DocumentError with the reason it is skipped: another file
    type, a broken symbolic link (missing target, a loop of links), a link to a folder (not
    followed, so no loop of links is ever walked), a pipe or device. Hidden files and folders
    (names starting with ".": .git, editors' backups) are ignored without a word."""
    for given in paths:
        if str(given) == "-":
            yield Path("-")
            continue
        try:
            os.stat(given)
        except OSError as err:
            yield _broken_link(str(given), err) if os.path.islink(given) else DocumentError(str(given),
                                                                                            _os_reason(err))
            continue
        yield from _walk(Path(given), recursive, set()) if os.path.isdir(given) else [Path(given)]


def _read_stdin(max_bytes: int | None = None) -> Document:
    if sys.stdin is None:
        raise DocumentError("<stdin>", "no standard input")
    limit = max_bytes_limit(max_bytes)
    doc = read_bytes(_read_limited(sys.stdin.buffer, "<stdin>", limit), "<stdin>", name="stdin", max_bytes=limit)
    doc.name = f"stdin-{doc.id[1:9]}"  # two texts piped in are two names, so `remove NAME` can tell them apart
    return doc


def read_documents(paths: Iterable[str | os.PathLike], *, recursive: bool = True,
                   max_bytes: int | None = None) -> Iterator[Document | DocumentError]:
    """Every document the paths give; a file that cannot be read (or larger than `max_bytes`,
    default 25 MB) yields its DocumentError instead."""
    for item in iter_paths(paths, recursive=recursive):
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            yield _read_stdin(max_bytes) if str(item) == "-" else read_path(item, max_bytes=max_bytes)
        except DocumentError as err:
            yield err
