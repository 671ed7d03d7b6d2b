"""Phrase tries: one alternation factored by prefixes matches exactly the phrases it was built from."""

import re

from newsledger.annotate.matching import prefix_trie_pattern


def test_a_prefix_trie_matches_each_phrase_whole_and_nothing_else():
    phrases = ["agreement", "agreements", "agree", "memorandum", "road map"]
    pattern = re.compile(rf"(?:{prefix_trie_pattern(phrases)})")
    for phrase in phrases:
        assert pattern.fullmatch(phrase), phrase
    for other in ("agreem", "memo", "road  map", "roadmap", "road\nmap"):
        assert not pattern.fullmatch(other), other
    assert prefix_trie_pattern(["ab", "ac"]) == "a(?:b|c)"


def test_a_trie_can_let_its_spaces_match_any_whitespace():
    pattern = re.compile(prefix_trie_pattern(["road map", "roads"], space=r"\s+"))
    assert pattern.fullmatch("road  map") and pattern.fullmatch("road\nmap") and pattern.fullmatch("roads")
    assert not pattern.fullmatch("roadmap")
