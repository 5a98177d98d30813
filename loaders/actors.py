"""Whom an actor stands for: an official for its state, a ministry or army for its state; who is
no party at all (media, observers)."""
from __future__ import annotations

from functools import lru_cache

from loaders import gazetteer as gaz_mod


@lru_cache(maxsize=4)
def agency_categories(gaz: gaz_mod.Gazetteer) -> dict[str, str | None]:
    """The category of every agency of a vocabulary (media, military, ...), by id: what the rules
    below ask of an actor many times a sentence."""
    return {e.id: e.props.get("category") for e in gaz.entries.values() if e.kind == "Agency"}


class ActorRules:
    """A part of RelationReader (loaders/relations.py): its methods read the sentence reader self.r,
    the lexicon self.lex, the vocabulary self.gaz, the document context self.ctx and the language's
    cue words (loaders/cue_sets.py)."""

    def gaz_kind(self, entity_id: str) -> str:
        return self.gaz[entity_id].kind if entity_id in self.gaz else self.r.mentions.discovered[entity_id].kind

    def state_of_place(self, entity_id: str) -> str:
        """The state a place lies in (a state itself, or a place the vocabulary does not know)."""
        if self.gaz_kind(entity_id) == "Location" and entity_id in self.gaz:
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def is_media(self, entity_id: str) -> bool:
        """News outlets report; they are not parties to transfers, attacks or visits."""
        return self.agency_category.get(entity_id) == "media"

    def is_forces(self, entity_id: str | None) -> bool:
        return self.agency_category.get(entity_id) == "military"

    def state_for_forces(self, entity_id: str | None) -> str | None:
        """'die ukrainischen Streitkräfte' act for Ukraine: armed forces stand for their state."""
        if self.is_forces(entity_id):
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def state_for_body(self, entity_id: str | None) -> str | None:
        """A ministry, government office, intelligence service or army acts for its state in a
        transfer; companies and armed groups are parties of their own."""
        if self.agency_category.get(entity_id) in self.state_bodies:
            return self.gaz.state_of(entity_id) or entity_id
        return entity_id

    def not_a_party(self, entity_id: str | None) -> bool:
        """Outlets, international bodies, think tanks and NGOs report, host or count transfers;
        they neither send nor receive the goods."""
        return self.agency_category.get(entity_id) in self.observers

    def acting_side(self, entity_id: str | None) -> str | None:
        """Who an actor acts for: an official for his state (None when unknown), any other actor
        for itself. A denial with no other subject is about the denier's own side; a promise is
        the official's state's."""
        if entity_id and self.gaz_kind(entity_id) == "Official":
            return self.gaz.state_of(entity_id) if entity_id in self.gaz else None
        return entity_id

    def own_side(self, source: str | None) -> str | None:
        """The state an actor speaks for (an official's or agency's state; a state itself)."""
        if not source:
            return None
        if self.gaz_kind(source) == "State":
            return source
        return (self.gaz.state_of(source) if source in self.gaz else None) or source

    def from_context(self, source: str) -> str | None:
        """The state most recently named before this sentence, other than the source's."""
        own = self.gaz.state_of(source) if source in self.gaz else None
        for entity in reversed(self.ctx.recent_states):
            if entity not in (source, own):
                return entity
        return None
