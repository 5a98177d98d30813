"""loaders.ingest.Writer: one transaction in flight, results in order in the caller's thread, a
failed write raised in the caller's thread and nothing written after it (the store here is a
stand-in that records calls; tests/integration and tests/reliability load through the real one)."""
from __future__ import annotations

import threading
import time

import pytest

from graph.errors import StoreError
from graph import rows as rows_mod
from loaders.ingest import Writer
from tests.factories import graph_one as graph_one_data, graph_two as graph_two_data


def graph_one():
    return rows_mod.build(graph_one_data())


def graph_two():
    return rows_mod.build(graph_two_data())


class Recorder:
    """Answers readings (nothing stored) and records each write with the thread that ran it."""

    def __init__(self, fail_on: int | None = None):
        self.writes: list[tuple[list[str], str]] = []
        self.fail_on = fail_on
        self.in_flight = 0

    def readings(self, ids):
        return {}

    def write_rows(self, rows, replace=()):
        self.in_flight += 1
        assert self.in_flight == 1, "two transactions at once"
        time.sleep(0.05)
        self.in_flight -= 1
        n = len(self.writes) + 1
        if n == self.fail_on:
            raise StoreError("the server went away")
        self.writes.append(([d["id"] for d in rows.documents], threading.current_thread().name))
        return {"before": f"g:{n - 1}", "after": f"g:{n}"}


def test_batches_are_written_one_at_a_time_in_order_with_results_in_the_caller_s_thread():
    store, results = Recorder(), []
    with Writer(store, lambda r: results.append((r["after"], threading.current_thread().name))) as writer:
        writer.submit([graph_one()])
        writer.submit([graph_two()])
        writer.submit([graph_one(), graph_two()])
    one, two = graph_one().documents[0]["id"], graph_two().documents[0]["id"]
    assert [ids for ids, _ in store.writes] == [[one], [two], [one, two]]
    assert all(thread != threading.current_thread().name for _, thread in store.writes)
    assert results == [(f"g:{n}", threading.current_thread().name) for n in (1, 2, 3)]


def test_a_failed_write_is_raised_in_the_caller_s_thread_and_nothing_is_written_after_it():
    store, results = Recorder(fail_on=2), []
    with pytest.raises(StoreError, match="went away"):
        with Writer(store, results.append) as writer:
            for _ in range(5):
                writer.submit([graph_one()])
    assert len(store.writes) == 1 and len(results) == 1
