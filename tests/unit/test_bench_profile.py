"""bench/profile.py (what py-spy's raw samples say a load did) and the rows the table makes of a
batched load: where its time went, the median of several (the sampling itself runs in
tests/integration/test_bench_run.py)."""
from __future__ import annotations

import pytest

from bench import profile, report

MAIN = ("thread (10): MainThread;<module> (bench/__main__.py:9);load (bench/stages.py:170);"
        "Writer.submit (loaders/ingest.py:120)")
WRITER = ("thread (11): ThreadPoolExecutor-0_0;_worker (concurrent/futures/thread.py:83);"
          "run (concurrent/futures/thread.py:58);Store.write_rows (graph/store.py:90);"
          "Session.execute_write (neo4j/_sync/work/session.py:810)")
RAW = "\n".join([
    f"{WRITER};BoltSocketBase._wait_for_io (neo4j/_async_compat/network/_bolt_socket.py:415) 90",
    f"{WRITER};Packer._pack (neo4j/_codec/packstream/v1/__init__.py:70) 6",
    f"{WRITER};Result.__iter__ (neo4j/_sync/work/result.py:398) 2",
    f"{WRITER};run (graph/store.py:26) 2",
    f"{MAIN};prepare (loaders/ingest.py:100);build (graph/rows.py:56) 25",
    f"{MAIN};prepare (loaders/ingest.py:100);Store.versions (graph/store.py:113);"
    "BoltSocketBase._wait_for_io (neo4j/x.py:415) 25",
    f"{MAIN};Writer.wait (loaders/ingest.py:140);Future.result (concurrent/futures/_base.py:451);"
    "wait (threading.py:320) 10",
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
    assert len(samples) == 9
    thread, frames, n = samples[0]
    assert thread == "thread (11): ThreadPoolExecutor-0_0" and n == 90
    assert frames[0].startswith("_worker") and frames[-1].startswith("BoltSocketBase._wait_for_io")


def test_the_load_s_samples_are_split_by_what_they_did(raw):
    s = profile.summary(raw, rate=100)
    writer, preparing = s["roles"]["writer"], s["roles"]["preparing"]
    # samples outside the load (the sampler starting) and other threads are left out
    assert writer["seconds"] == pytest.approx(1.0)
    assert writer["shares"] == pytest.approx({"waiting for the server": 90 / 100, "packing parameters": 6 / 100,
                                              "reading results": 2 / 100, "the store's own code": 2 / 100})
    assert preparing["seconds"] == pytest.approx(0.6)
    assert preparing["shares"] == pytest.approx({"preparing rows and statements": 25 / 60,
                                                 "waiting for the server": 25 / 60, "waiting for the writer": 10 / 60})
    assert s["busiest"][0] == ("build", pytest.approx(0.25))
    assert all(name != "BoltSocketBase._wait_for_io" for name, _ in s["busiest"])


def test_the_table_says_what_the_load_did(raw):
    text = report._profiled(profile.summary(raw, rate=100))
    assert text.startswith("writing thread (1.0 s): 90% waiting for the server, 6% packing parameters")
    assert "preparing thread (0.6 s): 42% preparing rows and statements, 42% waiting for the server, " \
           "17% waiting for the writer" in text
    assert f"samples in `{raw}`" in text


def test_where_the_time_went_is_the_benchmark_s_own_timing_of_the_write_path():
    load = {"relationships": 100_000, "seconds": 6.0, "transactions": 34,
            "calls": {"total_s": 5.9, "median_s": 0.17, "max_s": 0.41}}
    text = report._calls(load)
    assert text.startswith("34 transactions of loaders.ingest.Writer (as `cli.py load` writes, the next batch "
                           "prepared meanwhile)")
    assert "5.9 s of 6.0 s, a transaction every 0.17 s (median), slowest 0.41 s" in text


def test_the_median_load_is_reported_with_the_rates_of_all():
    from bench import stages

    loads = [{"rate": r, "seconds": 100 / r} for r in (15_000.0, 9_000.0, 17_000.0)]
    chosen = stages.median(loads)
    assert chosen["rate"] == 15_000 and chosen["rates"] == [15_000, 9_000, 17_000]
    assert stages.median(loads[:2])["rate"] == 9_000  # the lower middle of an even count
    assert stages.median(loads[:1]) == {**loads[0], "rates": [15_000]}
