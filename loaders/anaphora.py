"""'das Land', 'the country', 'the island', 'das Ministerium': the state or body a phrase of the
lexicon's anaphora stands for."""
from __future__ import annotations

from bisect import bisect_right, insort

from loaders import gazetteer as gaz_mod
from loaders import nlp as nlp_mod
from loaders.lexicon import Lexicon
from loaders.mentions import Mention, Mentions


def _body_of(gaz: gaz_mod.Gazetteer, toks: nlp_mod.Tokens, entity: str, kind: str, end: int) -> tuple[str, int]:
    """'the country's foreign ministry', 'the kingdom's interior ministry': a body of the state an
    anaphor names, when the vocabulary knows it by that state's possessive ('Taiwan's Defence
    Ministry'); else the state itself. (entity, end of the words that name it)"""
    if kind != "State" or end + 1 >= len(toks.lower) or toks.lower[end] not in ("'s", "'"):
        return entity, end
    for n in (3, 2, 1):
        words = toks.text[end + 1:end + 1 + n]
        if len(words) == n and all(w[:1].isalpha() for w in words):
            body = gaz.find(f"{gaz[entity].name}'s {' '.join(words)}")
            if body is not None and body.kind == "Agency" and gaz.state_of(body.id) == entity:
                return body.id, end + 1 + n
    return entity, end


def resolve(lex: Lexicon, gaz: gaz_mod.Gazetteer, toks: nlp_mod.Tokens, out: Mentions, covered: list[bool]) -> None:
    """'das Land', 'the country': the state last named before the current sentence ('the island':
    the island state named last); 'das Ministerium', 'the agency', 'the company': the body of that
    category last named."""
    kinds = [(lex.phrases("anaphora_country"), "State", lambda m: m.kind == "State"),
             (lex.phrases("anaphora_island"), "State", lambda m: m.kind == "State"
              and m.entity in gaz and bool(gaz[m.entity].props.get("island")))]
    for category, phrases in (lex.cues.get("anaphora_agency") or {}).items():
        kinds.append((tuple(tuple(p) for p in phrases), "Agency", lambda m, c=category: m.kind == "Agency"
                      and m.entity in gaz and gaz[m.entity].props.get("category") == c))
    # Our own scan rather than spaCy's PhraseMatcher: each match depends on what earlier ones covered
    # and named (a body named by an anaphor is what a later "the ministry" stands for), in text order.
    by_word: dict[str, list] = {}  # a phrase's first word -> (phrase, kind, which mentions it may stand for)
    for phrases, kind, fits in kinds:
        for phrase in phrases:
            if phrase:
                by_word.setdefault(phrase[0], []).append((phrase, kind, fits))
    for options in by_word.values():  # the longest phrase first ("the island nation", not "the island")
        options.sort(key=lambda o: -len(o[0]))
    named = sorted((m for m in out.items if not m.is_adjective), key=lambda m: m.start)
    sent_starts = [s.start for s in toks.sents]  # (the sentences cover the document, in order)
    for start in [i for i, w in enumerate(toks.lower) if w in by_word]:  # (in text order)
        sent_start = sent_starts[bisect_right(sent_starts, start) - 1]
        for phrase, kind, fits in by_word[toks.lower[start]]:
            end = start + len(phrase)
            if tuple(toks.lower[start:end]) != phrase or any(covered[start:end]):
                continue
            before = [m for m in named if m.end <= sent_start and fits(m)]
            if before:
                entity, end = _body_of(gaz, toks, before[-1].entity, kind, end)
                out.items.append(Mention(start, end, entity, gaz[entity].kind, "anaphor"))
                if entity != before[-1].entity:  # a body named so stands for later "the ministry"
                    insort(named, out.items[-1], key=lambda m: m.start)
                for t in range(start, end):
                    covered[t] = True
