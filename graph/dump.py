"""The store's dump as the mirror holds it: lists sorted, and each entity's `docs`, the documents
that mention it, derived from what Neo4j holds (Neo4j keeps no such list on an entity)."""
from __future__ import annotations

from graph import schema as schema_mod


def mentions(schema: schema_mod.Schema, nodes: list[dict], rels: list[dict]) -> dict[str, set[str]]:
    """Entity id -> the documents that mention it, from stored records: the documents of the
    evidence of the facts it is an end or the weapon of, and of the evidence it claims, and those
    that state a structural link it is an end of (GraphData.node_docs, from what Neo4j holds)."""
    named: dict[str, list[str]] = {}  # fact id -> its ends and weapon
    out: dict[str, set[str]] = {}
    for rec in rels:
        props = rec["props"]
        if rec["type"] in schema.relations:
            named[props.get("id")] = [rec["source"], rec["target"], props.get("weapon_id")]
        elif rec["type"] in schema.structural:
            for end in (rec["source"], rec["target"]):
                out.setdefault(end, set()).update(props.get("docs") or ())
    for rec in nodes:
        props = rec["props"]
        if "Evidence" in rec["labels"]:
            for entity in (*named.get(props.get("fact_id"), ()), props.get("claimed_by_id")):
                if entity:
                    out.setdefault(entity, set()).add(props["doc_id"])
    return out


def with_docs(schema: schema_mod.Schema, nodes: list[dict], rels: list[dict]) -> tuple[list[dict], list[dict]]:
    """Stored records as the mirror holds them: `docs` lists sorted, entities given their `docs`."""
    for rec in (*nodes, *rels):  # `docs` is a set (appended in write order): sorted, as the mirror holds it
        if isinstance(rec["props"].get("docs"), list):
            rec["props"]["docs"] = sorted(rec["props"]["docs"])
    named = mentions(schema, nodes, rels)
    for rec in nodes:
        if "Entity" in rec["labels"]:
            rec["props"]["docs"] = sorted(named.get(rec["props"]["id"], ()))
    return nodes, rels
