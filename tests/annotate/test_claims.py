"""The quantitative-claims annotator on small texts written for the test.

Mentions and time expressions are built by hand here so that these tests depend only on the
claims annotator, not on the gazetteer or timex annotators.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsledger.annotate.claims import extract_claims
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext, Mention, TimeExpression

ENTITIES = {
    "Azerbaijan": ("AZE", "country"),
    "Azerbaijani": ("AZE", "country"),
    "Kazakhstan": ("KAZ", "country"),
    "Kazakh": ("KAZ", "country"),
    "Uzbekistan": ("UZB", "country"),
    "Tajikistan": ("TJK", "country"),
    "Turkmenistan": ("TKM", "country"),
    "Kyrgyzstan": ("KGZ", "country"),
    "China": ("CHN", "country"),
    "Georgia": ("GEO", "country"),
    "Türkiye": ("TUR", "country"),
    "OTS": ("org:ots", "organisation"),
    "Organization of Turkic States": ("org:ots", "organisation"),
    "CIS": ("org:cis", "organisation"),
    "Middle Corridor": ("infra:middle_corridor", "infrastructure"),
    "Trans-Caspian International Transport Route": ("infra:middle_corridor", "infrastructure"),
    "Baku": ("place:baku", "place"),
    "Central Asia": ("region:central_asia", "region"),
}


def mentions_in(text: str) -> list[Mention]:
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in sorted(ENTITIES, key=len, reverse=True)) + r")\b")
    return [Mention(m.start(), m.end(), m.group(0), *ENTITIES[m.group(0)], m.group(0)) for m in pattern.finditer(text)]


def timex(text: str, quote: str, start: date | None, end: date | None, precision: str = "year",
          relative: bool = False, occurrence: int = 0) -> TimeExpression:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(quote, at + 1)
    return TimeExpression(at, at + len(quote), quote, start, end, precision, relative)


def year(text: str, y: int, occurrence: int = 0) -> TimeExpression:
    return timex(text, str(y), date(y, 1, 1), date(y, 12, 31), "year", occurrence=occurrence)


def claims_of(text: str, times=(), published: date | None = date(2024, 9, 4), mentions=None):
    found = extract_claims(text, split_sentences(text), mentions_in(text) if mentions is None else mentions,
                           list(times), ArticleContext("test", published))
    for claim in found:
        assert text[claim.start:claim.end] == claim.quote
    return found


def only(text: str, **kwargs):
    found = claims_of(text, **kwargs)
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def values(text: str, **kwargs):
    return [(c.quote, c.value, c.value_high, c.unit) for c in claims_of(text, **kwargs)]


# ----------------------------------------------------------------------------- units and scales
@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("Trade reached $9 billion.", "$9 billion", 9e9, "USD"),
        ("Trade reached US$9 billion.", "US$9 billion", 9e9, "USD"),
        ("Trade reached USD 9 billion.", "USD 9 billion", 9e9, "USD"),
        ("Trade reached 9 billion dollars.", "9 billion dollars", 9e9, "USD"),
        ("Trade reached 9 billion US dollars.", "9 billion US dollars", 9e9, "USD"),
        ("Trade reached $5bn.", "$5bn", 5e9, "USD"),
        ("Trade reached $5m.", "$5m", 5e6, "USD"),
        ("The GDP exceeds $1.5 trillion.", "$1.5 trillion", 1.5e12, "USD"),
        ("The fund holds €200 million.", "€200 million", 2e8, "EUR"),
        ("The fund holds 200 million euros.", "200 million euros", 2e8, "EUR"),
        ("The budget is 30 million manat.", "30 million manat", 3e7, "AZN"),
        ("The budget is AZN 30 million.", "AZN 30 million", 3e7, "AZN"),
        ("The budget is 12 billion tenge.", "12 billion tenge", 1.2e10, "KZT"),
        ("The budget is 500 billion soums.", "500 billion soums", 5e11, "UZS"),
        ("The loan is 2 billion rubles.", "2 billion rubles", 2e9, "RUB"),
        ("The loan is 3 billion yuan.", "3 billion yuan", 3e9, "CNY"),
        ("The loan is 4 billion Turkish lira.", "4 billion Turkish lira", 4e9, "TRY"),
        ("The loan is £40 million.", "£40 million", 4e7, "GBP"),
        ("The port handled 2.8 million tons of cargo.", "2.8 million tons", 2.8e6, "t"),
        ("The port handled 2.8 million tonnes of cargo.", "2.8 million tonnes", 2.8e6, "t"),
        ("The port handled 500,000 tons of grain.", "500,000 tons", 5e5, "t"),
        ("The port handled 500 thousand tons of grain.", "500 thousand tons", 5e5, "t"),
        ("The port handled 120,000 TEU last year.", "120,000 TEU", 1.2e5, "TEU"),
        ("The railway is 826 km long.", "826 km", 826, "km"),
        ("The railway is 826 kilometers long.", "826 kilometers", 826, "km"),
        ("The zone covers 100 square kilometres.", "100 square kilometres", 100, "km2"),
        ("Delivery takes 15 days.", "15 days", 15, "day"),
        ("Exports grew 12%.", "12%", 12, "percent"),
        ("Exports grew 12 percent.", "12 percent", 12, "percent"),
        ("Exports grew 12 per cent.", "12 per cent", 12, "percent"),
        ("Exports grew 2.5 times.", "2.5 times", 2.5, "times"),
        ("Turkmenistan supplies 10 bcm of gas a year.", "10 bcm", 1e10, "m3"),
        ("Turkmenistan supplies 10 billion cubic meters of gas.", "10 billion cubic meters", 1e10, "m3"),
        ("The plant will have a capacity of 1 GW.", "1 GW", 1000, "MW"),
    ],
)
def test_units_and_scales(text, quote, value, unit):
    claim = only(text)
    assert (claim.quote, claim.value, claim.unit) == (quote, pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("Some two million tons of grain were shipped.", "two million tons", 2e6),
        ("The leaders of eight countries attended.", "eight countries", 8),
        ("The sides signed six documents.", "six documents", 6),
        ("The sides signed a dozen agreements.", "a dozen agreements", 12),
        ("The sides signed twenty-five agreements.", "twenty-five agreements", 25),
        ("Exports reached a billion dollars.", "a billion dollars", 1e9),
    ],
)
def test_numbers_in_words(text, quote, value):
    claim = only(text)
    assert (claim.quote, claim.value) == (quote, value)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Volumes will grow to 6-6.5 million tons.", 6e6, 6.5e6, "t"),
        ("Investment of $2-3 billion is planned.", 2e9, 3e9, "USD"),
        ("Growth of 5-7% is expected.", 5, 7, "percent"),
        ("Growth of between 5 and 7 percent is expected.", 5, 7, "percent"),
        ("Volumes of 10 to 12 million tons are planned.", 10e6, 12e6, "t"),
    ],
)
def test_ranges(text, low, high, unit):
    claim = only(text)
    assert (claim.value, claim.value_high, claim.unit) == (low, high, unit)


def test_from_to_is_two_figures_not_a_range():
    found = values("Turnover rose from $5 million to $8 million.")
    assert found == [("$5 million", 5e6, None, "USD"), ("$8 million", 8e6, None, "USD")]


# ----------------------------------------------------------------------------- multipliers
@pytest.mark.parametrize(
    ("text", "quote", "value", "qualifier"),
    [
        ("The trade turnover has increased fivefold.", "fivefold", 5, "exact"),
        ("The parties plan to triple trade volumes.", "triple", 3, "exact"),
        ("Trade volumes tripled last year.", "tripled", 3, "exact"),
        ("The route will double its capacity.", "double", 2, "exact"),
        ("Turnover doubled in a year.", "doubled", 2, "exact"),
        ("The corridor will halve travel times.", "halve", 0.5, "exact"),
        ("Turnover more than doubled.", "doubled", 2, "over"),
        ("Exports grew 2.5 times.", "2.5 times", 2.5, "exact"),
        ("Exports grew threefold.", "threefold", 3, "exact"),
    ],
)
def test_multipliers(text, quote, value, qualifier):
    claim = only(text)
    assert (claim.quote, claim.value, claim.unit, claim.qualifier) == (quote, value, "times", qualifier)


def test_halve_travel_times_is_a_multiplier_not_days_or_times():
    claim = only("The new operator will halve travel times.")
    assert (claim.value, claim.unit, claim.metric) == (0.5, "times", "transit_time")


@pytest.mark.parametrize("text", [
    "The agreement on the avoidance of double taxation was signed.",
    "They reported double-digit growth.",
    "It was a triple alliance.",
])
def test_adjective_double_is_not_a_claim(text):
    assert claims_of(text) == []


# ----------------------------------------------------------------------------- not claims
@pytest.mark.parametrize("text", [
    "In 2023, the sides met in Baku.",
    "The program covers 2022-2026.",
    "The summit took place on July 6.",
    "The summit took place on 6 July 2024.",
    "The memorandum was signed on January 21, 2021 in Ashgabat.",
    "After the 6th session of the commission, the parties agreed.",
    "This is the first meeting of the 21st century.",
    "They marked the 30th anniversary of relations.",
    "The minister, aged 45, arrived.",
    "A 45-year-old engineer spoke.",
    "Under Section 5 of the law, the parties agreed.",
    "Call +994 12 345 67 89 for details.",
    "The UN adopted Resolution 1325 states' commitments.",
    "The G20 and COP29 were discussed at Euro 2024.",
    "The first 7 months were difficult.",
    "The two countries signed a memorandum.",
    "It is one of the priorities.",
    "Relations span 30 years of cooperation.",
    "A three-day visit took place.",
])
def test_not_claims(text):
    assert claims_of(text) == [], [c.quote for c in claims_of(text)]


# ----------------------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("text", "quote", "metric"),
    [
        ("There are 182 commercial entities with Kazakh capital.", "182 commercial entities", "companies_count"),
        ("The commission has held 21 meetings.", "21 meetings", "meetings_count"),
        ("Around 250 container block trains passed.", "250 container block trains", "trains_count"),
        ("The sides signed 10 bilateral documents and agreements.", "10 bilateral documents", "agreements_signed"),
        ("The sides have 62 agreements.", "62 agreements", "agreements_signed"),
        ("More than 20 other important documents were signed.", "20 other important documents", "agreements_signed"),
        ("Some 30 Turkish companies operate there.", "30 Turkish companies", "companies_count"),
        ("The leaders of eight countries attended.", "eight countries", "countries_count"),
    ],
)
def test_counts(text, quote, metric):
    claim = only(text)
    assert (claim.quote, claim.unit, claim.metric) == (quote, "count", metric)


# ----------------------------------------------------------------------------- metrics and growth
@pytest.mark.parametrize(
    ("text", "quote", "value", "metric"),
    [
        ("Cargo transportation increased by 65%.", "65%", 65, "growth"),
        ("The route saw an 86% increase in transportation volume.", "86%", 86, "growth"),
        ("Exports grew 12% last year.", "12%", 12, "growth"),
        ("Imports decreased by 30%.", "30%", -30, "growth"),
        ("Trade was down 4% on the year.", "4%", -4, "growth"),
        ("A 30% decrease in imports was recorded.", "30%", -30, "growth"),
        ("Azerbaijan's share in Kazakhstan's trade turnover was 0.4%.", "0.4%", 0.4, "share"),
        ("Kazakhstan accounts for 3% of the total.", "3%", 3, "share"),
        ("It is 0.06 percent of the total trade turnover.", "0.06 percent", 0.06, "share"),
    ],
)
def test_percent_metrics_and_sign(text, quote, value, metric):
    claim = only(text)
    assert (claim.quote, claim.value, claim.metric) == (quote, value, metric)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("The trade turnover reached $280.6 million.", "trade_turnover"),
        ("The bilateral trade volume amounted to $5.8 million.", "trade_turnover"),
        ("Mutual trade totaled $1 billion.", "trade_turnover"),
        ("Azerbaijan exported $24.5 million worth of goods.", "exports"),
        ("Imports amounted to $256.1 million.", "imports"),
        ("Kazakhstan invested $102.2 million in the economy.", "investment"),
        ("The combined gross domestic product exceeds $1.5 trillion.", "gdp"),
        ("Some 2.8 million tons of cargo were transported.", "cargo_volume"),
        ("The port handled 120,000 TEU.", "container_volume"),
        ("The sides agreed to transport 1.5 million tons of oil.", "cargo_volume"),
        ("The pipeline is 1,768 km long.", "length"),
    ],
)
def test_metric_from_nearest_cue(text, metric):
    assert only(text).metric == metric


def test_each_figure_takes_its_own_clause_metric():
    text = "Exports amounted to $24.5 million, while imports amounted to $256.1 million."
    assert [c.metric for c in claims_of(text)] == ["exports", "imports"]


# ----------------------------------------------------------------------------- qualifiers
@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Trade reached $5 million.", "exact"),
        ("Trade reached more than $5 million.", "over"),
        ("Trade reached over $5 million.", "over"),
        ("Trade exceeds $5 million.", "over"),
        ("Trade reached at least $5 million.", "over"),
        ("Trade reached approximately $5 million.", "about"),
        ("Trade reached about $5 million.", "about"),
        ("Trade reached around $5 million.", "about"),
        ("Trade reached nearly $5 million.", "about"),
        ("Trade reached almost $5 million.", "about"),
        ("Trade is approaching $5 million.", "about"),
        ("Trade reached roughly $5 million.", "about"),
        ("Trade may reach up to $5 million.", "up_to"),
        ("Trade reached less than $5 million.", "under"),
        ("Trade stayed below $5 million.", "under"),
        ("Trade reached $5 million or more.", "over"),
    ],
)
def test_qualifiers(text, qualifier):
    assert only(text).qualifier == qualifier


# ----------------------------------------------------------------------------- forecasts
@pytest.mark.parametrize(
    ("text", "is_forecast"),
    [
        ("Trade reached $5 billion.", False),
        ("Trade will reach $5 billion.", True),
        ("Trade is expected to reach $5 billion.", True),
        ("The sides plan to raise trade to $5 billion.", True),
        ("The sides aim to raise trade to $5 billion.", True),
        ("The target is $5 billion of trade.", True),
        ("Trade could reach $5 billion.", True),
        ("The forecast is $5 billion of trade.", True),
        ("Trade is projected at $5 billion.", True),
        ("Around 250 container block trains planned to transit.", True),
        ("The corridor has the potential to carry 10 million tons.", True),
    ],
)
def test_forecast_cues(text, is_forecast):
    assert only(text).is_forecast is is_forecast


def test_by_a_future_year_is_a_forecast():
    text = "The parties seek trade of $5 billion by 2030."
    claim = only(text, times=[year(text, 2030)], published=date(2024, 3, 7))
    assert claim.is_forecast
    assert (claim.period_start, claim.period_end) == (date(2030, 1, 1), date(2030, 12, 31))


def test_forecast_continues_to_the_next_figure_of_the_clause():
    text = "The operator pledges to not only triple trade volumes by 2030 but also halve travel times."
    assert [c.is_forecast for c in claims_of(text, times=[year(text, 2030)])] == [True, True]


def test_actual_then_forecast_in_one_sentence():
    text = "Trade reached $5 billion in 2023 and is expected to reach $10 billion in 2030."
    found = claims_of(text, times=[year(text, 2023), year(text, 2030)], published=date(2024, 3, 7))
    assert [(c.value, c.is_forecast, c.period_start) for c in found] == [
        (5e9, False, date(2023, 1, 1)), (1e10, True, date(2030, 1, 1))]


# ----------------------------------------------------------------------------- attribution
@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ("According to the National Bureau of Statistics, trade reached $280.6 million.",
         "According to the National Bureau of Statistics"),
        ("Trade reached $9 billion in 2023, as announced by Sahib Alakbarov, Azerbaijani Deputy Minister of Economy, "
         "during a conference in Baku.",
         "as announced by Sahib Alakbarov, Azerbaijani Deputy Minister of Economy"),
        ("Trade reached $5 million, the State Customs Committee said.", "the State Customs Committee said"),
        ("Trade reached $5 million, Uzbekistan's statistics agency reported.", "Uzbekistan's statistics agency reported"),
        ("Trend reports that trade reached $5 million.", "Trend reports"),
        ("Data from the State Customs Committee show that trade reached $5 million.",
         "Data from the State Customs Committee"),
        ("Trade reached $5 million.", None),
    ],
)
def test_attribution(text, attribution):
    assert only(text).attribution == attribution


def test_attribution_carried_only_when_the_text_says_the_same_data():
    text = ("According to the State Customs Committee, exports reached $5 million. Imports reached $7 million. "
            "According to the same data, re-exports reached $1 million.")
    assert [c.attribution for c in claims_of(text)] == [
        "According to the State Customs Committee", None, "According to the State Customs Committee"]


# ----------------------------------------------------------------------------- subject and counterpart
@pytest.mark.parametrize(
    ("text", "subject", "counterpart"),
    [
        ("The trade turnover between Kazakhstan and Azerbaijan reached $280.6 million.", "KAZ", "AZE"),
        ("Azerbaijan exported $24.5 million worth of goods to Kazakhstan.", "AZE", "KAZ"),
        ("Kazakhstan invested $102.2 million in Azerbaijan.", "KAZ", "AZE"),
        ("Azerbaijan and the OTS have marked a milestone, with trade turnover reaching $9 billion.", "AZE", "org:ots"),
        ("Cargo on the Middle Corridor reached 2.8 million tons.", "infra:middle_corridor", None),
        ("Azerbaijan's share in Kazakhstan's total trade turnover was 0.4%.", "AZE", "KAZ"),
        ("Trade turnover of Uzbekistan with Azerbaijan reached $185.3 million.", "UZB", "AZE"),
        ("Exports from Kazakhstan to Azerbaijan reached $50 million.", "KAZ", "AZE"),
        ("Trade reached $5 million.", None, None),
    ],
)
def test_subject_and_counterpart(text, subject, counterpart):
    claim = only(text)
    assert (claim.subject, claim.counterpart) == (subject, counterpart)


def test_imports_take_the_subject_of_the_other_clause():
    text = "Azerbaijan exported $24.5 million worth of goods to Kazakhstan, while imports from Kazakhstan amounted to $256.1 million."
    assert [(c.metric, c.subject, c.counterpart) for c in claims_of(text)] == [
        ("exports", "AZE", "KAZ"), ("imports", "AZE", "KAZ")]


def test_two_investors_in_one_sentence():
    text = "Kazakhstan invested $102.2 million in Azerbaijan, while Azerbaijan invested $205.2 million in Kazakhstan."
    assert [(c.subject, c.counterpart) for c in claims_of(text)] == [("KAZ", "AZE"), ("AZE", "KAZ")]


def test_entities_inside_the_attribution_are_not_parties():
    text = "Trade reached $5 million, according to Kazakhstan's statistics agency."
    claim = only(text)
    assert claim.subject is None


def test_route_anaphor_points_to_the_last_corridor():
    text = ("The Middle Corridor links China and Europe. In 2023, approximately 2.8 million tons of cargo "
            "were transported via this route.")
    claim = only(text, times=[year(text, 2023)])
    assert (claim.subject, claim.counterpart, claim.qualifier) == ("infra:middle_corridor", None, "about")


def test_two_countries_anaphor_takes_the_previous_pair():
    text = ("Trade between Kazakhstan and Azerbaijan reached $280.6 million in 2024. "
            "Last year, the trade turnover between the two countries totaled $598.47 million.")
    times = [year(text, 2024), timex(text, "Last year", date(2023, 1, 1), date(2023, 12, 31), relative=True)]
    second = claims_of(text, times=times)[1]
    assert (second.subject, second.counterpart, second.period_start) == ("KAZ", "AZE", date(2023, 1, 1))


# ----------------------------------------------------------------------------- periods
def test_period_from_the_nearest_time_expression():
    text = "Trade turnover reached $280.6 million in January-June 2024."
    times = [timex(text, "January-June 2024", date(2024, 1, 1), date(2024, 6, 30), "half")]
    claim = only(text, times=times)
    assert (claim.period_start, claim.period_end) == (date(2024, 1, 1), date(2024, 6, 30))


def test_growth_from_a_base_year_takes_the_sentence_period():
    text = "In 2023, approximately 2.8 million tons of cargo were transported, an 86% increase from 2022."
    found = claims_of(text, times=[year(text, 2023), year(text, 2022)])
    assert [(c.quote, c.period_start) for c in found] == [("2.8 million tons", date(2023, 1, 1)), ("86%", date(2023, 1, 1))]


def test_compared_to_base_is_not_the_period():
    text = "Exports grew 12% in 2023 compared to 2022."
    claim = only(text, times=[year(text, 2023), year(text, 2022)])
    assert claim.period_start == date(2023, 1, 1)


def test_during_this_period_takes_the_previous_period():
    text = ("Trade turnover reached $280.6 million in January-June 2024. During this period, "
            "Azerbaijan exported $24.5 million worth of goods to Kazakhstan.")
    times = [timex(text, "January-June 2024", date(2024, 1, 1), date(2024, 6, 30), "half")]
    second = claims_of(text, times=times)[1]
    assert (second.period_start, second.period_end) == (date(2024, 1, 1), date(2024, 6, 30))


def test_period_and_parties_carry_within_a_paragraph():
    text = ("Trade between Uzbekistan and Azerbaijan reached $185.3 million in 2023. Exports reached $60 million.\n\n"
            "Imports reached $20 million.")
    found = claims_of(text, times=[year(text, 2023)])
    assert [(c.subject, c.counterpart, c.period_start) for c in found[:2]] == [
        ("UZB", "AZE", date(2023, 1, 1)), ("UZB", "AZE", date(2023, 1, 1))]
    # A new paragraph does not inherit the parties.
    assert (found[2].subject, found[2].counterpart) == (None, None)


def test_counts_do_not_inherit_a_period():
    text = "Trade reached $5 million in 2023. The commission has held 21 meetings."
    found = claims_of(text, times=[year(text, 2023)])
    assert found[1].period_start is None


def test_first_months_of_year():
    text = "Over the first 7 months of 2023, trade turnover reached over $2.3 million."
    times = [timex(text, "the first 7 months of 2023", date(2023, 1, 1), date(2023, 7, 31), "span")]
    claim = only(text, times=times)
    assert (claim.value, claim.qualifier, claim.period_end) == (2.3e6, "over", date(2023, 7, 31))


# ----------------------------------------------------------------------------- unseen-style paragraphs
def test_paragraph_trend_style():
    text = ("In January-October 2024, trade turnover between Uzbekistan and Azerbaijan amounted to $185.3 million, "
            "up 21.4 percent year-on-year, Uzbekistan's statistics agency reported.")
    times = [timex(text, "January-October 2024", date(2024, 1, 1), date(2024, 10, 31), "span")]
    found = claims_of(text, times=times, published=date(2024, 11, 20))
    source = "Uzbekistan's statistics agency reported"
    jan_oct = (date(2024, 1, 1), date(2024, 10, 31))
    assert [(c.quote, c.value, c.unit, c.metric, c.subject, c.counterpart, (c.period_start, c.period_end),
             c.is_forecast, c.qualifier, c.attribution) for c in found] == [
        ("$185.3 million", 185.3e6, "USD", "trade_turnover", "UZB", "AZE", jan_oct, False, "exact", source),
        ("21.4 percent", 21.4, "percent", "growth", "UZB", "AZE", jan_oct, False, "exact", source),
    ]


def test_paragraph_kazinform_style():
    text = ("Kazakhstan's exports to Azerbaijan totaled $312.4 million in 2023, while imports from Azerbaijan "
            "fell 8% to $64.1 million, the Bureau of National Statistics said. Kazakhstan and Azerbaijan plan to "
            "bring trade turnover to $1 billion by 2026.")
    times = [year(text, 2023), year(text, 2026)]
    found = claims_of(text, times=times, published=date(2024, 2, 15))
    y2023 = (date(2023, 1, 1), date(2023, 12, 31))
    source = "the Bureau of National Statistics said"
    assert [(c.quote, c.value, c.unit, c.metric, c.subject, c.counterpart, (c.period_start, c.period_end),
             c.is_forecast, c.attribution) for c in found] == [
        ("$312.4 million", 312.4e6, "USD", "exports", "KAZ", "AZE", y2023, False, source),
        ("8%", -8, "percent", "growth", "KAZ", "AZE", y2023, False, source),
        ("$64.1 million", 64.1e6, "USD", "imports", "KAZ", "AZE", y2023, False, source),
        ("$1 billion", 1e9, "USD", "trade_turnover", "KAZ", "AZE", (date(2026, 1, 1), date(2026, 12, 31)), True, None),
    ]


def test_paragraph_astana_times_style():
    text = ("Cargo transportation along the Middle Corridor reached 4.5 million tons in 2024, a 62% increase "
            "compared to 2023. Nearly 400 container trains ran on the route. The partners expect volumes to reach "
            "10 million tons by 2027.")
    times = [year(text, 2024), year(text, 2023), year(text, 2027)]
    found = claims_of(text, times=times, published=date(2025, 2, 1))
    corridor = "infra:middle_corridor"
    y2024 = date(2024, 1, 1)
    assert [(c.quote, c.value, c.unit, c.metric, c.subject, c.period_start, c.is_forecast, c.qualifier)
            for c in found] == [
        ("4.5 million tons", 4.5e6, "t", "cargo_volume", corridor, y2024, False, "exact"),
        ("62%", 62, "percent", "growth", corridor, y2024, False, "exact"),
        ("400 container trains", 400, "count", "trains_count", corridor, None, False, "about"),
        ("10 million tons", 10e6, "t", "cargo_volume", corridor, date(2027, 1, 1), True, "exact"),
    ]


def test_paragraph_report_az_style():
    text = ("Azerbaijan and Turkmenistan signed six documents during the visit. In 2023, the trade turnover between "
            "the two countries grew fivefold to $820 million, according to the State Customs Committee.")
    found = claims_of(text, times=[year(text, 2023)], published=date(2024, 5, 10))
    y2023 = date(2023, 1, 1)
    source = "according to the State Customs Committee"
    assert [(c.quote, c.value, c.unit, c.metric, c.subject, c.counterpart, c.period_start, c.attribution)
            for c in found] == [
        ("six documents", 6, "count", "agreements_signed", "AZE", "TKM", None, None),
        ("fivefold", 5, "times", "growth", "AZE", "TKM", y2023, source),
        ("$820 million", 820e6, "USD", "trade_turnover", "AZE", "TKM", y2023, source),
    ]


# ----------------------------------------------------------------------------- rules of the gold conventions
def months_of(text: str, quote: str, y: int, first: int, last: int) -> TimeExpression:
    return timex(text, quote, date(y, first, 1), date(y, last, 28), "span")


def test_a_person_stands_for_their_state():
    text = "Ilham Aliyev's visit to Kazakhstan resulted in the signing of 9 documents."
    aliyev = Mention(0, 12, "Ilham Aliyev", "person:ilham_aliyev", "person", "Ilham Aliyev")
    claim = only(text, mentions=[aliyev] + mentions_in(text))
    assert (claim.subject, claim.counterpart) == ("AZE", "KAZ")


def test_a_later_clause_does_not_date_a_stock():
    text = "The fund has an initial capital of $400 million, and its first projects are expected to start next year."
    next_year = timex(text, "next year", date(2025, 1, 1), date(2025, 12, 31), relative=True)
    claim = only(text, times=[next_year])
    assert (claim.metric, claim.period_start) == ("investment", None)


def test_capacity_and_length_have_no_period_unless_as_of():
    text = ("The terminal, with a capacity of 300,000 TEU a year, will be completed in 2027. "
            "As of 2024, the line had a capacity of 90,000 TEU.")
    found = claims_of(text, times=[year(text, 2027), year(text, 2024)])
    assert [(c.quote, c.metric, c.period_start) for c in found] == [
        ("300,000 TEU", "capacity", None), ("90,000 TEU", "capacity", date(2024, 1, 1))]


def test_stocks_take_no_period_from_the_sentence_before():
    text = ("Trade between Kazakhstan and Georgia reached $900 million in 2023. "
            "Kazakh investment in Georgia has exceeded $700 million.")
    found = claims_of(text, times=[year(text, 2023)])
    assert [(c.metric, c.period_start) for c in found] == [("trade_turnover", date(2023, 1, 1)), ("investment", None)]


def test_the_base_of_a_comparison_passes_no_period_on():
    text = ("Trade between Georgia and Kazakhstan reached $810 million in 2024, up 6 percent from $764 million in 2023. "
            "Georgian exports made up $530 million of it.")
    found = claims_of(text, times=[year(text, 2024), year(text, 2023)], published=date(2025, 3, 1))
    assert [(c.quote, c.period_start) for c in found] == [
        ("$810 million", date(2024, 1, 1)), ("6 percent", date(2024, 1, 1)),
        ("$764 million", date(2023, 1, 1)), ("$530 million", date(2024, 1, 1))]


def test_for_comparison_sentence_passes_no_period_on():
    text = ("Trade with China reached $2 billion in 2024. For comparison, in 2020 it stood at $1 billion. "
            "Chinese goods make up 40 percent of it.")
    found = claims_of(text, times=[year(text, 2024), year(text, 2020)], published=date(2025, 3, 1))
    assert [(c.quote, c.period_start) for c in found] == [
        ("$2 billion", date(2024, 1, 1)), ("$1 billion", date(2020, 1, 1)), ("40 percent", date(2024, 1, 1))]


def test_a_target_year_is_not_carried_to_the_next_figure():
    text = ("The sides aim to raise trade to $3 billion by 2030. "
            "Georgian firms plan to build 40 plants worth $600 million.")
    by_2030 = timex(text, "by 2030", date(2030, 1, 1), date(2030, 12, 31))
    found = claims_of(text, times=[by_2030])
    assert [(c.quote, c.period_start, c.is_forecast) for c in found] == [
        ("$3 billion", date(2030, 1, 1), True), ("40 plants", None, True), ("$600 million", None, True)]


def test_the_n_months_continue_the_period_of_the_text():
    text = ("Trade with Georgia reached $90 million in January-September. "
            "Cargo carried between the two countries over the nine months grew 1.8 times.")
    period = months_of(text, "January-September", 2024, 1, 9)
    found = claims_of(text, times=[period])
    assert [(c.quote, c.metric, c.period_start) for c in found] == [
        ("$90 million", "trade_turnover", date(2024, 1, 1)), ("1.8 times", "growth", date(2024, 1, 1))]


def test_same_period_of_last_year_mirrors_the_period_before():
    text = ("Trade with Georgia reached $90 million in January-September 2024. "
            "This is 10 percent more than in the same period of last year, when it stood at $82 million.")
    period = months_of(text, "January-September 2024", 2024, 1, 9)
    same = timex(text, "the same period of last year", None, None, "span", relative=True)
    found = claims_of(text, times=[period, same], published=date(2024, 10, 20))
    assert [(c.quote, c.period_start, c.period_end) for c in found] == [
        ("$90 million", date(2024, 1, 1), date(2024, 9, 28)),
        ("10 percent", date(2024, 1, 1), date(2024, 9, 28)),
        ("$82 million", date(2023, 1, 1), date(2023, 9, 28))]


def test_a_time_expression_belongs_to_the_number_it_follows():
    text = "The journey time fell from 30 days in 2021 to 14 days last year."
    last_year = timex(text, "last year", date(2023, 1, 1), date(2023, 12, 31), relative=True)
    found = claims_of(text, times=[year(text, 2021), last_year])
    assert [(c.quote, c.period_start) for c in found] == [("30 days", date(2021, 1, 1)), ("14 days", date(2023, 1, 1))]


def test_counts_on_an_occasion_take_its_day():
    text = ("A business forum was held in Tbilisi on March 4. More than 80 companies took part in the forum. "
            "The sides signed contracts worth $90 million during the event. The country has 300 exporters.")
    march_4 = timex(text, "March 4", date(2024, 3, 4), date(2024, 3, 4), "day")
    found = claims_of(text, times=[march_4])
    assert [(c.quote, c.metric, c.period_start) for c in found] == [
        ("80 companies", "companies_count", date(2024, 3, 4)),
        ("$90 million", "agreements_value", date(2024, 3, 4)),
        ("300 exporters", "count", None)]


def test_a_heading_does_not_break_the_period_of_a_list():
    text = ("In the first half of 2024, trade with Central Asia reached $900 million.\n\n"
            "## By country\n\n- Kazakhstan: $500 million\n- Uzbekistan: $250 million")
    half = timex(text, "the first half of 2024", date(2024, 1, 1), date(2024, 6, 30), "half")
    found = claims_of(text, times=[half])
    assert [c.period_end for c in found] == [date(2024, 6, 30)] * 3


def test_percentages_without_a_cue_are_growth_and_multipliers_of_volumes_too():
    assert only("This is 18.7% more than a year earlier.").metric == "growth"
    assert only("The sides will triple trade volumes.").metric == "growth"
    assert only("The new route will halve delivery times.").metric == "transit_time"


def test_a_compound_counted_noun_names_the_metric():
    assert only("The agency organised nine trade missions to Georgian cities.").metric == "trade_missions_count"


def test_a_capacity_is_not_money():
    claim = only("Officials expect trade with Georgia to exceed $2 billion, helped by new port capacity.")
    assert claim.metric == "trade_turnover"


def test_the_attribution_names_no_metric():
    claim = only("The firms signed agreements worth $40 million, the Ministry of Investment reported.")
    assert claim.metric == "agreements_value"


def test_a_single_organisation_after_among_is_the_subject():
    text = "Mutual trade among OTS member states reached $40 billion in 2023."
    claim = only(text, times=[year(text, 2023)])
    assert (claim.subject, claim.counterpart) == ("org:ots", None)


def test_a_list_of_states_after_among_names_no_party():
    claim = only("A single operator among Azerbaijan, Georgia, Kazakhstan, and Türkiye will triple volumes.")
    assert (claim.subject, claim.counterpart) == (None, None)


def test_a_corridor_figure_belongs_to_the_corridor_unless_a_state_sends_it():
    carrier = claims_of("The railway company carried 4 million tons along the Middle Corridor.")
    sender = claims_of("Kazakhstan sent 2 million tons of cargo along the Middle Corridor.")
    pair = claims_of("Cargo between China and Europe along the Middle Corridor rose 20%.")
    assert (carrier[0].subject, carrier[0].counterpart) == ("infra:middle_corridor", None)
    assert (sender[0].subject, sender[0].counterpart) == ("KAZ", "infra:middle_corridor")
    assert (pair[0].subject, pair[0].counterpart) == ("infra:middle_corridor", None)


def test_a_partner_after_a_modifier_is_still_the_partner():
    text = "Azerbaijan's trade with the five Central Asian states reached $1 billion."
    at = text.index("Central Asian")
    region = Mention(at, at + 13, "Central Asian", "region:central_asia", "region", "Central Asian")
    claim = only(text, mentions=sorted(mentions_in(text) + [region], key=lambda m: m.start))
    assert (claim.subject, claim.counterpart) == ("AZE", "region:central_asia")


def test_the_two_countries_before_other_names_is_the_pair():
    text = ("Georgia and Kazakhstan agreed to cooperate. Trade between the two countries exceeded $400 million, "
            "making Kazakhstan a top partner in Central Asia.")
    found = claims_of(text)
    assert (found[0].subject, found[0].counterpart) == ("GEO", "KAZ")


def test_a_number_too_long_to_be_finite_is_no_claim():
    assert claims_of("$" + "9" * 400) == []


# ----------------------------------------------------------------------------- shared readings
# The annotator reads some things once for all the figures of an article (the role word before a
# mention, read backwards; the sentence cue phrases, read only in sentences that hold a figure).
# These tests hold those readings to what the plain forward searches give.
@pytest.mark.parametrize("before", [
    "trade between ", "exports to the ", "trade with the five ", "Kazakhstan, ", "Kazakhstan, the ",
    "goods into ", "shipped (via ", "onto the ", "x-with ", "With ", "AMONG the ", "and\n", "from the New ",
    "from the new big ", "to  the\tnew ", "the ", "", "Kazakhstan,the ", "between\u00a0", "into", "in to ",
])
@pytest.mark.parametrize("lead", ["", "a", " ", "("])
def test_the_role_word_read_backwards_is_what_the_forward_pattern_finds(before, lead):
    from newsledger.annotate.claims import _Article, _role_mark, _vocabulary

    vocab = _vocabulary()
    text = lead + before + "Kazakhstan"
    window_start, mention_start = len(lead), len(lead) + len(before)
    forward = vocab.role_before.search(text, window_start, mention_start)
    expected = ((forward.group("prep") or "").lower(), bool(forward.group("comma"))) if forward else None
    article = _Article(text, [], [], [], ArticleContext("test"), vocab, [])
    assert _role_mark(article, window_start, mention_start) == expected


def test_the_role_word_before_a_mention():
    from newsledger.annotate.claims import _Article, _role_mark, _vocabulary

    def mark(text: str):
        article = _Article(text + "X", [], [], [], ArticleContext("test"), _vocabulary(), [])
        return _role_mark(article, 0, len(text))

    assert mark("trade between the two ") == ("between", False)
    assert mark("exports to the ") == ("to", False)
    assert mark("Kazakhstan, ") == ("", True)
    assert mark("goods onto the ") is None  # "to" inside a word is no preposition
    assert mark("nto the ") is None
    assert _role_mark(_Article("onto the X", [], [], [], ArticleContext("test"), _vocabulary(), []), 2, 9) is None


def test_sentence_cues_read_in_a_figure_sentence_are_those_of_the_whole_text():
    from newsledger.annotate.claims import _vocabulary

    text = ("Trade rose sharply. Exports to Kazakhstan increased by 5% compared to 2022, the ministry said, "
            "while imports declined. The share of transit grew.")
    cues = _vocabulary().sentence_cues
    sentences = split_sentences(text)
    figure = sentences[1]
    whole = cues.scan(text)
    ranged = cues.scan_ranges(text, [(figure.start - 1, figure.end)])
    found_any = False
    for kind in cues.kinds:
        expected = [(m.start(), m.end()) for m in whole.finditer(kind, figure.start, figure.end)]
        assert [(m.start(), m.end()) for m in ranged.finditer(kind, figure.start, figure.end)] == expected
        found_any = found_any or bool(expected)
    assert found_any
    assert whole.search("growth_up", sentences[0].start, sentences[0].end) is not None
    assert ranged.search("growth_up", sentences[0].start, sentences[0].end) is None  # not read there


@pytest.mark.parametrize("over", ["over the nine months", "over THE NINE MONTHS", "Over The Nine Months"])
def test_a_counted_period_in_any_case_continues_the_period(over):
    # A later paragraph, not at its first figure: only the counted period carries the period over.
    text = ("In January-September 2024, trade reached $1 billion.\n\n"
            f"Rail links gained 3 ferries. Cargo carried {over} grew 1.8 times.")
    period = months_of(text, "January-September 2024", 2024, 1, 9)
    found = claims_of(text, times=[period])
    span = (period.period_start, period.period_end)
    assert [(c.quote, c.period_start, c.period_end) for c in found] == [
        ("$1 billion", *span), ("3 ferries", None, None), ("1.8 times", *span)]
    control = claims_of(text.replace(over, "this way"), times=[period])
    assert (control[2].period_start, control[2].period_end) == (None, None)


FRACTIONS_ARTICLE = (
    "Trade between Azerbaijan and Kazakhstan grew by a third in 2025. Kazakhstan accounted for a quarter "
    "of Azerbaijan's trade with Central Asia in 2025. More than half of the cargo went via the Middle "
    "Corridor in 2024. Exports rose by almost a fifth in 2024. Two thirds of the trains were container "
    "trains in 2024. The journey is now half as long. Turnover grew 2.3-fold in 2024 and one and a half "
    "times in 2023.\n\n"
    "A third country joined the route. In the first half of 2025 the volume rose. Half of the members "
    "agreed. The line has worked for a quarter of a century."
)


def test_fractions_and_multipliers_in_words_are_percents_or_times_with_their_qualifier():
    text = FRACTIONS_ARTICLE
    times = [year(text, 2025), year(text, 2025, 1), year(text, 2024), year(text, 2024, 1), year(text, 2024, 2),
             year(text, 2024, 3), year(text, 2023), year(text, 2025, 2)]
    found = [(c.quote, round(c.value, 3), c.unit, c.metric, c.qualifier) for c in claims_of(text, times=times)]
    assert found == [
        ("a third", 33.333, "percent", "growth", "exact"),
        ("a quarter", 25, "percent", "share", "exact"),
        ("half", 50, "percent", "share", "over"),
        ("a fifth", 20, "percent", "growth", "about"),
        ("Two thirds", 66.667, "percent", "share", "exact"),
        ("half", 0.5, "times", "transit_time", "exact"),
        ("2.3-fold", 2.3, "times", "growth", "exact"),
        ("one and a half times", 1.5, "times", "growth", "exact"),
    ]  # nothing from the ordinal, the half-year, "half of the members" or the quarter of a century


def test_from_x_to_y_is_a_change_after_a_rise_word_and_a_range_otherwise():
    text = ("Exports to Kazakhstan rose from $41 million to $80 million in 2025. The fund will invest from "
            "$150 million to $200 million in the zone. Turkmenistan plans to increase the number of its ferries "
            "from 6 ferries to 9 ferries by 2027.")
    found = [(c.quote, c.value, c.value_high) for c in claims_of(text, times=[year(text, 2025), year(text, 2027)])]
    assert found == [
        ("$41 million", 41e6, None), ("$80 million", 80e6, None),
        ("$150 million to $200 million", 150e6, 200e6),
        ("6 ferries", 6, None), ("9 ferries", 9, None),
    ]


def test_a_compared_figure_takes_the_year_before_and_the_current_figure_keeps_its_own():
    text = ("In January-June 2025, exports to Kazakhstan rose from $41.2 million to $79.6 million.\n\n"
            "Trade reached $80 million in 2025, up from $41 million. Container traffic grew to 96,000 TEU from "
            "56,300 TEU in 2024. Cargo rose from 1.35 million tons in 2023 to 1.71 million tons.\n\n"
            "For comparison, in 2021 trade stood at $197.6 million. More than 20 documents were signed in 2021.")
    times = [timex(text, "January-June 2025", date(2025, 1, 1), date(2025, 6, 30), "span"), year(text, 2025, 1),
             year(text, 2024), year(text, 2023), year(text, 2021), year(text, 2021, 1)]
    found = {c.quote: (c.period_start, c.period_end) for c in claims_of(text, times=times, published=date(2025, 12, 16))}
    h1 = (date(2025, 1, 1), date(2025, 6, 30))
    assert found["$79.6 million"] == h1
    assert found["$41.2 million"] == (date(2024, 1, 1), date(2024, 6, 30))
    assert found["$80 million"] == (date(2025, 1, 1), date(2025, 12, 31))
    assert found["$41 million"] == (date(2024, 1, 1), date(2024, 12, 31))
    assert found["56,300 TEU"] == (date(2024, 1, 1), date(2024, 12, 31))
    # The bases' years are not the current figures': those continue the paragraph's period.
    assert found["96,000 TEU"] == found["1.71 million tons"] == (date(2025, 1, 1), date(2025, 12, 31))
    assert found["1.35 million tons"] == (date(2023, 1, 1), date(2023, 12, 31))
    assert found["$197.6 million"] == (date(2021, 1, 1), date(2021, 12, 31))  # dated by its own year
    assert found["20 documents"] == (date(2021, 1, 1), date(2021, 12, 31))  # "more than" compares nothing


def test_a_growth_on_a_same_period_is_the_current_period():
    text = ("Trade reached 486.2 million manat in January-October 2025, up 21.4 percent on the same period of 2024. "
            "Exports grew by a quarter.")
    times = [timex(text, "January-October 2025", date(2025, 1, 1), date(2025, 10, 31), "span"),
             timex(text, "the same period of 2024", None, None, "span")]
    found = {c.quote: (c.period_start, c.period_end) for c in claims_of(text, times=times, published=date(2025, 12, 16))}
    assert found["21.4 percent"] == found["a quarter"] == (date(2025, 1, 1), date(2025, 10, 31))


def test_a_bare_number_counts_what_its_sentence_already_named():
    text = ("The number of weekly flights between Tashkent and Baku will increase from 12 to 18. "
            "In 2025, 412 container trains crossed Azerbaijan, against 305 in 2024. "
            "Turkmenistan plans to increase the number of its ferries from 6 to 9 by 2027. "
            "He spoke to 12 journalists. The talks moved from 10 to 12 on June 3. The number of trains rose to 2024 levels.")
    times = [year(text, 2025), year(text, 2024), year(text, 2027), timex(text, "June 3", date(2024, 6, 3), date(2024, 6, 3), "day")]
    found = [(c.quote, c.value, c.unit, c.metric, c.period_start) for c in claims_of(text, times=times)]
    assert found == [
        ("12", 12, "count", "flights_count", None), ("18", 18, "count", "flights_count", None),
        ("412 container trains", 412, "count", "trains_count", date(2025, 1, 1)),
        ("305", 305, "count", "trains_count", date(2024, 1, 1)),
        ("6", 6, "count", "vessels_count", None),  # the fleet now, not in 2027
        ("9", 9, "count", "vessels_count", date(2027, 1, 1)),
        ("12 journalists", 12, "count", "count", None),
    ]  # nothing from the times of day nor from the year after "to"


def test_a_unit_that_says_what_it_measures_outweighs_a_cue_of_another_clause():
    text = ("The terminal shipped 1.48 million tons to Baku, while container traffic rose to 21,300 TEU. "
            "The field's recoverable reserves are estimated at 60 million tons of oil and 100 bcm of gas. "
            "The EU has earmarked €10 billion for transport in Central Asia.")
    found = {c.quote: c.metric for c in claims_of(text)}
    assert found["1.48 million tons"] == "cargo_volume"
    assert found["21,300 TEU"] == "container_volume"
    assert found["60 million tons"] == "reserves"
    assert found["€10 billion"] == "investment"


def test_a_transit_time_continues_no_period_but_keeps_its_own():
    text = ("In 2024, cargo on the Middle Corridor reached 4.5 million tons. The journey now takes 15 to 18 days. "
            "In 2022 it took 38 days.")
    found = {c.quote: (c.metric, c.period_start) for c in claims_of(text, times=[year(text, 2024), year(text, 2022)])}
    assert found["4.5 million tons"] == ("cargo_volume", date(2024, 1, 1))
    assert found["15 to 18 days"] == ("transit_time", None)
    assert found["38 days"] == ("transit_time", date(2022, 1, 1))


def test_a_figure_with_only_a_partner_is_the_article_states():
    text = ("Azerbaijan's trade with Central Asia grew in 2025. Azerbaijan sells chemicals and buys grain.\n\n"
            "By partner, trade with Kazakhstan came to $372.4 million. Trade with Turkmenistan reached $348.9 million.")
    found = {c.quote: (c.subject, c.counterpart) for c in claims_of(text)}
    assert found["$372.4 million"] == ("AZE", "KAZ")
    assert found["$348.9 million"] == ("AZE", "TKM")
    # An article about the partner itself gives no other side.
    alone = "Kazakhstan grew fast. Kazakhstan built ports. Trade with Kazakhstan came to $372.4 million."
    assert [(c.subject, c.counterpart) for c in claims_of(alone)] == [(None, "KAZ")]


def test_the_region_is_the_partner_named_last():
    text = ("Azerbaijan's trade with Central Asia grew in 2025. Azerbaijan's exports to the region reached "
            "$286.3 million. Azerbaijan earned $5 million in fees.")
    found = {c.quote: (c.subject, c.counterpart) for c in claims_of(text)}
    assert found["$286.3 million"] == ("AZE", "region:central_asia")
    assert found["$5 million"] == ("AZE", None)


def test_a_same_period_dates_only_the_figure_it_stands_by():
    text = ("In 2025, trade with Kazakhstan reached $10 million. Exports reached $5 million, up 15% from the same "
            "period last year. Imports were $3 million, against $2 million in the same period last year. The "
            "railway reported 365 trains in 2025, compared with 162 trains in the same period last year.")
    same = [timex(text, "the same period last year", None, None, "span", occurrence=k) for k in range(3)]
    found = {c.quote: (c.period_start, c.period_end) for c in claims_of(
        text, times=[year(text, 2025), year(text, 2025, 1), *same], published=date(2025, 12, 18))}
    this_year, last_year = (date(2025, 1, 1), date(2025, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))
    assert found["$5 million"] == found["15%"] == found["$3 million"] == this_year
    assert found["$2 million"] == last_year
    assert found["162 trains"] == last_year  # mirrors the figure of its own sentence


def test_a_date_of_the_telling_does_not_date_the_figure():
    text = ("In 2025, exports to Kazakhstan reached $5 million. Imports came to $3 million, the ministry said on "
            "Tuesday. Six documents were signed on Tuesday.")
    tuesday = [timex(text, "Tuesday", date(2025, 12, 16), date(2025, 12, 16), "day", occurrence=k) for k in range(2)]
    found = {c.quote: (c.period_start, c.period_end) for c in claims_of(
        text, times=[year(text, 2025), *tuesday], published=date(2025, 12, 18))}
    assert found["$3 million"] == (date(2025, 1, 1), date(2025, 12, 31))
    assert found["Six documents"] == (date(2025, 12, 16), date(2025, 12, 16))


def test_a_share_of_a_partys_total_has_that_party_as_counterpart():
    text = ("Kazakhstan accounted for a quarter of Azerbaijan's trade with Central Asia in 2025. "
            "Kazakhstan's share in Azerbaijan's trade was 25 percent. Kazakhstan accounted for 9 percent of the total.")
    found = [(c.quote, c.metric, c.subject, c.counterpart) for c in claims_of(text)]
    assert found == [("a quarter", "share", "KAZ", "AZE"), ("25 percent", "share", "KAZ", "AZE"),
                     ("9 percent", "share", "KAZ", None)]


def test_the_start_of_a_planned_change_is_what_there_is_now():
    text = "The number of weekly flights will increase from 12 to 18 this summer."
    summer = timex(text, "this summer", date(2025, 6, 1), date(2025, 8, 31), "span")
    found = [(c.quote, c.period_start) for c in claims_of(text, times=[summer], published=date(2025, 4, 2))]
    assert found == [("12", None), ("18", date(2025, 6, 1))]
