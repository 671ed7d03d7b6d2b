"""Parties of figures in lists: an item labelled with a state, and counts coming from a state."""

from __future__ import annotations

from test_claim_parties_fallback import parties


KAZAKH_PORTS = ("Kazakhstan's ports handled 6.4 million tonnes of cargo. Kazakhstan expects more transit.\n\n"
                "By direction, the traffic was distributed as follows: Azerbaijan, 2.9 million tonnes; "
                "Russia, 1.1 million tonnes; Iran, 780,000 tonnes.")


def test_a_list_item_labelled_with_a_state_is_with_that_state():
    assert parties(KAZAKH_PORTS, "2.9 million tonnes") == ("KAZ", "AZE")
    assert parties(KAZAKH_PORTS, "1.1 million tonnes") == ("KAZ", "RUS")
    assert parties(KAZAKH_PORTS, "780,000 tonnes") == ("KAZ", "IRN")


def test_a_colon_labels_an_item_too():
    text = ("Azerbaijan's trade with Central Asia grew. Azerbaijan imported more grain.\n\n"
            "- Uzbekistan: $248.9 million\n- Turkmenistan: $187.3 million")
    assert parties(text, "$248.9 million") == ("AZE", "UZB")
    assert parties(text, "$187.3 million") == ("AZE", "TKM")


def test_a_state_followed_by_a_verb_is_no_label():
    text = "Azerbaijan and Kazakhstan met. Russia shipped 1.1 million tonnes of cargo."
    assert parties(text, "1.1 million tonnes")[0] == "RUS"


def test_trains_from_a_state_are_that_states():
    text = "Since January, 412 container trains from Kazakhstan have crossed Azerbaijani territory."
    assert parties(text, "412 container trains") == ("KAZ", "AZE")


def test_a_party_after_of_is_the_other_side_once_the_subject_is_named():
    text = ("Uzbekistan's trade with the member and observer states of the Organization of Turkic States "
            "reached $12.4 billion in 2025.")
    assert parties(text, "$12.4 billion") == ("UZB", "org:ots")


def test_items_written_with_with_and_at_are_labelled_too():
    text = ("Uzbekistan's trade with the OTS states grew. Uzbekistan reported the figures.\n\n"
            "Kazakhstan remained the largest partner, followed by Türkiye with $3.6 billion and Kyrgyzstan with $2.1 billion. "
            "Trade stood with Tajikistan at $4.4 million.")
    assert parties(text, "$3.6 billion") == ("UZB", "TUR")
    assert parties(text, "$2.1 billion") == ("UZB", "KGZ")
    assert parties(text, "$4.4 million") == ("UZB", "TJK")


def test_a_state_named_again_after_in_is_where_the_figure_goes():
    text = "The Kyrgyz-Azerbaijani Development Fund has financed 14 projects in Kyrgyzstan worth $17.6 million."
    assert parties(text, "14 projects") == ("AZE", "KGZ")
    assert parties(text, "$17.6 million") == ("AZE", "KGZ")


def test_a_lone_state_named_again_after_in_stays_the_subject():
    text = "Kazakhstan's investment program in Kazakhstan reached $2 billion."
    assert parties(text, "$2 billion")[0] == "KAZ"
