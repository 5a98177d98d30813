"""Positions for a large drawing, computed in Python, so that its page opens laid out.

In the browser, vis-network's force simulation costs seconds per thousand nodes (about 8 s at
5,000 nodes); this costs about one second, once, when the page is written. The picture is made as
vis-network would make it (the same forces, from viz_style.yaml), in steps:
1. leaves (entities with a single neighbour) are set aside: each is drawn later on rings around
   the entity it hangs from, so that entity takes the room of its "flower";
2. the other entities are laid out together by those forces: first as points that may pass
   through each other (lines shorten), then as discs that may not overlap (the graph spreads);
3. parts made of one entity and its leaves only (pairs, stars) go on rings around the rest, and
   entities without lines (shown on demand) on rings around those.
Coordinates are in vis-network's units (a node's radius is 10 to 42).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

GAP = 12.0          # free space between two neighbouring discs
RING = 60.0         # free space between an entity and the first ring of the leaves around it
BLOCK = 1024        # rows of node-to-node arrays computed at a time


@dataclass(frozen=True, slots=True)
class Settings:
    """The forces of vis-network's forceAtlas2Based solver, as the page sets them (viz_style.yaml),
    and the schedule: steps that untangle the graph (nodes as points, each moving with its force),
    then steps that spread it (nodes as discs that may not overlap, each moving at most as far as
    a falling temperature), then passes that push apart discs still overlapping."""

    repulsion: float = 90.0        # gravitationalConstant: pushes every two nodes apart, by degree
    spring_length: float = 150.0
    spring_constant: float = 0.05
    gravity: float = 0.012         # centralGravity: pulls each node to the centre, by degree and distance
    untangle: int = 150
    spread: int = 100
    heat: float = 0.2              # the first temperature, as a share of the room the nodes need
    reheat: float = 0.1            # the same, when the nodes become discs
    step: float = 20.0             # how far a node moves per unit of force per unit of mass while untangling
    separate: int = 10
    budget: float = 3e8            # node pairs × steps, beyond which the schedule is shortened (to a quarter at most)
    seed: int = 7


def positions(count: int, pairs: list[tuple[int, int]], radius: list[float],
              settings: Settings = Settings()) -> np.ndarray:
    """x, y of `count` nodes (an array of shape (count, 2)) linked by `pairs` of node indices, whose
    discs have the given radii."""
    radius_ = np.asarray(radius, dtype=float)
    adjacent = _adjacency(count, pairs)
    leaves = _leaves(adjacent)
    inner = [n for n in range(count) if adjacent[n] and n not in leaves]
    extent, offset = _flowers(inner, leaves, radius_)
    linked = [n for n in inner if any(m not in leaves for m in adjacent[n])]
    xy = np.zeros((count, 2))
    if linked:
        index = {n: i for i, n in enumerate(linked)}
        links = np.array([(index[a], index[b]) for a in linked for b in adjacent[a] if b in index and a < b],
                         dtype=int).reshape(-1, 2)
        mass = np.array([len(adjacent[n]) + 1.0 for n in linked])
        xy[linked] = forceatlas2(links, mass, extent[linked], settings)
        xy[linked] -= (xy[linked].max(axis=0) + xy[linked].min(axis=0)) / 2
    reach = float(np.max(np.hypot(xy[linked, 0], xy[linked, 1]) + extent[linked])) if linked else -RING
    drawn = {n for pair in pairs for n in pair}
    lines_to_itself = [n for n in drawn if not adjacent[n]]
    stars = sorted({*inner, *lines_to_itself} - set(linked), key=lambda n: (-extent[n], n))  # a node, its leaves
    reach = _around(xy, stars, extent, reach)
    for leaf, hub in leaves.items():
        xy[leaf] = xy[hub] + offset[leaf]
    _around(xy, [n for n in range(count) if n not in drawn], radius_, reach)
    return xy


def _leaves(adjacent: list[set[int]]) -> dict[int, int]:
    """Nodes with one neighbour, and that neighbour (of two nodes linked only to each other, the
    second hangs from the first)."""
    leaves = {}
    for n, near in enumerate(adjacent):
        if len(near) == 1:
            (hub,) = near
            if len(adjacent[hub]) > 1 or hub < n:
                leaves[n] = hub
    return leaves


def _adjacency(count: int, pairs: list[tuple[int, int]]) -> list[set[int]]:
    adjacent: list[set[int]] = [set() for _ in range(count)]
    for a, b in pairs:
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    return adjacent


def _flowers(inner: list[int], leaves: dict[int, int], radius: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each node's room (its radius, or with the rings of its leaves around it) and each leaf's
    offset from the node it hangs from."""
    extent, offset = radius.copy(), np.zeros((len(radius), 2))
    hanging: dict[int, list[int]] = defaultdict(list)
    for leaf, hub in leaves.items():
        hanging[hub].append(leaf)
    for hub, group in hanging.items():
        group.sort(key=lambda n: (-radius[n], n))
        places, extent[hub] = _rings([float(radius[n]) for n in group], float(radius[hub]))
        offset[group] = places
    return extent, offset


def _rings(sizes: list[float], inner: float) -> tuple[list[tuple[float, float]], float]:
    """Offsets of discs of the given radii (largest first) on rings around a centre whose own
    disc reaches `inner`, and the radius of the whole."""
    offsets: list[tuple[float, float]] = []
    ring, k, outer = inner + RING, 0, inner
    while k < len(sizes):
        width = sizes[k]
        circumference = 2 * math.pi * (ring + width)
        take, used = 0, 0.0
        while k + take < len(sizes) and used + 2 * sizes[k + take] + GAP <= circumference:
            used += 2 * sizes[k + take] + GAP
            take += 1
        take = max(take, 1)
        step, turn = 2 * math.pi / take, math.pi * (len(offsets) % 2) / max(take, 1)
        offsets += [((ring + width) * math.cos(turn + i * step), (ring + width) * math.sin(turn + i * step))
                    for i in range(take)]
        outer = ring + 2 * width
        ring, k = outer + GAP, k + take
    return offsets, outer


def _around(xy: np.ndarray, nodes: list[int], size: np.ndarray, reach: float) -> float:
    """Put nodes (largest first) on rings around what is placed, which reaches `reach` from 0, 0;
    how far the whole reaches then."""
    if not nodes:
        return reach
    places, outer = _rings([float(size[n]) for n in nodes], reach)
    xy[nodes] = places
    return outer


def forceatlas2(pairs: np.ndarray, mass: np.ndarray, size: np.ndarray, settings: Settings = Settings()) -> np.ndarray:
    """Positions for nodes of `mass` (degree + 1) and radius `size` linked by `pairs`, under the
    forces of vis-network's forceAtlas2Based solver: repulsion by degree and 1/distance, springs,
    central gravity by degree and distance. Repulsion is exact, between every two nodes: beyond a
    thousand nodes or so, the schedule is shortened to keep within `budget`."""
    n = len(mass)
    if n == 1:
        return np.zeros((1, 2))
    room = math.sqrt(float(np.sum((size + settings.spring_length / 2) ** 2)))
    xy = np.random.default_rng(settings.seed).uniform(-room / 2, room / 2, size=(n, 2))
    push, discs = (settings.repulsion * mass).astype(np.float32), size.astype(np.float32)
    springs = _Springs(pairs, size, settings)
    share = min(1.0, max(settings.budget / (n * n * (settings.untangle + settings.spread)), 0.25))
    untangle, spread = max(1, round(settings.untangle * share)), max(1, round(settings.spread * share))
    gravity = settings.gravity * mass[:, None]
    for step in range(untangle):  # through each other, so that lines can shorten
        force = _repulsion(xy, push, None) + springs(xy, between_discs=False) - gravity * xy
        xy += _limit(force / mass[:, None] * settings.step, room * settings.heat * (1 - step / untangle) + 1)
    for step in range(spread):  # then around each other
        force = _repulsion(xy, push, discs) + springs(xy, between_discs=True) - gravity * xy
        xy += _limit(force, room * settings.reheat * (1 - step / spread) + 1)
    return _separate(xy, size, settings.separate)


class _Springs:
    """Hooke's springs along the lines, spring_length long (between the ends' discs, or centres)."""

    def __init__(self, pairs: np.ndarray, size: np.ndarray, settings: Settings) -> None:
        self.a, self.b = pairs[:, 0].copy(), pairs[:, 1].copy()
        self.reach = size[self.a] + size[self.b]
        self.settings = settings

    def __call__(self, xy: np.ndarray, between_discs: bool) -> np.ndarray:
        a, b, n, k = self.a, self.b, len(xy), self.settings.spring_constant
        z = xy[:, 0] + 1j * xy[:, 1]
        delta = z[b] - z[a]
        dist = np.abs(delta) + 1e-9
        rest = self.settings.spring_length + (self.reach if between_discs else 0.0)
        pull = delta * (k * (dist - rest) / dist)
        return np.stack([np.bincount(a, pull.real, n) - np.bincount(b, pull.real, n),
                         np.bincount(a, pull.imag, n) - np.bincount(b, pull.imag, n)], axis=1)


def _limit(move: np.ndarray, most: float) -> np.ndarray:
    """The moves, none longer than `most`."""
    length = np.hypot(move[:, 0], move[:, 1]) + 1e-9
    return move * (np.minimum(length, most) / length)[:, None]


def _blocks(xy: np.ndarray):
    """Rows of the node-to-node differences, BLOCK at a time (to bound memory): the rows' slice,
    the differences as complex numbers (float32), their lengths, and the diagonal's indices."""
    z = (xy[:, 0] + 1j * xy[:, 1]).astype(np.complex64)
    for start in range(0, len(z), BLOCK):
        rows = slice(start, min(start + BLOCK, len(z)))
        delta = z[rows, None] - z[None, :]
        own = np.arange(rows.stop - start)
        yield rows, delta, np.abs(delta), (own, own + start)


def _separate(xy: np.ndarray, size: np.ndarray, passes: int) -> np.ndarray:
    """Push apart, half the overlap each, every two discs that still overlap (or nearly touch)."""
    for _ in range(passes):
        move, moved = np.zeros(len(xy), dtype=np.complex64), False
        for rows, delta, dist, own in _blocks(xy):
            overlap = np.maximum(size[rows, None] + size[None, :] + GAP / 2 - dist, 0).astype(np.float32)
            overlap[own] = 0.0
            if overlap.any():
                moved = True
                move[rows] = (delta * (overlap / (2 * np.maximum(dist, 1e-3)))).sum(axis=1)
        if not moved:
            break
        xy = xy + np.stack([move.real, move.imag], axis=1)
    return xy


def _repulsion(xy: np.ndarray, push: np.ndarray, discs: np.ndarray | None) -> np.ndarray:
    """push_i / d on node i from every other node, d measured between their discs if given (at
    least 0.01: discs that overlap push each other hard). In float32 and in place, as this is
    most of the time a layout takes."""
    total = np.zeros(len(xy), dtype=np.complex64)
    for rows, delta, dist, own in _blocks(xy):
        dist[own] = 1.0
        free = dist.copy()
        if discs is not None:
            free -= discs[rows, None]
            free -= discs[None, :]
        np.maximum(free, 0.01, out=free)
        free *= dist
        factor = np.divide(push[rows, None], free, out=free)
        factor[own] = 0.0
        delta *= factor
        total[rows] = delta.sum(axis=1)
    return np.stack([total.real, total.imag], axis=1).astype(float)
