"""The words around an actor mention that decide its part: a compound modifier ('Iran-backed'),
the agent of a German participle ('dem von Russland angegriffenen Land'), a state or body named
with an official's role, a name after a role noun."""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.mentions import Mention

if TYPE_CHECKING:
    from loaders.sentences import SentenceReader


def named_after(r: SentenceReader, i: int) -> bool:
    """A named official or agency follows the role noun at i ("Außenminister Abbas Araghchi")."""
    for k in (i + 1, i + 2):
        m = r.covered.get(k)
        if m is not None and m.kind in ("Official", "Agency") and not m.is_adjective:
            return True
    return False


def inside_noun_phrase(r: SentenceReader, i: int, start: int, kind: str) -> bool:
    """Token i may stand between the mention at `start` (of that kind) and its preposition: a
    determiner, a place noun, a title or role noun, an adjective, a lower-case word."""
    low = r.lower[i]
    return low in r.determiners or low in ('"', "-") or r.finder.is_place_noun(r.text[i]) or (
        kind == "Official" and r.lex.lang == "en" and r.alpha[i] and i + 1 < start
        and r.is_role(i + 1) and low not in r.calendar) or (  # "Foreign Secretary X"
        r.alpha[i] and r.text[i][:1].islower() and low not in r.all_preps) or (
        i in r.covered and r.covered[i].is_adjective) or r.is_role(i) or (
        low in r.lex.words("titles"))


def modifier_compound(r: SentenceReader, m: Mention) -> bool:
    """'the UN-recognised government', 'Iran-backed militias', 'Kreml-treue Medien': a name in a
    compound modifier is no party (an origin, 'US-made', is read as the goods' maker elsewhere)."""
    j = m.end
    return not m.is_adjective and j + 1 < len(r.text) and r.lower[j] == "-" and r.alpha[j + 1] \
        and r.text[j + 1][:1].islower() and r.lower[j + 1] not in r.origin_suffixes


def attributive_participle(r: SentenceReader, m: Mention, prep: str | None) -> int:
    """German "von X" before an inflected participle and its noun ("dem von Russland
    angegriffenen Land", "die von Iran gelieferten Drohnen"): X acts only in that participle."""
    if r.lex.lang != "de" or prep not in ("von", "vom"):
        return -1
    j = m.end
    if j + 1 < len(r.text) and r.alpha[j] and r.text[j][:1].islower() \
            and r.lower[j].endswith(("ten", "nen", "te", "tes", "tem", "ter", "enen", "ene")) \
            and r.text[j + 1][:1].isupper():
        return j
    return -1


def affiliation_of(r: SentenceReader, a: Mention, b: Mention) -> bool:
    """'Der Kreml-Sprecher Dmitri Peskow', 'the EU's foreign policy chief Josep Borrell', 'des
    Sicherheitsrats, John Kirby': a state or body named with an official's role is the official's
    affiliation, not a party of its own."""
    if b.kind != "Official" or a.kind not in ("State", "Agency") or a.is_adjective or b.start - a.end > 6:
        return False
    between = range(a.end, b.start)
    linking = {",", "-", "'s", "des", "der", "of", "the"}
    role_before = a.start >= 2 and r.lower[a.start - 1] in ("des", "der", "of", "the") and any(
        r.is_role(k) for k in range(max(0, a.start - 3), a.start - 1)) and r.lower[a.end] == "," and all(
        r.lower[k] == "," or (r.text[k][:1].isupper() and k not in r.covered) for k in between) \
        and len(between) <= 2  # "der Sekretär des Sicherheitsrats, (Nikolai) Patruschew,"
    return (role_before or any(r.is_role(k) for k in between)) and all(
        r.lower[k] in linking or r.lower[k] in r.determiners or r.is_role(k)
        or r.lower[k] in r.lex.words("titles") for k in between)
