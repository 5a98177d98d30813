"""Actor names as analysts type them (aliases, codes, German names, ids) resolved to node ids."""
from __future__ import annotations

import difflib
from collections.abc import Callable

from graph.errors import InputError, UnknownNameError
from loaders import gazetteer
from queries.statements import ENTITY_NAMES


def resolve(name: str, graph_names: Callable[[], dict[str, str]],
            is_entity: Callable[[str], bool] | None = None) -> str:
    """The id a name means: the vocabulary first (NK, Nordkorea, Pjöngjang), then the graph's own
    ids and names (officials the extractor discovered); UnknownNameError with suggestions otherwise.

    `graph_names` returns {id: name} of the graph's entities; it is only called when the
    vocabulary does not know the name. `is_entity(text)`, when given, says whether the text is
    an entity id of the graph (one index lookup), so an id needs no list of every name.
    """
    text = name.strip()
    if not text:
        raise InputError("an actor name is empty")
    gaz, suggestions = gazetteer.load(), []
    entry = gaz.find(text)
    if entry:
        return entry.id
    if is_entity is not None and is_entity(text):
        return text
    try:
        gaz.resolve(text)
    except UnknownNameError as exc:  # its suggestions, made only when they may be needed
        suggestions = list(exc.suggestions)
    names = graph_names()
    if text in names:
        return text
    key = gazetteer.fold(text)
    by_name = {}
    for node_id, node_name in names.items():
        by_name.setdefault(gazetteer.fold(node_name or node_id), node_id)
    if key in by_name:
        return by_name[key]
    close = difflib.get_close_matches(key, list(by_name), n=3, cutoff=0.6)
    hints = set(suggestions) | {names[by_name[c]] or by_name[c] for c in close}
    ranked = sorted(hints, key=lambda h: (-difflib.SequenceMatcher(None, key, gazetteer.fold(h)).ratio(), h))
    raise UnknownNameError(name, ranked[:3])


def from_store(store) -> Callable[[], dict[str, str]]:
    """A lazy {id: name} of the entities in Neo4j."""
    return lambda: {r["id"]: r["name"] for r in store.read(ENTITY_NAMES)}


def from_mirror(g, entity_kinds: tuple[str, ...]) -> Callable[[], dict[str, str]]:
    """A lazy {id: name} of the entities in a networkx mirror."""
    return lambda: {n: a.get("name") or n for n, a in g.nodes(data=True) if a.get("label") in entity_kinds}
