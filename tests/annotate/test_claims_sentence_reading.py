"""How the claims annotator reads a sentence's clauses and a clause's parties.

``_clause_breaks`` matches the clause-break pattern only where a break phrase starts; it must find
exactly what the pattern's own ``finditer`` finds. ``_pick_parties`` reads the roles of a clause in
one pass; each case below is a rule of the module docstring written as roles.
"""

from __future__ import annotations

import pytest

from newsledger.annotate.claims import _clause_breaks, _pick_parties, _Role, _vocabulary

SENTENCES = [
    "Trade grew to $5 million, while exports fell by 3 percent.",
    "Trade grew to $5 million, and the first projects began in 2024.",
    "Trade with Kazakhstan, Uzbekistan, and Turkmenistan grew to $5 million.",
    "Trade with Kazakhstan, and Turkmenistan grew.",
    "Exports rose 12%; imports fell 4%.",
    "Exports rose 12% While imports fell 4%.",
    "Exports rose 12% WHEREAS imports fell 4%, WHICH surprised analysts.",
    "Exports rose, but imports fell, when the route closed, with delays of 3 days.",
    "Exports rose,but imports fell,and cargo grew",
    "The meanwhile figure, whilst small, grew;",
    "No break here at all",
    "Trade with Türkiye grew 5%, while trade with Georgia\u2019s ports fell.",
    ", and ; , while",
]


@pytest.mark.parametrize("quote", SENTENCES)
def test_clause_breaks_are_where_the_break_pattern_matches(quote):
    vocab = _vocabulary()
    expected = [m.start() for m in vocab.cue_phrase["clause_break"].finditer(quote)]
    assert _clause_breaks(quote, vocab) == expected


def test_clause_breaks_split_a_sentence_at_its_clauses():
    quote = "Exports rose 12%; imports fell 4%, while transit grew."
    breaks = _clause_breaks(quote, _vocabulary())
    assert [quote[b] for b in breaks] == [";", ","]
    assert quote[breaks[1]:].startswith(", while")


def test_a_comma_closing_a_list_of_names_is_no_clause_break():
    quote = "Trade with Kazakhstan, Uzbekistan, and Turkmenistan grew to $5 million."
    assert _clause_breaks(quote, _vocabulary()) == []


def role(entity: str, role_name: str, entity_type: str = "country", prep: str = "") -> _Role:
    return _Role(entity, role_name, 0, entity_type, prep)


@pytest.mark.parametrize("roles, parties", [
    ([], (None, None)),
    # "between Kazakhstan and Azerbaijan": the pair in order.
    ([role("KAZ", "subject", prep="between"), role("AZE", "pair", prep="and")], ("KAZ", "AZE")),
    # "Kazakhstan and Azerbaijan ...": the first of the pair is the subject, the second the counterpart.
    ([role("KAZ", "pair"), role("AZE", "pair")], ("KAZ", "AZE")),
    # A partner wins over the second of a pair.
    ([role("KAZ", "pair"), role("AZE", "pair"), role("CHN", "partner", prep="to")], ("KAZ", "CHN")),
    # A subject and a pair: the pair's first is the counterpart.
    ([role("AZE", "subject"), role("KAZ", "pair"), role("UZB", "pair")], ("AZE", "KAZ")),
    # A partner alone: no subject.
    ([role("KAZ", "partner", prep="with")], (None, "KAZ")),
    # "trade among OTS member states": the organisation's own figure.
    ([role("org:ots", "group", "organisation", "among"), role("KAZ", "subject")], ("org:ots", None)),
    # A state after "among" is no group figure; two groups name no single party.
    ([role("KAZ", "group", prep="among"), role("AZE", "subject")], ("AZE", None)),
    ([role("org:ots", "group", "organisation", "among"), role("org:cis", "group", "organisation", "among")],
     (None, None)),
    # A corridor: the plain state subject sends the cargo along it; else the corridor's own figure.
    ([role("UZB", "subject"), role("infra:middle_corridor", "route", "infrastructure", "via")],
     ("UZB", "infra:middle_corridor")),
    ([role("CHN", "subject", prep="between"), role("infra:middle_corridor", "route", "infrastructure", "via")],
     ("infra:middle_corridor", None)),
])
def test_parties_picked_from_a_clause_roles(roles, parties):
    assert _pick_parties(roles) == parties
