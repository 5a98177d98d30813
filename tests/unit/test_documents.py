"""Reading articles: decoding, refusals, HTML and markdown text, normalisation, language, paths."""
from __future__ import annotations

import io
import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from graph.errors import DocumentError
from graph.model import document_id
from loaders import documents, language, markup
from loaders.article_files import iter_paths
from loaders.documents import normalise_text, read_bytes, read_documents, read_path
from loaders.language import detect_language

SEED = Path(__file__).resolve().parents[2] / "data" / "articles" / "003_5a41f9b0d836bd47.txt"
DE = "Südkorea bestätigt Lieferungen von Artilleriegranaten an die Ukraine. Die Größe der Lieferung ist unklar."
EN = ("North Korea has sent artillery shells to Russia, South Korea's intelligence service said on Wednesday. "
      "The shipments were larger than expected.")
FR = ("Le gouvernement français a annoncé jeudi la livraison de nouveaux chars à l'Ukraine. "
      "Les premiers véhicules devraient arriver avant la fin de l'année, selon le ministère des Armées.")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>North Korea ships artillery to Russia | Example News</title>
<meta property="og:title" content="North Korea ships artillery to Russia">
<meta property="article:published_time" content="2024-11-20T08:15:00Z">
<style>body { color: red; } .nav { display: none }</style>
<script>alert(1)</script>
</head><body onload="alert(2)">
<nav><a href="/">Home</a> <a href="/world">World section</a></nav>
<article>
<h1>North Korea ships artillery to Russia</h1>
<p onclick="alert(3)">North Korea has sent additional weapons systems to Russia, South Korea's intelligence
service told lawmakers on Wednesday.</p>
<p>The delivery included self-propelled howitzers of 170mm calibre and 240mm multiple rocket launchers,
according to lawmaker Lee Seong-kweun.</p>
<script>var x = "alert(4)";</script>
<!-- an editor's comment that must not appear -->
<p>Ukraine said the weapons had been moved by rail across Russia.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""


def reason(raw: bytes, source: str = "a/article.txt", **kw) -> str:
    with pytest.raises(DocumentError) as info:
        read_bytes(raw, source, **kw)
    assert info.value.source == source
    return info.value.reason


# decoding

def test_utf8_with_bom():
    doc = read_bytes(b"\xef\xbb\xbf" + DE.encode(), "x/000_d097e88d938dfaf8.txt")
    assert doc.text == DE and doc.title == DE
    assert doc.name == "000_d097e88d938dfaf8" and doc.language == "de" and doc.published is None
    assert doc.id == document_id(DE)


def test_utf16_with_bom():
    assert read_bytes(DE.encode("utf-16"), "a.txt").text == DE


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_german_is_decoded_right(encoding):
    text = DE + " Man sprach von „mehr als 100“ Geschützen – so der Bericht." if encoding == "cp1252" else DE
    doc = read_bytes(text.encode(encoding), "a.txt")
    assert doc.text == normalise_text(text)
    assert "Südkorea bestätigt" in doc.text and "Größe" in doc.text


def test_invalid_utf8_bytes_mixed_in_are_read_as_cp1252():
    raw = "Südkorea bestätigt Lieferungen an die Ukraine. ".encode() + b"Die Gr\xf6\xdfe ist unklar."
    assert read_bytes(raw, "a.txt").text == "Südkorea bestätigt Lieferungen an die Ukraine. Die Größe ist unklar."


def test_many_replacement_characters_are_refused():
    assert reason(("Die Lieferung \ufffd\ufffd\ufffd wurde best\ufffdtigt, sagte er. " * 3).encode()).startswith(
        "undecodable")


# refusals

def test_empty_file():
    assert reason(b"") == "empty file"


def test_whitespace_only():
    assert reason(" \n\t\r\n \u00a0\u200b ".encode()) == "no text (whitespace only)"


@pytest.mark.parametrize("raw, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00\x01\x00", "GIF"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP/DOCX"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
])
def test_binary_formats_are_refused_by_magic_number(raw, kind):
    assert reason(raw) == f"binary file ({kind}), not a text article"


def test_random_binary_is_refused():
    raw = random.Random(7).randbytes(4096)
    assert reason(raw) == "binary file (contains NUL bytes), not a text article"
    assert reason(raw.replace(b"\x00", b"\x01")).startswith(("binary file", "undecodable"))


def test_too_short():
    assert reason("Nur drei Wörter".encode()) == "too short to be an article (3 words)"


def test_too_large_by_argument_and_by_default(monkeypatch, tmp_path):
    """The limit is passed in (Settings.max_bytes, from ARMSGRAPH_MAX_BYTES: tests/unit/test_settings.py);
    the loaders never read the environment themselves."""
    assert reason(b"x" * 31_200_000, max_bytes=25_000_000) == (
        "too large: 31.2 MB (limit 25.0 MB; set ARMSGRAPH_MAX_BYTES)")
    assert reason(DE.encode() * 2, max_bytes=100).startswith("too large: 0.0 MB (limit 0.0 MB")
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "100")  # ignored here: read once, in graph/settings.py
    assert read_bytes(DE.encode() * 2, "a.txt").language == "de"
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(40_000_000)  # sparse: refused from its size, never read
    with pytest.raises(DocumentError, match=r"too large: 40\.0 MB \(limit 25\.0 MB"):
        read_path(path)
    with pytest.raises(DocumentError, match=r"too large: 40\.0 MB \(limit 0\.0 MB"):
        read_path(path, max_bytes=100)
    (found,) = documents.read_documents([path], max_bytes=100)
    assert isinstance(found, DocumentError) and found.reason.startswith("too large: 40.0 MB (limit 0.0 MB")


def test_french_is_refused_with_the_language_name():
    assert reason(FR.encode()) == "language is French (fr); only German and English are supported"
    assert language.language_name("nl") == "Dutch" and language.language_name("xx") == "xx"


def test_bad_size_limit_in_environment_is_no_business_of_the_loader(monkeypatch):
    """A bad ARMSGRAPH_MAX_BYTES is refused where settings are read (tests/unit/test_settings.py)."""
    monkeypatch.setenv("ARMSGRAPH_MAX_BYTES", "lots")
    assert read_bytes(DE.encode(), "a.txt").language == "de"


# HTML

def test_html_main_text_without_scripts_styles_or_furniture():
    doc = read_bytes(PAGE.encode(), "https://example.com/world/nk-artillery.html")
    assert doc.name == "nk-artillery" and doc.language == "en"
    assert "North Korea has sent additional weapons systems to Russia" in doc.text
    assert "moved by rail across Russia." in doc.text
    for junk in ("alert(", "color", "{", "display", "comment", "All rights reserved", "World section"):
        assert junk not in doc.text
    assert doc.title == "North Korea ships artillery to Russia"
    assert doc.published == "2024-11-20" and doc.published_from == "html"


def test_html_without_a_date_has_none():
    page = PAGE.replace('<meta property="article:published_time" content="2024-11-20T08:15:00Z">', "")
    assert read_bytes(page.encode(), "a.htm").published is None


def test_html_fallback_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(markup.trafilatura, "extract", lambda *a, **kw: None)
    page = ("<html><head><title>Kurz</title><style>p { color: red }</style></head><body>"
            "<p>Berlin liefert weitere Panzer an die Ukraine.</p><script>alert(1)</script><!-- note -->"
            "<noscript>Enable JS</noscript><template><p>tmpl</p></template>"
            "<div>Das bestätigte die Regierung am Montag.</div></body></html>")
    doc = read_bytes(page.encode(), "page")  # no suffix: sniffed as HTML
    assert doc.text == "Berlin liefert weitere Panzer an die Ukraine.\n\nDas bestätigte die Regierung am Montag."
    assert doc.title == "Kurz" and doc.language == "de"


def test_html_is_sniffed_from_content_or_given():
    assert "alert(" not in read_bytes(b"  " + PAGE.encode(), "<stdin>", name="stdin").text
    assert "alert(" not in read_bytes(PAGE.encode(), "page.txt", media_type="html").text
    assert read_bytes(b"*Wir* liefern keine Panzer an die Ukraine.", "a.txt", media_type="markdown").text == (
        "Wir liefern keine Panzer an die Ukraine.")


# markdown

def test_markdown_syntax_is_stripped():
    md = """---
title: Lieferungen aus Nordkorea
date: 2024-11-21
---
# Nordkorea liefert *Haubitzen* an Russland

Nordkorea hat **zusätzliche** Waffensysteme nach Russland geschickt, sagte der
Abgeordnete [Lee Seong Kweun](https://example.com/lee) am _Mittwoch_.

![Foto einer Haubitze](koksan.jpg)

```python
print("code")
```

- Die Lieferung umfasste `170mm`-Haubitzen.
> Das russische Militär habe diese Systeme nicht, hieß es.
"""
    doc = read_bytes(md.encode(), "n/bericht.md")
    assert doc.text == (
        "Nordkorea liefert Haubitzen an Russland\n\n"
        "Nordkorea hat zusätzliche Waffensysteme nach Russland geschickt, sagte der Abgeordnete "
        "Lee Seong Kweun am Mittwoch.\n\n"
        "Die Lieferung umfasste 170mm-Haubitzen.\n\n"
        "Das russische Militär habe diese Systeme nicht, hieß es.")
    assert doc.title == "Lieferungen aus Nordkorea" and doc.published == "2024-11-21"


def test_markdown_title_is_the_first_heading():
    doc = read_bytes(b"## The *first* heading\n\n" + EN.encode(), "a.markdown")
    assert doc.title == "The first heading" and doc.language == "en"


# normalisation

def test_quotes_are_plain():
    assert normalise_text("Er sagte: „Wir liefern.“ und ‚bald‘ – «oui» ‹non› it’s") == (
        "Er sagte: \"Wir liefern.\" und 'bald' – \"oui\" 'non' it's")


def test_nfc():
    assert normalise_text("Gro\u0308\u00dfe Su\u0308dkorea") == "Gr\u00f6\u00dfe S\u00fcdkorea"
    assert normalise_text("Ver\u00adsorgung A\u0308rger") == "Versorgung \u00c4rger"


def test_spaces_invisibles_dashes_and_lines():
    raw = ("  Ver\u00adtei\u200bdigung\u00a0\u00a0und\u202fmehr\t\tWaffen  \r\n"
           "Kim\u2011Jong\u2011Un — ja \r\n\r\n\r\n\r\nEnde  ")
    assert normalise_text(raw) == "Verteidigung und mehr Waffen\nKim-Jong-Un — ja\n\nEnde"


def test_paragraph_breaks_are_kept():
    assert normalise_text("Erster Satz.\nZweiter Satz.\n\nDritter.") == "Erster Satz.\nZweiter Satz.\n\nDritter."


TRICKY = "„“”‚‘’«»‹›\u00a0\u2009\u202f\u00ad\u200b\u2011–— \t\n\r\u0308\u0301\u2028\u2029\x85\x0c\x1c"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(TRICKY))))
def test_normalise_is_idempotent_and_total(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "  " not in once and "\n\n\n" not in once and once == once.strip()


# language

def test_english_and_german_are_detected():
    assert detect_language(EN)[0] == "en"
    assert detect_language(DE)[0] == "de"
    assert detect_language(FR)[0] == "fr"


def test_noisy_machine_translated_german_paragraph():
    paragraph = SEED.read_text(encoding="utf-8").split("\n")[2]
    assert paragraph.startswith("Bei den Landminen")
    assert detect_language(paragraph)[0] == "de"
    assert read_bytes(paragraph.encode(), "003.txt").language == "de"


def test_stop_words_overrule_a_wrong_langid_guess():
    text = "Mikhail Razvozaev, Gouverneur der Region Sewastopol auf"  # langid alone: French
    lang, confidence = detect_language(text)
    assert lang == "de" and 0 < confidence <= 1
    assert detect_language(text) == (lang, confidence)  # deterministic


def test_langid_kept_on_disk_classifies_as_langid_s_own_model(tmp_path, monkeypatch):
    from langid.langid import LanguageIdentifier, model
    from graph import disk_cache
    monkeypatch.setattr(disk_cache, "CACHE", tmp_path)
    own = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    for _ in range(2):  # built, then read from the disk
        language._identifier.cache_clear()
        kept = language._identifier()
        for text in (EN, DE, FR, "Mikhail Razvozaev, Gouverneur der Region Sewastopol auf"):
            assert kept.classify(text) == own.classify(text)
    assert list(tmp_path.glob("langid-*.pickle"))
    language._identifier.cache_clear()


NEIGHBOURS = {  # languages that share a few of the German or English stop words
    "nl": "De regering heeft donderdag aangekondigd dat er nieuwe tanks naar Oekraïne worden gestuurd. Volgens het "
          "ministerie van Defensie zijn de eerste voertuigen voor het einde van het jaar ter plaatse. Het is nog niet "
          "bekend hoeveel munitie er wordt meegeleverd, zei een woordvoerder in Den Haag.",
    "af": "Die regering het Donderdag aangekondig dat nuwe tenks na die Oekraïne gestuur sal word. Volgens die "
          "ministerie van verdediging sal die eerste voertuie voor die einde van die jaar daar wees. Dit is nog nie "
          "bekend hoeveel ammunisie saamgestuur word nie, het 'n woordvoerder gesê.",
    "lb": "D'Regierung huet en Donneschdeg ugekënnegt, datt nei Panzer an d'Ukraine geschéckt ginn. Laut dem "
          "Verdeedegungsministère sollen déi éischt Gefierer virun Enn vum Joer do sinn. Et ass nach net bekannt, "
          "wéi vill Munitioun mat geliwwert gëtt, sot e Spriecher zu Lëtzebuerg.",
    "da": "Regeringen meddelte torsdag, at der vil blive sendt nye kampvogne til Ukraine. Ifølge forsvarsministeriet "
          "vil de første køretøjer ankomme inden udgangen af året. Det er endnu ikke kendt, hvor meget ammunition "
          "der følger med, sagde en talsmand i København.",
}


@pytest.mark.parametrize("code", sorted(NEIGHBOURS))
def test_neighbouring_languages_are_not_taken_for_german_or_english(code):
    assert detect_language(NEIGHBOURS[code])[0] == code


def test_a_clearly_german_or_english_article_needs_no_langid(monkeypatch):
    def no_langid():
        raise AssertionError("langid consulted")
    article = SEED.read_text(encoding="utf-8")
    english = ("The ministry said that the first of the vehicles had arrived by rail, and that more would follow "
               "after the winter. It is not clear which units have been given them; officials who spoke to reporters "
               "were not able to say whether their crews are trained.")
    monkeypatch.setattr(language, "_identifier", no_langid)
    assert detect_language(article)[0] == "de" and detect_language(english)[0] == "en"
    with pytest.raises(AssertionError):
        detect_language(FR)


def test_stopword_vocabulary_loads():
    words = language._stopwords()
    assert set(words) == {"de", "en"} and not words["de"] & words["en"]


# titles and ids

def test_title_is_first_non_empty_line_capped():
    doc = read_bytes(("\n\n" + "Wort " * 100 + "\n" + DE).encode(), "a.txt")
    assert doc.title.startswith("Wort Wort") and len(doc.title) <= 200 and doc.title.endswith("…")


def test_same_text_twice_has_the_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(DE + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + DE.replace(" ", "  ").encode())
    a, b = read_documents([tmp_path])
    assert a.id == b.id and (a.name, b.name) == ("a", "b")


# paths

def test_read_path_errors(tmp_path):
    with pytest.raises(DocumentError, match="no such file or directory") as info:
        read_path(tmp_path / "missing.txt")
    assert info.value.source == str(tmp_path / "missing.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        read_path(tmp_path)


def test_read_path_permission_denied(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(documents, "open", refuse, raising=False)  # tests run as root, who may read anything
    with pytest.raises(DocumentError, match="^.*: permission denied$"):
        read_path(tmp_path / "secret.txt")


def test_iter_paths_over_directories(tmp_path):
    for rel in ("b.txt", "a.md", "sub/c.html", "sub/deeper/d.TXT", "sub/e.xhtml", "notes.pdf", "data.csv",
                ".hidden.txt", ".git/f.txt", "sub/.cache/g.md", "x.markdown", "y.htm", "z.text"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(DE)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/deeper/d.TXT", "sub/e.xhtml", "x.markdown", "y.htm",
                     "z.text"]
    skipped = {Path(e.source).relative_to(tmp_path).as_posix(): e.reason for e in iter_paths([tmp_path])
               if isinstance(e, DocumentError)}  # hidden ones are not among them
    read = ".txt, .text, .md, .markdown, .html, .htm, .xhtml"
    assert skipped == {"data.csv": f"file type .csv is not read (articles are {read})",
                       "notes.pdf": f"file type .pdf is not read (articles are {read})"}
    flat = list(iter_paths([tmp_path], recursive=False))
    assert [p.name for p in flat if isinstance(p, Path)] == ["a.md", "b.txt", "x.markdown", "y.htm", "z.text"]
    assert [(Path(e.source).name, e.reason) for e in flat if isinstance(e, DocumentError)][-1] == (
        "sub", "a folder, not read (not recursive)")
    missing, explicit, stdin = iter_paths([tmp_path / "nope", tmp_path / "data.csv", "-"])
    assert isinstance(missing, DocumentError) and missing.reason == "no such file or directory"
    assert explicit == tmp_path / "data.csv" and stdin == Path("-")


def test_iter_paths_names_links_it_does_not_follow(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DE)
    os.symlink("sub/a.txt", tmp_path / "file-link.txt")
    os.symlink("nowhere.txt", tmp_path / "gone.txt")
    os.symlink("self.md", tmp_path / "self.md")
    os.symlink("..", tmp_path / "sub" / "parent")
    os.symlink("nowhere", tmp_path / ".hidden")
    out = list(iter_paths([tmp_path]))
    assert [(x.source, x.reason) if isinstance(x, DocumentError) else x for x in out] == [
        tmp_path / "file-link.txt",
        (str(tmp_path / "gone.txt"), "broken symbolic link to nowhere.txt (no such file or directory)"),
        (str(tmp_path / "self.md"), "broken symbolic link to self.md (too many levels of symbolic links)"),
        tmp_path / "sub" / "a.txt",
        (str(tmp_path / "sub" / "parent"), "symbolic link to a folder, not followed (name the folder itself to "
                                           "read it)")]
    (named,) = iter_paths([tmp_path / "gone.txt"])
    assert named.reason == "broken symbolic link to nowhere.txt (no such file or directory)"
    assert list(iter_paths([tmp_path / "sub" / "parent"]))[-1].reason.startswith("symbolic link to a folder")


def test_read_documents_never_raises_for_one_bad_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "d.md").write_text(FR, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EN.encode())))
    out = list(read_documents([tmp_path, tmp_path / "missing.txt", "-"]))
    assert [type(x).__name__ for x in out] == ["Document", "DocumentError", "Document", "DocumentError",
                                               "DocumentError", "Document"]
    assert out[1].reason == "empty file" and "French" in out[3].reason
    assert out[4].reason == "no such file or directory"
    assert (out[5].name, out[5].source, out[5].language) == (f"stdin-{out[5].id[1:9]}", "<stdin>", "en")
