"""Bad article metadata (docs/sources.md): a sidecar that cannot be used is the skip reason of its
article, a bad --date, --outlet or --url is one error line; the command exits non-zero and what is
already stored (Neo4j and the mirror file) stays exactly as it was."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.reliability.conftest import SAMPLE, error_lines

ARTICLE = sorted(SAMPLE.glob("*.txt"))[2].read_text(encoding="utf-8")
LATER = (date.today() + timedelta(days=30)).isoformat()

# the sidecar's content, and the reason its article is skipped
SIDECARS = [
    ("{'date': '2024-03-12'}", "sidecar article.json: not JSON (expecting property name enclosed in double quotes)"),
    ("2024-03-12", "sidecar article.json: not JSON (extra data)"),
    ("\xff\xfe garbage", "sidecar article.json: not JSON (expecting value)"),
    ('{"date": "2024-03-12", "author": "me"}', "sidecar article.json: unknown key 'author' (a sidecar has date, url, "
                                              "outlet, title)"),
    ('{"date": 2024}', "sidecar article.json: date is int, not a string"),
    ('{"date": "2024-02-30"}', "sidecar article.json: date '2024-02-30': no such day"),
    ('{"url": "javascript:alert(1)"}', "sidecar article.json: url 'javascript:alert(1)': not a web address "
                                       "(http:// or https://)"),
]


@pytest.mark.parametrize("content,reason", SIDECARS, ids=[r.split(": ", 1)[1][:24] for _, r in SIDECARS])
def test_an_unusable_sidecar_skips_its_article_in_one_line_and_changes_nothing(baseline, tmp_path, content, reason):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    for given in (tmp_path, article):  # the folder (the walk passes the sidecar over) or the article itself
        result = baseline.cli("load", given)
        assert result.exit_code == 2, result.output
        lines = [line.strip() for line in result.output.splitlines() if line.strip().startswith("skipped")]
        assert lines == [f"skipped {article}: {reason}"]
        baseline.assert_untouched()
        extracted = baseline.cli("extract", given)
        assert extracted.exit_code == 2
        assert error_lines(extracted.stderr) == [f"skipped {article}: {reason}",
                                                 "error: no readable document among the inputs"]


OPTIONS = [
    ("--date", "2024-02-31", "no such day"),
    ("--date", "0000-01-01", "no such day"),
    ("--date", LATER, "in the future"),
    ("--date", "12.03.2024", "not a date (write it as YYYY-MM-DD)"),
    ("--date", "yesterday", "not a date (write it as YYYY-MM-DD)"),
    ("--date", "", "not a date (write it as YYYY-MM-DD)"),
    ("--outlet", "   ", "empty"),
    ("--url", "reuters.com/a", "not a web address (http:// or https://)"),
]


@pytest.mark.parametrize("option,value,reason", OPTIONS, ids=[f"{o}={v}" for o, v, _ in OPTIONS])
def test_a_bad_option_is_one_error_line_exit_2_and_changes_nothing(baseline, tmp_path, option, value, reason):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for command in ("load", "extract"):
        result = baseline.cli(command, article, option, value)
        assert result.exit_code == 2, result.output
        assert error_lines(result.stderr) == [f"error: {option} {value!r}: {reason}"]
        assert result.stdout == ""
        baseline.assert_untouched()


def test_a_sidecar_named_as_an_article_is_refused(baseline, tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "article.json").write_text(json.dumps({"date": "2024-03-12"}), encoding="utf-8")
    result = baseline.cli("load", tmp_path / "article.json")
    assert result.exit_code == 2
    assert [line.strip() for line in result.output.splitlines() if line.strip().startswith("skipped")] == [
        f"skipped {tmp_path / 'article.json'}: the sidecar of article.txt (its date, outlet and URL), not an article"]
    baseline.assert_untouched()
