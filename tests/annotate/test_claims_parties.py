"""How the claims annotator picks a clause's parties from their roles.

``_pick_parties`` reads the roles of a clause in one pass; each case below is a rule of the module
docstring written as roles.
"""

from __future__ import annotations

import pytest

from newsledger.annotate.claims import _pick_parties, _Role


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
