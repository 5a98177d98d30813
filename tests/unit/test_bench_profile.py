"""bench/profile.py (what py-spy's raw samples say a load's threads did) and the rows the table makes
of a batched load: where its time went, the median of several (the sampling itself runs in
tests/integration/test_bench_run.py)."""
from __future__ import annotations

import pytest

from bench import profile, report

WRITER = ("thread (11): ThreadPoolExecutor-0_0;Thread._bootstrap (threading.py:1002);"
          "Store.write_rows (graph/store.py:280);Session.execute_write (neo4j/_sync/work/session.py:810)")
MAIN = "thread (10): MainThread;<module> (bench/__main__.py:9);Store.write_many (graph/store.py:330)"
RAW = "\n".join([
    f"{WRITER};BoltSocketBase._wait_for_io (neo4j/_async_compat/network/_bolt_socket.py:415) 90",
    f"{WRITER};Packer._pack (neo4j/_codec/packstream/v1/__init__.py:70) 6",
    f"{WRITER};Result.__iter__ (neo4j/_sync/work/result.py:398) 2",
    f"{WRITER};Store.write_rows.<locals>.work (graph/store.py:263) 2",
    f"{MAIN};Store.write_many.<locals>.batches (graph/store.py:300);build (graph/rows.py:56) 25",
    f"{MAIN};wait (concurrent/futures/_base.py:305);Condition.wait (threading.py:327) 75",
    "thread (10): MainThread;<module> (bench/__main__.py:9);Sampler.__enter__ (bench/profile.py:80) 50",
    "thread (12): Thread-3 (other);run (somewhere.py:1) 40",
    "not a sample line",
])


@pytest.fixture
def raw(tmp_path):
    path = tmp_path / "load.txt"
    path.write_text(RAW + "\n", encoding="utf-8")
    return path


def test_raw_samples_are_read_as_thread_frames_and_count(raw):
    samples = profile.read(raw)
    assert len(samples) == 8
    thread, frames, n = samples[0]
    assert thread == "thread (11): ThreadPoolExecutor-0_0" and n == 90
    assert frames[0].startswith("Thread._bootstrap") and frames[-1].startswith("BoltSocketBase._wait_for_io")


def test_the_writer_and_the_preparing_thread_are_told_apart_and_their_time_split(raw):
    s = profile.summary(raw, rate=100)
    writer, preparer = s["roles"]["writer"], s["roles"]["preparer"]
    assert writer["seconds"] == pytest.approx(1.0)
    assert writer["shares"] == pytest.approx({"waiting for the server": 0.9, "packing parameters": 0.06,
                                              "reading results": 0.02, "the store's own code": 0.02})
    # samples outside the load (the sampler starting) and other threads are left out
    assert preparer["seconds"] == pytest.approx(1.0)
    assert preparer["shares"] == pytest.approx({"waiting for the writer": 0.75, "preparing the next batch": 0.25})
    assert s["busiest"][0] == ("build", pytest.approx(0.25))
    assert all(name not in ("BoltSocketBase._wait_for_io", "Condition.wait") for name, _ in s["busiest"])


def test_the_table_says_what_each_thread_did(raw):
    text = report._profiled(profile.summary(raw, rate=100))
    assert text.startswith("writer thread (1.0 s): 90% waiting for the server, 6% packing parameters")
    assert "preparing thread (1.0 s): 75% waiting for the writer, 25% preparing the next batch" in text
    assert f"samples in `{raw}`" in text


def test_where_the_time_went_names_the_server_bound():
    load = {"relationships": 100_000, "seconds": 6.0,
            "times": {"transaction_s": 5.5, "statements_s": 3.4, "server_s": 2.4, "commit_s": 2.1,
                      "prepare_s": 1.5, "first_prepare_s": 0.45}}
    text = report._where(load, writers=1)
    assert text.startswith("server 4.5 s of 6.0 s: 2.4 s in statements, 2.1 s in commits")
    assert "no faster than 22,222 rels/s" in text
    assert "client 1.0 s sending parameters and reading results, 0.5 s preparing the first batch" in text
    assert "summed over 2 writers" in report._where(load, writers=2)


def test_the_median_load_is_reported_with_the_rates_of_all():
    from bench import stages

    loads = [{"rate": r, "seconds": 100 / r} for r in (15_000.0, 9_000.0, 17_000.0)]
    chosen = stages.median(loads)
    assert chosen["rate"] == 15_000 and chosen["rates"] == [15_000, 9_000, 17_000]
    assert stages.median(loads[:2])["rate"] == 9_000  # the lower middle of an even count
    assert stages.median(loads[:1]) == {**loads[0], "rates": [15_000]}
