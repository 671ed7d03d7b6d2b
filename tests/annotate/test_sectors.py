"""Sector tags per sentence, on small texts written for these tests."""

from __future__ import annotations

import pytest

from newsledger.annotate.sectors import expand_phrase, load_sector_vocabulary, tag_sectors
from newsledger.annotate.sentences import split_sentences
from newsledger.config import REFERENCE_DIR

SECTORS = (
    "agriculture", "culture_education", "defence_security", "digital_telecom", "energy", "humanitarian",
    "industry", "investment_finance", "trade", "transport_logistics",
)


def sectors_of(sentence: str) -> tuple[str, ...]:
    [tag] = tag_sectors(sentence, split_sentences(sentence))
    return tag.sectors


@pytest.mark.parametrize("sentence, expected", [
    ("The Baku-Tbilisi-Kars railway carried more cargo.", ("transport_logistics",)),
    ("Turkish drones drew attention to defense industry cooperation.", ("defence_security",)),
    ("Türkiye received humanitarian aid after the earthquake.", ("humanitarian",)),
    ("They laid a fiber-optic line.", ("digital_telecom",)),
    ("They laid a fibre optic line.", ("digital_telecom",)),
    ("Key sectors are mining and metallurgy.", ("industry",)),
    ("Kazakh crude oil flows through the pipeline.", ("energy",)),
    ("Exports of goods rose.", ("trade",)),
    ("Investors from Azerbaijan invested in banks.", ("investment_finance",)),
    ("Students and universities signed a cultural accord.", ("culture_education",)),
    ("Farmers expect a good wheat harvest.", ("agriculture",)),
    ("The leaders met in Ankara.", ()),
])
def test_one_sector_per_kind_of_sentence(sentence, expected):
    assert sectors_of(sentence) == expected


def test_longer_phrases_steer_compounds():
    assert sectors_of("Energy security was discussed.") == ("energy",)
    assert sectors_of("Food security was discussed.") == ("agriculture",)
    assert sectors_of("Regional security was discussed.") == ("defence_security",)
    assert sectors_of("The transport and logistics industry grew.") == ("transport_logistics",)


def test_weak_words_need_company():
    assert sectors_of("The route was long.") == ()
    assert sectors_of("The route has new terminals.") == ("transport_logistics",)


def test_inflections_and_case():
    assert sectors_of("Railways are key.") == ("transport_logistics",)
    assert sectors_of("Ports handled 10,000 TEU.") == ("transport_logistics",)
    assert sectors_of("They bought LNG.") == ("energy",)
    assert sectors_of("AI is new.") == ("digital_telecom",)
    assert sectors_of("Ai is a name.") == ()


def test_a_tag_for_every_sentence_with_its_offsets():
    text = "Oil prices rose.  The leaders met.\n\nCargo on the Middle Corridor and gas exports grew."
    sentences = split_sentences(text)
    tags = tag_sectors(text, sentences)
    assert [(t.start, t.end, t.quote) for t in tags] == [(s.start, s.end, s.quote) for s in sentences]
    assert all(text[t.start:t.end] == t.quote for t in tags)
    assert [t.sectors for t in tags] == [("energy",), (), ("energy", "trade", "transport_logistics")]


def test_no_sentences_no_tags():
    assert tag_sectors("", []) == []


def test_optional_endings_expand():
    assert expand_phrase("railway(s)") == ["railway", "railways"]
    assert expand_phrase("power plant(s)") == ["power plant", "power plants"]
    assert expand_phrase("gas") == ["gas"]


def test_vocabulary_has_the_ten_sectors():
    vocabulary = load_sector_vocabulary()
    assert vocabulary.sectors == SECTORS
    assert vocabulary is load_sector_vocabulary(REFERENCE_DIR)
    assert all(phrase.weight > 0 for phrase in vocabulary.phrases)


def test_a_vocabulary_from_another_file(tmp_path):
    path = tmp_path / "sectors.csv"
    path.write_text("sector,phrase,weight\nspace,rocket(s),1\nspace,orbit,0.5\n", encoding="utf-8")
    vocabulary = load_sector_vocabulary(path)
    text = "Rockets flew. The orbit was low. Orbit and orbit."
    assert [t.sectors for t in tag_sectors(text, split_sentences(text), vocabulary)] == [("space",), (), ("space",)]


def test_a_bad_weight_is_refused(tmp_path):
    path = tmp_path / "sectors.csv"
    path.write_text("sector,phrase,weight\nspace,rocket,heavy\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a number"):
        load_sector_vocabulary(path)
