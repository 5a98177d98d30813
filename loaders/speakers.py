"""Who says what a sentence says: the actor next to a verb of saying ('sagte X', 'X said'), after
'laut', 'according to' or before 'zufolge'; 'er', 'it' for the last speaker."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from loaders import nlp as nlp_mod
from loaders.context import DocumentContext
from loaders.mentions import ACTOR_KINDS, Mention

if TYPE_CHECKING:
    from loaders.sentences import Attribution, SentenceReader

SPECIFICITY = {"Official": 3, "Agency": 2, "State": 1}


def _particle_ok(r: SentenceReader, i: int, clause: tuple[int, int]) -> bool:
    particle = r.say_particles.get(r.lemma[i])
    if not particle:
        return True
    return any(r.lower[j] == particle and (j + 1 >= clause[1] or not r.alpha[j + 1])
               for j in range(i + 1, clause[1]))


def speaker_near(r: SentenceReader, lo: int, hi: int, pivot: int,
                 after_first: bool = True) -> tuple[Mention | None, list[Mention]]:
    """The most specific actor of the noun phrase next to a say-verb, and that noun phrase's actors."""
    group = _speaker_group(r, lo, hi, pivot, after_first)
    if not group:
        return None, []
    return max(group, key=lambda m: (SPECIFICITY.get(m.kind, 0), m.role != "adjective")), group


def _speaker_group(r: SentenceReader, lo: int, hi: int, pivot: int, after_first: bool) -> list[Mention]:
    cands = [m for m in r.mentions.in_range(lo, hi) if m.kind in ACTOR_KINDS
             and (not m.is_adjective or r.head_of(m, set())[0] in ("personnel", "state", "person")
                  or r.is_role(min(m.end, len(r.text) - 1)) or _body_after(r, m))]
    after = [m for m in cands if m.start > pivot]
    before = [m for m in cands if m.start < pivot]
    group = []
    if after and after_first:
        first = after[0]
        group = [m for m in after if m.start - first.start <= 8 and "," not in r.lower[first.end:m.start]
                 or m.start - first.end <= 1]
    elif before:
        if r.lex.lang == "en" and _unnamed_speaker(r, before[-1], pivot):
            return []  # "..., two people familiar with the matter said": no actor of the words before speaks
        last = before[-1]
        group = [m for m in before if last.start - m.start <= 8 and "," not in r.lower[m.end:last.start]
                 or last.start - m.end <= 1 or _apposition(r, m, last)]
    return group


def _unnamed_speaker(r: SentenceReader, last: Mention, pivot: int) -> bool:
    """English: words after a comma that follows the last actor name the speaker, and they name none
    ("Pyongyang sent 100 missiles to Russia, two people familiar with the matter said")."""
    commas = [k for k in range(last.end, pivot) if r.lower[k] == ","]
    words = [k for k in range(commas[-1] + 1, pivot) if r.alpha[k]] if commas else []
    # (a definite description refers back: "..., the company said")
    return bool(words) and r.lower[words[0]] not in ("the", "this", "that")


def _body_after(r: SentenceReader, m: Mention) -> bool:
    """'der ukrainische Geheimdienst', 'Ukrainian intelligence': a state's body (speaker_bodies)."""
    return m.end < len(r.lower) and r.lower[m.end] in r.speaker_bodies


def _apposition(r: SentenceReader, a: Mention, b: Mention) -> bool:
    """'Der Sprecher des iranischen Außenministeriums, Esmaeil Baghaei': one noun phrase (not "...
    to Russia, a senior US official told": a name, not a modifier, follows the comma)."""
    if b.is_adjective or b.end < len(r.lower) and r.is_role(b.end):  # ("a senior US official")
        return False
    between = range(a.end, b.start)
    linking = {",", "-", "for", "of", "at", "des", "der", "beim", "bei", "von", "im"}
    return len(between) <= 7 and all(
        r.lower[k] in linking or r.lower[k] in r.determiners or r.is_role(k)
        or (r.alpha[k] and r.text[k].islower()) for k in between)


def by_say_verb(r: SentenceReader, att: Attribution, sent: Span, clauses: list[tuple[int, int]],
                ctx: DocumentContext) -> None:
    """'sagte X', 'X said', 'Der NIS teilte mit': the actor next to a verb of saying, in its clause
    or the one before; a pronoun ('er', 'it') near the verb: the last speaker."""
    pronouns = r.lex.words("pronouns_it")
    for i in nlp_mod.positions_in(r.say_words, sent.start, sent.end):
        clause = r.clause_of(clauses, i)
        if not _particle_ok(r, i, clause):
            continue
        nxt = r.lower[i + 1] if i + 1 < len(r.lower) else "."
        after_first = _speaker_after(r, sent, clause, i, nxt)
        speaker, group = speaker_near(r, clause[0], clause[1], i, after_first)
        if speaker is None and clause[0] == i and clause[0] > sent.start and r.lower[i - 1] != '"' \
                and (nxt in (",", ":") or not after_first):  # "Ein US-Beamter, der ..., sagte, ..."
            prev = r.clause_of(clauses, clause[0] - 1)
            if prev[0] > sent.start and r.lower[prev[0]] in r.relative and r.lower[prev[0] - 1] == ",":
                prev = r.clause_of(clauses, prev[0] - 1)  # "X, who flew to Tbilisi, said": X speaks
            speaker, group = speaker_near(r, prev[0], prev[1], prev[1])
        if speaker is None and not after_first and (r.lex.lang != "en" or _inverted(r, sent, i)):
            speaker, group = speaker_near(r, clause[0], clause[1], i, True)
        if speaker is None:
            window = r.lower[max(clause[0], i - 2):min(clause[1], i + 3)]
            if any(w in pronouns for w in window) and ctx.last_speaker:
                att.speaker, att.say_clause = ctx.last_speaker, clause
            continue
        att.speaker, att.say_clause = speaker.entity, clause
        att.excluded = {m.start for m in group}
        return


def _inverted(r: SentenceReader, sent: Span, i: int) -> bool:
    """English puts the speaker after its verb only after a comma or a quotation ('..., said Kirby on
    Monday'); after 'Ukrainian intelligence said' come the words said ('Russia had received ...')."""
    return i > sent.start and r.lower[i - 1] in (",", '"')


def _speaker_after(r: SentenceReader, sent: Span, clause: tuple[int, int], i: int, nxt: str) -> bool:
    """Whether the speaker of the verb of saying at i is looked for after it first."""
    if r.lex.lang == "de":  # "Kirby sagte", "Der NIS teilte mit"; else "..., sagte X"
        subject_before = any(m.kind in ACTOR_KINDS and not m.is_adjective
                             for m in r.mentions.in_range(clause[0], i))
        return not subject_before and nxt not in (",", ".", "dass", ":")
    # "X said" unless '..., said X.' at the end of the sentence or before a comma
    prv = r.lower[i - 1] if i > sent.start else ","
    j = i + 1
    while j < sent.end and (r.text[j][:1].isupper() or r.lower[j] in r.determiners
                            or r.is_role(j)):
        j += 1
    return prv in (",", '"') and (j >= sent.end or r.lower[j] in (",", ".", ";", '"'))


def by_source_phrase(r: SentenceReader, att: Attribution, sent: Span) -> None:
    """'laut X', 'according to X' (the lexicon's source_before), 'X zufolge' (its source_after),
    '..., so X.' (source_closing), 'nach eigenen Angaben' (source_self: the clause's subject)."""
    words = set(r.lower[sent.start:sent.end])  # a phrase whose first word is not here is not either
    for read in (_source_before, _source_after, _source_closing, _source_self):
        read(r, att, sent, words)
        if att.speaker is not None:
            return


def _phrase_at(r: SentenceReader, sent: Span, words: set[str], key: str):
    """(position, phrase) of each of the lexicon's phrases under key in the sentence."""
    for phrase in r.lex.phrases(key):
        if phrase and phrase[0] in words:
            for i in range(sent.start, sent.end - len(phrase) + 1):
                if tuple(r.lower[i:i + len(phrase)]) == phrase:
                    yield i, phrase


def _source_closing(r: SentenceReader, att: Attribution, sent: Span, words: set[str]) -> None:
    """'Die Unterstützung fließt in beide Richtungen, so Kirby.': after a comma, the actor that ends
    the sentence (a time may follow it: 'so der Sprecher am Montag')."""
    for i, phrase in _phrase_at(r, sent, words, "source_closing"):
        start = i + len(phrase)
        if i == sent.start or r.lower[i - 1] != "," or r.has_verb(start, sent.end):
            continue
        m, group = speaker_near(r, start, sent.end, i)
        if m and not any(r.lower[k] == "," for k in range(start, m.start)):
            att.speaker = m.entity
            att.excluded = {x.start for x in group}
            return


def _source_self(r: SentenceReader, att: Attribution, sent: Span, words: set[str]) -> None:
    """'Deutschland hat nach eigenen Angaben ... geliefert', 'Nach eigenen Angaben hat Deutschland ...':
    the source is the subject of the phrase's clause, the actor before it, else the one after."""
    for i, phrase in _phrase_at(r, sent, words, "source_self"):
        before = [m for m in r.mentions.in_range(sent.start, i) if m.kind in ACTOR_KINDS and not m.is_adjective]
        after = [m for m in r.mentions.in_range(i + len(phrase), sent.end)
                 if m.kind in ACTOR_KINDS and not m.is_adjective]
        m = before[0] if before else after[0] if after else None
        if m:
            att.speaker = m.entity
            return


def _source_before(r: SentenceReader, att: Attribution, sent: Span, words: set[str]) -> None:
    for i, phrase in _phrase_at(r, sent, words, "source_before"):
        start = i + len(phrase)  # the source's noun phrase ends at the clause's verb
        stop = next((k for k in range(start, min(sent.end, start + 8))
                     if r.has_verb(k, k + 1) or r.lower[k] == "," and k > start), min(sent.end, start + 8))
        m, _ = speaker_near(r, start, stop, i)
        if m:
            att.speaker = m.entity
            att.excluded = {x.start for x in r.mentions.in_range(i, min(sent.end, m.end + 1))}
            return


def _source_after(r: SentenceReader, att: Attribution, sent: Span, words: set[str]) -> None:
    for i, _phrase in _phrase_at(r, sent, words, "source_after"):
        m, _ = speaker_near(r, max(sent.start, i - 8), i, i)
        if m:  # (the last of them speaks)
            att.speaker = m.entity
            att.excluded = {x.start for x in r.mentions.in_range(max(sent.start, i - 8), i)}
