"""Parties of figures whose sentence names no party: the article's two states, and a change that
qualifies the figure before it in its sentence."""

from __future__ import annotations

from datetime import date

from newsledger.annotate.claims import extract_claims
from newsledger.annotate.gazetteer import find_mentions
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext
from newsledger.annotate.timex import find_time_expressions

PUBLISHED = date(2025, 3, 10)


def claims_of(text: str):
    return extract_claims(text, split_sentences(text), find_mentions(text), find_time_expressions(text, PUBLISHED),
                          ArticleContext("test", PUBLISHED))


def parties(text: str, quote: str) -> tuple[str | None, str | None]:
    claim = next(c for c in claims_of(text) if c.quote == quote)
    return claim.subject, claim.counterpart


ARTICLE = (
    "Kazakh Prime Minister Olzhas Bektenov met Azerbaijani Deputy Prime Minister Shahin Mustafayev in Astana.\n\n"
    "Kazakhstan and Azerbaijan discussed transit and energy. Kazakhstan plans more oil shipments.\n\n"
    "Bilateral trade reached $702.4 million in 2024, up 8.1 percent year-on-year.\n\n"
    "Following the talks, six documents were signed."
)


def test_bilateral_trade_with_no_party_named_is_the_articles_two_states_in_order_of_first_mention():
    assert parties(ARTICLE, "$702.4 million") == ("KAZ", "AZE")


def test_its_change_follows_the_figure_it_qualifies():
    assert parties(ARTICLE, "8.1 percent") == ("KAZ", "AZE")


def test_documents_signed_with_no_party_named_are_the_articles_two_states():
    assert parties(ARTICLE, "six documents") == ("KAZ", "AZE")


def test_a_figure_that_is_not_bilateral_takes_no_pair():
    text = ARTICLE + "\n\nThe terminal will have a capacity of 300,000 tons per year."
    assert parties(text, "300,000 tons") == (None, None)


def test_an_article_naming_one_state_gives_no_pair():
    text = "Kazakhstan reported its results.\n\nBilateral trade reached $702.4 million in 2024."
    assert parties(text, "$702.4 million") == (None, None)


def test_a_list_of_states_in_the_sentence_is_not_replaced_by_the_pair():
    text = ARTICLE + "\n\nA single operator among Georgia, Kazakhstan, and Türkiye will triple volumes."
    assert parties(text, "triple") == (None, None)


def test_a_change_after_a_figure_without_party_takes_no_pair():
    # "11 percent more" is the terminal's change, not a change of the two states' trade.
    text = ARTICLE + "\n\nThe terminal handled 6.7 million tons of cargo in 2024, 11 percent more than a year earlier."
    assert parties(text, "6.7 million tons") == (None, None)
    assert parties(text, "11 percent") == (None, None)


def test_one_states_figure_in_an_article_about_two_states_is_with_the_other():
    text = ARTICLE + "\n\nKazakh investment in the Azerbaijani economy has exceeded $200 million."
    assert parties(text, "$200 million") == ("KAZ", "AZE")
    text = ARTICLE + "\n\nKazakhstan intends to invest about $60 million."
    assert parties(text, "$60 million") == ("KAZ", "AZE")


def test_a_third_states_figure_is_not_completed():
    text = ARTICLE + "\n\nUzbekistan intends to invest about $60 million."
    assert parties(text, "$60 million") == ("UZB", None)


def test_a_capacity_and_a_share_are_not_completed():
    text = ARTICLE + "\n\nKazakhstan plans a plant of 3,400 MW. Kazakhstan accounted for 9 percent of the total."
    assert parties(text, "3,400 MW") == ("KAZ", None)
    assert parties(text, "9 percent") == ("KAZ", None)


def test_a_states_own_ports_are_not_completed_with_the_other_state():
    text = ARTICLE + "\n\nKazakhstan's seaports of Aktau and Kuryk handled 1.94 million tons of cargo in 2024."
    assert parties(text, "1.94 million tons") == ("KAZ", None)


def test_a_share_of_the_countrys_trade_is_of_the_other_states_trade():
    text = ARTICLE + "\n\nKazakhstan ranked 11th among the partners, with a share of 1.1 percent in the country's total trade."
    assert parties(text, "1.1 percent") == ("KAZ", "AZE")


def test_documents_on_a_zone_are_signed_by_the_two_states():
    text = ARTICLE + "\n\nA protocol was signed along with ten other documents on the Alat Free Economic Zone."
    assert parties(text, "ten other documents") == ("KAZ", "AZE")


def test_imports_from_one_state_are_the_other_states():
    text = ARTICLE + "\n\nImports from Kazakhstan grew to $504.1 million."
    assert parties(text, "$504.1 million") == ("AZE", "KAZ")


def test_companies_with_a_states_capital_are_that_states_in_the_host():
    text = ARTICLE + "\n\nSome 240 companies with Azerbaijani capital operate in Kazakhstan."
    assert parties(text, "240 companies") == ("AZE", "KAZ")


def test_a_fleet_is_its_states_alone():
    text = ARTICLE + "\n\nKazakhstan plans to add three container vessels to its fleet by 2026."
    assert parties(text, "three container vessels") == ("KAZ", None)
