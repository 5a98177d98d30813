"""An article's bytes as text: binary files refused, encodings recognised, the result checked."""
from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from graph.errors import DocumentError

log = logging.getLogger("loaders.documents")  # the one logger of reading articles

MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"),
         (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"PK\x03\x04", "ZIP/DOCX"), (b"PK\x05\x06", "ZIP/DOCX"),
         (b"\x1f\x8b", "gzip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office/DOC"), (b"\x7fELF", "ELF"))
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-8's is stripped
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_STRAY = re.compile(r"[\udc80-\udcff]")
_LATIN = re.compile(r"[\u00a0-\u024f\u2000-\u20cf]")


def refuse_binary(raw: bytes, source: str) -> None:
    for magic, kind in MAGIC:
        if raw.startswith(magic):
            raise DocumentError(source, f"binary file ({kind}), not a text article")
    if b"\x00" in raw and not raw.startswith(tuple(bom for bom, _ in BOMS)):
        raise DocumentError(source, "binary file (contains NUL bytes), not a text article")


def decode(raw: bytes, source: str) -> str:
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


def check_decoded(text: str, source: str) -> None:
    if (bad := text.count("\ufffd")) > 0.005 * len(text):
        raise DocumentError(source, f"undecodable: {bad} of {len(text)} characters are replacement characters")
    if len(_CONTROLS.findall(text)) > 0.01 * len(text):
        raise DocumentError(source, "binary file (control characters), not a text article")
