"""Input at the edges (issue 14, items 8 and 10): HTML nested deeper than libxml2 reads by default,
and folders holding what is not an article (broken and looping symbolic links, links to folders,
pipes, PDFs, images, JSON). A page is read at any depth the parser can reach; beyond it, the one
line names the cause. Every path a folder holds is either read or listed as skipped with its
reason, except hidden ones; nothing hangs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.article_files import SUFFIXES
from tests.reliability.conftest import ROOT, SAMPLE, cli_process, error_lines, invoke

PARAGRAPH = ("<p>Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes Artilleriegranaten an Russland "
             "geliefert. Die Lieferungen begannen im Sommer.</p>")
SUPPLY = ("SUPPLIES", "North Korea", "Russia", "artillery shell")


def nested(depth: int, inner: str = PARAGRAPH, after: str = "") -> str:
    """A page whose paragraph sits inside `depth` nested <div>s (plus <html> and <body>)."""
    return ("<!doctype html><html><head><title>Lieferungen</title></head><body>"
            + "<div>" * depth + inner + "</div>" * depth + after + "</body></html>")


def extract(path: Path, tmp_path: Path):
    return invoke(tmp_path / "unused.json.gz", "extract", path, "--format", "jsonl")


def rows(output: str) -> list[tuple]:
    return [(r["type"], r["source"], r["target"], r.get("weapon")) for r in map(json.loads, output.splitlines())]


# -- item 8: deep HTML ---------------------------------------------------------------------
@pytest.mark.parametrize("depth", [250, 254, 255, 256, 1000, 2040])
def test_html_nested_deep_around_a_paragraph_is_read(tmp_path, depth):
    path = tmp_path / "deep.html"
    path.write_text(nested(depth), encoding="utf-8")
    result = extract(path, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert rows(result.stdout) == [SUPPLY]


def test_html_nested_deeper_than_the_parser_reads_names_the_cause(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text(nested(5000), encoding="utf-8")
    result = extract(path, tmp_path)
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert lines[0].startswith(f"skipped {path}: too short to be an article (0 words): HTML elements nested "
                               "more than 2,048 deep"), result.stderr
    assert "libxml2" in lines[0] and len(lines) == 2


def test_an_article_before_a_too_deep_tail_is_read(tmp_path):
    """What libxml2 parsed before it stopped is the article; the tail it could not read is furniture."""
    path = tmp_path / "tail.html"
    path.write_text(nested(0, after="<aside>" + "<div>" * 3000 + "Werbung" + "</div>" * 3000 + "</aside>"),
                    encoding="utf-8")
    result = extract(path, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert rows(result.stdout) == [SUPPLY]


def test_deep_and_huge_html_is_no_memory_bomb(tmp_path):
    """huge_tree lifts libxml2's depth and text-length limits, not entity expansion (the HTML parser
    expands no declared entities), and the input stays under ARMSGRAPH_MAX_BYTES: a billion laughs,
    25 MB of nested tags and a 20 MB text node are read or refused in seconds, in little memory."""
    lol = "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    pages = {
        "laughs.html": f'<!DOCTYPE html [<!ENTITY lol0 "lol">{lol}]><html><body>{PARAGRAPH}<p>&lol9;</p></body></html>',
        "tags.html": "<html><body>" + "<div><b>" * 1_500_000 + "x",
        "text.html": "<html><body><p>" + "Rakete " * 3_000_000 + "</p></body></html>",
    }
    for name, page in pages.items():
        (tmp_path / name).write_text(page, encoding="utf-8")
    script = ("import json, resource, sys, time\n"
              "from loaders.documents import read_path\n"
              "from graph.errors import DocumentError\n"
              "out = {}\n"
              "for path in sys.argv[1:]:\n"
              "    t = time.perf_counter()\n"
              "    try:\n"
              "        doc = read_path(path)\n"
              "        said = doc.text[:200] + ' ... ' + str(len(doc.text))\n"
              "    except DocumentError as err:\n"
              "        said = err.reason\n"
              "    out[path.rsplit('/', 1)[-1]] = [said, time.perf_counter() - t]\n"
              "out['rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
              "print(json.dumps(out))\n")
    done = subprocess.run([sys.executable, "-c", script, *(str(tmp_path / n) for n in pages)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "lollol" not in out["laughs.html"][0] and out["laughs.html"][0].startswith("Nordkorea hat")
    assert out["tags.html"][0].startswith("too short to be an article (0 words): HTML elements nested more than 2,048 deep")
    assert out["text.html"][0].startswith("too long: ")
    assert all(seconds < 60 for name, (_, seconds) in ((k, v) for k, v in out.items() if k != "rss_mb"))
    assert out["rss_mb"] < 1500, out


# -- item 10: what a folder holds ------------------------------------------------------------
READ = ", ".join(SUFFIXES)


def odd_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with one article and everything else a folder may hold; the reason each skipped
    path must be listed with (its start)."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "article.txt").write_bytes((SAMPLE / "002_93da3da9cffc8858.txt").read_bytes())
    os.symlink(SAMPLE / "003_5a41f9b0d836bd47.txt", folder / "linked.txt")  # a link to a file is read
    for name in (".hidden.txt", ".git/config.txt", "sub/.draft.md"):
        (folder / name).write_text("never read, never listed")
    os.symlink(folder / "gone.txt.orig", folder / "gone.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("..", folder / "sub" / "up")
    os.symlink(folder / "sub", folder / "shortcut")
    os.symlink(folder / "missing-dir", folder / ".hidden-link")
    os.mkfifo(folder / "pipe.txt")
    for name in ("scan.pdf", "photo.JPG", "data.json", "README", "sub/notes.docx"):
        (folder / name).write_bytes(b"%PDF-1.7 not read")
    return folder, {
        "gone.txt": f"broken symbolic link to {folder / 'gone.txt.orig'} (no such file or directory)",
        "loop.txt": "broken symbolic link to loop.txt (too many levels of symbolic links)",
        "sub/up": "symbolic link to a folder, not followed (name the folder itself to read it)",
        "shortcut": "symbolic link to a folder, not followed (name the folder itself to read it)",
        "pipe.txt": "not a regular file (named pipe)",
        "scan.pdf": f"file type .pdf is not read (articles are {READ})",
        "photo.JPG": f"file type .jpg is not read (articles are {READ})",
        "data.json": f"file type .json is not read (articles are {READ})",
        "README": f"file without a type suffix is not read (articles are {READ})",
        "sub/notes.docx": f"file type .docx is not read (articles are {READ})",
    }


def test_every_skipped_path_in_a_folder_is_listed_with_its_reason(tmp_path):
    folder, reasons = odd_folder(tmp_path)
    proc = cli_process("extract", folder, "--format", "jsonl", uri="bolt://127.0.0.1:9", mirror_path=tmp_path / "m")
    try:
        stdout, stderr = proc.communicate(timeout=120)  # a loop of links must not hang the walk
    finally:
        proc.kill()
    assert proc.returncode == 0, stderr
    assert {r["doc"] for r in map(json.loads, stdout.splitlines())} == {"article", "linked"}
    skipped = [line for line in error_lines(stderr) if line.startswith("skipped ")]
    assert skipped == [f"skipped {folder / name}: {reason}" for name, reason in sorted(reasons.items())], stderr
    assert "hidden" not in stderr and ".git" not in stderr and "draft" not in stderr


def test_load_lists_them_too(store, tmp_path):
    folder, reasons = odd_folder(tmp_path)
    result = invoke(tmp_path / "m.json.gz", "load", folder, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["read"] == 2
    assert sorted(summary["skipped"]) == sorted([str(folder / name), reason] for name, reason in reasons.items())
    human = invoke(tmp_path / "m.json.gz", "load", folder)
    for name, reason in reasons.items():
        assert f"  skipped {folder / name}: {reason}" in human.output.splitlines(), human.output


def test_a_broken_link_named_on_the_command_line_says_so(tmp_path):
    os.symlink(tmp_path / "moved.txt", tmp_path / "article.txt")
    result = extract(tmp_path / "article.txt", tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr)[0] == (f"skipped {tmp_path / 'article.txt'}: broken symbolic link to "
                                             f"{tmp_path / 'moved.txt'} (no such file or directory)")
