"""The diplomatic-event annotator on small texts written for the test, with hand-built mentions."""

import glob
import re
import time
from datetime import date
from pathlib import Path

import pytest

from newsledger.annotate.events import extract_events
from newsledger.annotate.sentences import split_sentences
from newsledger.annotate.spans import ArticleContext, Mention
from newsledger.annotate.timex import find_time_expressions

D = date

ENTITIES = {
    "Azerbaijan": ("AZE", "country"),
    "Kazakhstan": ("KAZ", "country"),
    "Uzbekistan": ("UZB", "country"),
    "Kyrgyzstan": ("KGZ", "country"),
    "Turkmenistan": ("TKM", "country"),
    "Tajikistan": ("TJK", "country"),
    "Türkiye": ("TUR", "country"),
    "Organization of Turkic States": ("org:ots", "organisation"),
    "Ilham Aliyev": ("person:ilham_aliyev", "person"),
    "Baku": ("place:baku", "place"),
    "Shusha": ("place:shusha", "place"),
    "Ankara": ("place:ankara", "place"),
    "Tashkent": ("place:tashkent", "place"),
    "Astana": ("place:astana", "place"),
    "Ashgabat": ("place:ashgabat", "place"),
}
_NAMES = re.compile("|".join(sorted(map(re.escape, ENTITIES), key=len, reverse=True)))


def mentions_of(text):
    return [Mention(m.start(), m.end(), m.group(0), *ENTITIES[m.group(0)], m.group(0)) for m in _NAMES.finditer(text)]


def events(text, published=D(2024, 9, 4), find_mentions=mentions_of):
    found = extract_events(
        text, split_sentences(text), find_mentions(text), find_time_expressions(text, published), ArticleContext("test", published)
    )
    for event in found:
        assert text[event.start : event.end] == event.quote
    return found


def summary(found):
    return [(e.event_type, e.date_start, e.date_precision) for e in found]


# ----------------------------------------------------------------------------- kinds and dates


def test_summit_and_signing_in_one_sentence_with_a_relative_day():
    text = "On July 6, an informal summit of the Organization of Turkic States took place in Shusha, where the Garabagh Declaration was signed."
    found = events(text, D(2024, 9, 4))
    assert summary(found) == [("summit", D(2024, 7, 6), "day"), ("agreement_signed", D(2024, 7, 6), "day")]
    summit, signing = found
    assert summit.location == "place:shusha" and summit.actors == ("org:ots",)
    assert signing.document_names == ("Garabagh Declaration",) and signing.n_documents == 1
    # the same text published in March: the previous July
    assert events(text, D(2025, 3, 1))[0].date_start == D(2024, 7, 6)


def test_relative_date_without_publication_date_stays_unresolved():
    found = events("In April, the presidents of Azerbaijan and Turkmenistan met in Ashgabat.", None)
    assert summary(found) == [("meeting", None, None)]
    assert found[0].location == "place:ashgabat" and found[0].actors == ("AZE", "TKM")


def test_visit_with_month_and_place():
    found = events("Aliyev's latest state visit to Tashkent in August 2024 marked a new level.")
    assert summary(found) == [("visit", D(2024, 8, 1), "month")]
    assert found[0].quote == "state visit" and found[0].location == "place:tashkent"
    assert found[0].date_end == D(2024, 8, 31)


def test_coordinated_months_make_one_visit_each_and_clauses_keep_their_dates():
    text = ("Ilham Aliyev made official trips to Uzbekistan in June and September 2022, "
            "followed by a visit to Kyrgyzstan in October of the same year.")
    found = events(text, None)
    assert [(e.date_start, e.location) for e in found] == [
        (D(2022, 6, 1), "UZB"), (D(2022, 9, 1), "UZB"), (D(2022, 10, 1), "KGZ"),
    ]
    assert "person:ilham_aliyev" in found[2].actors and "KGZ" in found[2].actors


def test_visit_to_several_countries_is_one_visit_per_country():
    text = "In 2022, Ilham Aliyev visited Uzbekistan, as well as Turkmenistan and Kazakhstan on official visits."
    found = events(text)
    assert [(e.event_type, e.location, e.date_start) for e in found] == [
        ("visit", "UZB", D(2022, 1, 1)), ("visit", "TKM", D(2022, 1, 1)), ("visit", "KAZ", D(2022, 1, 1)),
    ]
    assert found[1].actors[0] == "person:ilham_aliyev" and "UZB" not in found[1].actors


def test_date_after_took_place_wins_over_a_nearer_date_before():
    text = ("Following the earthquake in Türkiye in February 2023, Ilham Aliyev proposed convening the Extraordinary "
            "Summit of the Heads of State of the Organization of Turkic States, which took place in March 2023 in Ankara.")
    found = events(text)
    assert summary(found) == [("summit", D(2023, 3, 1), "month")]
    assert found[0].location == "place:ankara" and found[0].actors == ("org:ots",)


def test_meeting_of_a_commission_with_day():
    text = "After the 6th session of the Intergovernmental Commission between Tajikistan and Azerbaijan in Baku on July 7, 2023, both parties agreed."
    found = events(text)
    assert summary(found) == [("meeting", D(2023, 7, 7), "day")]
    assert found[0].location == "place:baku" and found[0].actors == ("TJK", "AZE")


def test_horizons_and_programme_years_do_not_date_events():
    assert events("Azerbaijan and Kazakhstan signed a road map to triple trade by 2030.") == []
    assert events("They met to discuss the Comprehensive Program for 2022-2026.") == []


# ----------------------------------------------------------------------------- documents


def test_counts_of_documents():
    found = events("In April, Azerbaijan and Kyrgyzstan signed 10 bilateral documents and agreements.", D(2023, 1, 1))
    assert summary(found) == [("agreement_signed", D(2022, 4, 1), "month")] and found[0].n_documents == 10
    assert events("On April 5, 2023, six agreements were signed.")[0].n_documents == 6
    assert events("On April 5, 2023, more than 20 other documents were signed.")[0].n_documents is None
    named = events("On May 5, 2025, the leaders signed the Baku Declaration, and 12 other documents were adopted.")
    assert len(named) == 1 and named[0].n_documents == 13 and named[0].document_names == ("Baku Declaration",)
    listed = events("In April 2023, a joint statement and protocol were signed.")
    assert listed[0].n_documents == 2


def test_document_titles_end_where_the_title_ends():
    text = ("In August 2022, the signing of the Declaration on Strengthening Strategic Relations between the Two Countries, "
            "as well as a Comprehensive program for the Development of Cooperation for 2022-2026 took place in Baku.")
    (signing,) = events(text)
    assert signing.document_names == (
        "Declaration on Strengthening Strategic Relations between the Two Countries",
        "Comprehensive program for the Development of Cooperation for 2022-2026",
    )
    assert signing.date_start == D(2022, 8, 1)
    (memo,) = events("The Memorandum of Understanding between Azerbaijan and Turkmenistan signed on January 21, 2021 in Ashgabat is important.")
    assert memo.document_names == ("Memorandum of Understanding between Azerbaijan and Turkmenistan",)
    assert (memo.date_start, memo.location) == (D(2021, 1, 21), "place:ashgabat")


def test_a_dated_title_in_brackets_is_a_signing():
    (event,) = events("The Declaration on Strategic Partnership between Azerbaijan and Uzbekistan (2022) stands out.")
    assert (event.event_type, event.date_start, event.date_precision) == ("agreement_signed", D(2022, 1, 1), "year")
    assert event.actors == ("AZE", "UZB")


def test_concluded_needs_a_document_word():
    kinds = [e.event_type for e in events("In May 2024 the visit concluded with a dinner in Baku.")]
    assert "agreement_signed" not in kinds
    assert [e.event_type for e in events("In May 2024 three agreements were concluded.")] == ["agreement_signed"]


# ----------------------------------------------------------------------------- references and generic statements


def test_during_the_visit_takes_the_date_and_merges_the_signing():
    text = ("In August, the visit of Kassym-Jomart Tokayev to Baku was marked by the signing of the Declaration on Allied Cooperation.\n\n"
            "More than 20 other important documents were signed during the visit.")
    found = events(text, D(2023, 1, 1))
    assert summary(found) == [("visit", D(2022, 8, 1), "month"), ("agreement_signed", D(2022, 8, 1), "month")]
    assert found[1].location == "place:baku" and found[1].n_documents is None


def test_reference_back_dates_a_later_sentence_without_a_new_event():
    text = "Leaders of Azerbaijan and Kazakhstan met in Astana on June 10, 2025. Following the meeting, the sides signed a protocol."
    found = events(text)
    assert summary(found) == [("meeting", D(2025, 6, 10), "day"), ("agreement_signed", D(2025, 6, 10), "day")]
    assert found[1].location == "place:astana" and found[1].n_documents == 1


def test_undated_signing_in_the_paragraph_of_a_dated_summit_belongs_to_it():
    text = ("The summit of the Organization of Turkic States was held in Ankara on March 16, 2023. "
            "The leaders signed the Ankara Declaration.\n\nLater, a protocol was signed.")
    found = events(text)
    assert summary(found) == [("summit", D(2023, 3, 16), "day"), ("agreement_signed", D(2023, 3, 16), "day")]
    assert found[1].location == "place:ankara" and found[1].document_names == ("Ankara Declaration",)


def test_generic_statements_are_not_events():
    assert events("In recent years, the frequent visits between the leaders have become a regular feature.") == []
    assert events("Visits between the leaders have become regular.") == []
    assert events("The visits enabled the countries to sign many agreements.") == []


def test_a_definite_mention_of_a_told_event_is_not_a_new_one():
    text = ("The summit of the Organization of Turkic States took place in Ankara in March 2023. "
            "The summit was organized to support the regions in Türkiye.")
    assert summary(events(text)) == [("summit", D(2023, 3, 1), "month")]


def test_count_of_meetings_is_an_event_only_when_a_date_pins_it():
    assert summary(events("The commission has held 21 meetings, with the most recent one this year.", D(2024, 9, 4))) == [
        ("meeting", D(2024, 1, 1), "year")
    ]
    assert events("The commission has held 21 meetings.") == []


def test_undated_event_kept_only_with_a_place_and_an_actor():
    assert summary(events("Ilham Aliyev arrived in Astana on a state visit.")) == [("visit", None, None)]
    assert events("A meeting was held to discuss the matter.") == []


def test_text_without_triggers():
    assert events("Trade turnover reached $9 billion in 2023.") == []


def test_a_pronoun_or_a_generic_noun_after_an_anaphor_lead_refers_back():
    text = (
        "The intergovernmental commission met in Astana on June 10, 2025.\n\n"
        "Following it, the sides signed a protocol and a roadmap."
    )
    assert summary(events(text, D(2025, 6, 12))) == [("meeting", D(2025, 6, 10), "day"), ("agreement_signed", D(2025, 6, 10), "day")]
    text = (
        "The summit was held in Astana on July 3, 2024.\n\n"
        "On the sidelines of the event, the presidents of Kazakhstan and Azerbaijan held a bilateral meeting."
    )
    found = events(text)
    assert summary(found) == [("summit", D(2024, 7, 3), "day"), ("meeting", D(2024, 7, 3), "day")]
    assert found[1].actors == ("KAZ", "AZE") and found[1].location == "place:astana"
    # "this" before a noun other than an occasion's is a determiner, not a reference.
    assert summary(events("The summit was held in Astana on July 3, 2024.\n\nAfter this decision the ministers met.")) == [
        ("summit", D(2024, 7, 3), "day")
    ]


def test_a_date_of_a_figure_in_a_referring_sentence_does_not_date_the_event():
    text = (
        "The summit of the Organization of Turkic States took place in Astana on July 3, 2024. "
        "Speaking at the summit, Ilham Aliyev said trade with Kazakhstan grew by 20 percent in 2023. "
        "On the sidelines of the summit, Ilham Aliyev met the President of Kazakhstan, whose exports reached $5 billion in 2023."
    )
    assert summary(events(text)) == [("summit", D(2024, 7, 3), "day"), ("meeting", D(2024, 7, 3), "day")]
    # A date right at the referring noun still makes a new event.
    found = events("Ilham Aliyev visited Astana on July 3, 2024. During his visit to Tashkent in June 2024, he met students.")
    assert ("visit", D(2024, 6, 1), "month") in summary(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ilham Aliyev will pay a state visit to Kazakhstan in October.",
        "Ilham Aliyev is expected to visit Tashkent on October 5.",
        "The next informal summit of the Organization of Turkic States will be held in Baku in 2025.",
        "The 12th summit of the Organization of Turkic States will take place in Astana in 2025.",
        "The sides agreed to hold the next meeting of the commission in Baku in 2025.",
        "An agreement on transit will be signed in Ashgabat in December.",
    ],
)
def test_planned_events_are_not_events(sentence):
    assert events(sentence) == []


def test_past_events_told_with_future_words_elsewhere_stay():
    found = events("The next day, Ilham Aliyev visited Astana on July 4, 2024, and signed a roadmap that will boost trade.")
    assert ("visit", D(2024, 7, 4), "day") in summary(found) and ("agreement_signed", D(2024, 7, 4), "day") in summary(found)


def test_a_signing_referred_to_an_occasion_takes_its_parties():
    text = (
        "Ilham Aliyev met the President of Kazakhstan in Astana on July 3, 2024. "
        "Following the talks, six documents were signed."
    )
    signing = [e for e in events(text) if e.event_type == "agreement_signed"]
    assert [(s.date_start, s.actors, s.n_documents) for s in signing] == [(D(2024, 7, 3), ("AZE", "KAZ"), 6)]


# ----------------------------------------------------------------------------- speed


def test_speed_is_printed(capsys):
    """Prints words/second of find_time_expressions + extract_events over ~1M words of sample paragraphs."""
    raw = sorted(glob.glob(str(Path(__file__).resolve().parents[2] / "data" / "raw" / "*.txt")))
    if not raw:
        pytest.skip("no sample articles")
    paragraphs = [p.strip() for f in raw for p in re.split(r"\n\s*\n", Path(f).read_text(encoding="utf-8")) if p.strip()]
    base = "\n\n".join(paragraphs)
    text = "\n\n".join([base] * (1_000_000 // len(base.split()) + 1))
    words = len(text.split())
    sentences = split_sentences(text)
    mentions = mentions_of(text)
    started = time.perf_counter()
    times = find_time_expressions(text, D(2024, 9, 4))
    middle = time.perf_counter()
    found = extract_events(text, sentences, mentions, times, ArticleContext("speed", D(2024, 9, 4)))
    ended = time.perf_counter()
    with capsys.disabled():
        print(
            f"\n[speed] {words:,} words: timex {words / (middle - started):,.0f} words/s, "
            f"events {words / (ended - middle):,.0f} words/s, both {words / (ended - started):,.0f} words/s "
            f"({len(times)} times, {len(found)} events)"
        )
    assert found and times


# ----------------------------------------------------------------------------- kinds of text (real gazetteer)
# Each test is a small article of one kind, in several phrasings, with the gazetteer's own mentions.


def gazetteer_events(text, published=D(2025, 3, 12)):
    from newsledger.annotate.gazetteer import find_mentions

    return events(text, published, find_mentions)


def of_type(found, event_type):
    return [e for e in found if e.event_type == event_type]


@pytest.mark.parametrize("text", [
    "On March 3, Presidents Ilham Aliyev and Kassym-Jomart Tokayev held a one-on-one meeting in Astana and then "
    "co-chaired the first meeting of the Supreme Interstate Council.",
    "On March 3, Ilham Aliyev and Kassym-Jomart Tokayev met in a tete-a-tete format in Astana, followed by a session of "
    "the Supreme Interstate Council.",
    "On March 3, the meeting of the Supreme Interstate Council was held in Astana after the talks of Presidents Ilham Aliyev "
    "and Kassym-Jomart Tokayev in a narrow format.",
])
def test_a_council_meeting_beside_the_talks_of_a_visit_is_a_second_meeting(text):
    meetings = of_type(gazetteer_events(text), "meeting")
    assert [(e.date_start, e.location) for e in meetings] == [(D(2025, 3, 3), "place:astana")] * 2
    for meeting in meetings:
        assert {"person:ilham_aliyev", "person:kassym_jomart_tokayev", "AZE", "KAZ"} <= set(meeting.actors)


@pytest.mark.parametrize("text", [
    "Kassym-Jomart Tokayev arrived in Baku on March 3 on a state visit.\n\n"
    "The presidents held talks in a narrow format, followed by expanded talks with the participation of the delegations.",
    "Kassym-Jomart Tokayev arrived in Baku on March 3 on a state visit at the invitation of President Ilham Aliyev.\n\n"
    "An official welcome ceremony was held at the Zagulba residence. The two leaders then met one-on-one, and later held "
    "a meeting in an expanded format.",
])
def test_the_rounds_of_talks_told_after_a_visit_are_one_meeting_of_the_visit(text):
    found = gazetteer_events(text)
    assert [(e.event_type, e.date_start) for e in found] == [("visit", D(2025, 3, 3)), ("meeting", D(2025, 3, 3))]
    assert "person:ilham_aliyev" not in found[0].actors and {"person:kassym_jomart_tokayev", "KAZ", "AZE"} <= set(found[0].actors)
    assert found[1].location == "place:baku"


@pytest.mark.parametrize(("lead", "expected_start", "precision"), [
    ("Last week,", D(2025, 3, 3), "month"),
    ("Earlier this week,", D(2025, 3, 10), "month"),
    ("On Monday,", D(2025, 3, 10), "day"),
])
def test_relative_weeks_and_weekdays_date_events(lead, expected_start, precision):
    text = (f"{lead} Azerbaijani Minister of Economy Mikayil Jabbarov and Kazakh Minister of Trade Serik Zhumangarin "
            "held talks in Astana. The ministers signed a roadmap that provides for a trading house in Baku next year.")
    found = gazetteer_events(text)  # published on Wednesday 2025-03-12
    assert [(e.event_type, e.date_start, e.date_precision) for e in found] == [
        ("meeting", expected_start, precision), ("agreement_signed", expected_start, precision)
    ]
    assert found[1].location == "place:astana" and set(found[1].actors) == {"AZE", "KAZ"}


def test_a_week_without_publication_date_dates_the_event_but_stays_unresolved():
    found = gazetteer_events("Last week, Mikayil Jabbarov and Serik Zhumangarin held talks in Astana.", None)
    assert [(e.event_type, e.date_start) for e in found] == [("meeting", None)]


@pytest.mark.parametrize("heading", ["Declaration and documents", "Outcome"])
def test_a_heading_does_not_cut_a_summit_from_what_followed_it(heading):
    text = ("Leaders of the member states of the Organization of Turkic States gathered in Astana yesterday for an informal summit.\n\n"
            f"{heading}\n\n"
            "Following the summit, the heads of state signed the Astana Declaration, and four other documents were adopted.\n\n"
            "Bilateral contacts\n\n"
            "On the sidelines of the summit, Ilham Aliyev met with Shavkat Mirziyoyev.")
    found = gazetteer_events(text)
    assert [(e.event_type, e.date_start) for e in found] == [
        ("summit", D(2025, 3, 11)), ("agreement_signed", D(2025, 3, 11)), ("meeting", D(2025, 3, 11))
    ]
    assert found[1].n_documents == 5 and found[1].actors == ("org:ots",)
    assert set(found[2].actors) == {"person:ilham_aliyev", "AZE", "person:shavkat_mirziyoyev", "UZB"}
    assert found[2].location == "place:astana"


@pytest.mark.parametrize("text", [
    "The president also visited the Heydar Aliyev Center and met with students of a local university.",
    "During the visit, the minister visited the Astana International Financial Centre.",
    "The delegation also visited the Alley of Honor and met with representatives of the business community in Baku.",
])
def test_a_tour_or_a_meeting_with_people_holding_no_office_is_not_an_event(text):
    assert gazetteer_events("Kassym-Jomart Tokayev arrived in Baku on March 3 on a state visit.\n\n" + text)[1:] == []


@pytest.mark.parametrize("text", [
    "In May 2024, the minister visited Tashkent, where he met his Uzbek counterpart.",
    "In May 2024, the minister visited Tashkent, where he met with President Shavkat Mirziyoyev.",
])
def test_a_city_visited_and_a_meeting_there_are_events(text):
    found = gazetteer_events(text)
    assert [(e.event_type, e.date_start, e.location) for e in found] == [
        ("visit", D(2024, 5, 1), "place:tashkent"), ("meeting", D(2024, 5, 1), "place:tashkent")
    ]


@pytest.mark.parametrize("second", [
    "The summit was attended by Presidents Ilham Aliyev, Shavkat Mirziyoyev and Sadyr Japarov.",
    "The summit brought together the leaders of Azerbaijan, Uzbekistan and Kyrgyzstan.",
    "Addressing the summit, President Ilham Aliyev praised the work of the secretariat. Speaking at the summit, "
    "Shavkat Mirziyoyev and Sadyr Japarov called for closer ties.",
])
def test_a_summit_s_actors_are_the_organisation_and_the_states_named_as_taking_part(second):
    text = "The informal summit of the Organization of Turkic States was held in Gabala, Azerbaijan, on March 5. " + second
    summits = of_type(gazetteer_events(text), "summit")
    assert len(summits) == 1 and set(summits[0].actors) == {"org:ots", "AZE", "UZB", "KGZ"}


def test_a_summit_names_its_host_but_not_who_proposed_it():
    text = ("On March 5, Leaders of the Organization of Turkic States gathered in Budapest for an informal summit hosted by "
            "Prime Minister Viktor Orban, a format that Ilham Aliyev proposed.")
    assert set(of_type(gazetteer_events(text), "summit")[0].actors) == {"org:ots", "HUN"}


@pytest.mark.parametrize("follow", [
    "The meeting was co-chaired by Mikayil Jabbarov and Serik Zhumangarin.",
    "Mikayil Jabbarov and Serik Zhumangarin discussed trade and transit.",
    "Following the meeting, the co-chairs Mikayil Jabbarov and Serik Zhumangarin signed a protocol.",
])
def test_a_meeting_s_actors_include_the_people_named_right_after_it(follow):
    text = "On March 5, the 21st meeting of the Azerbaijan-Kazakhstan intergovernmental commission was held in Astana. " + follow
    meeting = of_type(gazetteer_events(text), "meeting")
    assert len(meeting) == 1
    assert set(meeting[0].actors) == {"AZE", "KAZ", "person:mikayil_jabbarov", "person:serik_zhumangarin"}


def test_a_meeting_first_named_as_the_occasion_of_a_signing_is_a_new_meeting():
    text = ("Azerbaijan Railways and KTZ signed an agreement in Astana yesterday on through tariffs for containers bound for "
            "Georgian ports. The signing took place during the meeting of Olzhas Bektenov with Mikayil Jabbarov.")
    found = gazetteer_events(text)
    assert [(e.event_type, e.date_start, e.location) for e in found] == [
        ("agreement_signed", D(2025, 3, 11), "place:astana"), ("meeting", D(2025, 3, 11), "place:astana")
    ]
    assert set(found[0].actors) == {"org:azerbaijan_railways", "org:kazakhstan_temir_zholy"}
    assert set(found[1].actors) == {"person:olzhas_bektenov", "KAZ", "person:mikayil_jabbarov", "AZE"}
    # "during this high-level meeting" points back to what was told; it is no new meeting
    again = gazetteer_events("Ilham Aliyev paid an official visit to Astana in April 2023. The agreements reached during "
                             "this high-level meeting cover transport.")
    assert [e.event_type for e in again] == ["visit"]


@pytest.mark.parametrize("text", [
    "The ministers discussed the agreements reached during the state visit of President Ilham Aliyev to Kazakhstan in May 2024.",
    "The ministers recalled that Ilham Aliyev's state visit to Kazakhstan in May 2024 gave an impetus to trade.",
])
def test_a_visit_noun_names_its_visitor(text):
    found = gazetteer_events("Mikayil Jabbarov and Serik Zhumangarin met in Astana on March 5. " + text)
    visits = of_type(found, "visit")
    assert [(v.date_start, set(v.actors)) for v in visits] == [(D(2024, 5, 1), {"person:ilham_aliyev", "AZE", "KAZ"})]


def test_the_parties_of_a_signing_are_who_signed_not_what_the_documents_are_about():
    text = ("On March 5, Kazakhstan's national railway company KTZ and Azerbaijan Railways signed an agreement on the transit "
            "of Kazakh grain through Azerbaijan to Georgian ports.")
    found = gazetteer_events(text)
    assert set(found[0].actors) == {"org:kazakhstan_temir_zholy", "org:azerbaijan_railways"} and found[0].location is None
    counted = gazetteer_events("On March 5, the three countries signed a memorandum of understanding on the cable in Baku.")
    assert counted[0].n_documents == 1


@pytest.mark.parametrize("second", [
    "The visit takes place on August 22-23.",
    "The visit is taking place on August 22-23 at the invitation of President Ilham Aliyev.",
])
def test_a_visit_told_undated_then_dated_by_a_definite_mention_is_one_dated_visit(second):
    text = "President of Kazakhstan Kassym-Jomart Tokayev has arrived in Azerbaijan on a state visit, Trend reports. " + second
    found = gazetteer_events(text, D(2025, 8, 24))
    assert [(e.event_type, e.date_start, e.date_end) for e in found] == [("visit", D(2025, 8, 22), D(2025, 8, 23))]
    assert set(found[0].actors) == {"person:kassym_jomart_tokayev", "KAZ", "AZE"}


@pytest.mark.parametrize("lead", ["Then", "After that,", "Later that day,"])
def test_a_sentence_opening_with_then_continues_the_occasion_across_a_paragraph(lead):
    text = ("On August 22, the presidents of Azerbaijan and Kazakhstan held a meeting in a one-on-one format.\n\n"
            f"{lead} the presidents attended the fourth meeting of the Supreme Interstate Council. Upon completion of the "
            "meeting, a signing ceremony was held. In total, 12 documents were signed.")
    found = gazetteer_events(text, D(2025, 8, 24))
    assert [(e.event_type, e.date_start) for e in found] == [
        ("meeting", D(2025, 8, 22)), ("meeting", D(2025, 8, 22)), ("agreement_signed", D(2025, 8, 22))
    ]
    assert found[2].n_documents == 12 and set(found[2].actors) == {"AZE", "KAZ"}


@pytest.mark.parametrize("text", [
    "Bayramov also met with Uzbek Prime Minister Abdulla Aripov.",
    "Jeyhun Bayramov also held talks with Bakhtiyor Saidov.",
])
def test_an_undated_meeting_of_named_people_of_two_states_is_an_event(text):
    found = gazetteer_events("Jeyhun Bayramov arrived in Tashkent on a working visit on March 3.\n\nTrade grew.\n\n" + text)
    assert [e.event_type for e in found] == ["visit", "meeting"] and found[1].date_start is None
    assert {"AZE", "UZB"} <= set(found[1].actors)


def test_a_meeting_with_one_named_person_and_no_place_or_date_is_not_an_event():
    assert gazetteer_events("Trade grew.\n\nOfficials say Jeyhun Bayramov also met with them.") == []


def test_a_summit_told_as_a_meeting_of_heads_of_state_gathers_its_participants_and_signing():
    text = ("The third Consultative Meeting of the Heads of State of Central Asia took place in Tashkent on Friday.\n\n"
            "The meeting was attended by Presidents Kassym-Jomart Tokayev, Sadyr Japarov and Ilham Aliyev.\n\n"
            "At the end of the meeting, the leaders adopted a joint statement.")
    found = gazetteer_events(text, D(2025, 8, 24))
    assert [(e.event_type, e.date_start) for e in found] == [("summit", D(2025, 8, 22)), ("agreement_signed", D(2025, 8, 22))]
    assert set(found[0].actors) == {"region:central_asia", "KAZ", "KGZ", "AZE"}


def test_people_of_an_event_dated_in_place_are_not_added_to_the_occasion_referred_to():
    text = ("Ali Asadov held a meeting with Adylbek Kasymaliev in Baku on Tuesday. Following the meeting, an agreement was signed. "
            "Earlier, the two countries had signed more than 20 agreements during the visit of President Sadyr Japarov in 2024.")
    found = gazetteer_events(text, D(2025, 8, 24))
    assert [(e.event_type, e.date_start) for e in found] == [
        ("meeting", D(2025, 8, 19)), ("agreement_signed", D(2025, 8, 19)), ("agreement_signed", D(2024, 1, 1)), ("visit", D(2024, 1, 1))
    ]
    assert "person:sadyr_japarov" not in found[0].actors and found[2].n_documents is None


@pytest.mark.parametrize(("text", "is_meeting"), [
    ("On 14 October, President Ilham Aliyev received the delegation led by Foreign Minister Rashid Meredov.", True),
    ("On 14 October, President Ilham Aliyev received Foreign Minister of Turkmenistan Rashid Meredov.", True),
    ("On 14 October, President Ilham Aliyev received a phone call from President Kassym-Jomart Tokayev.", False),
    ("On 14 October, the Port of Baku received 20,000 tons of Kazakh grain.", False),
])
def test_received_is_a_meeting_only_when_someone_holding_office_is_received(text, is_meeting):
    assert [e.event_type for e in gazetteer_events(text, D(2025, 10, 16))] == (["meeting"] if is_meeting else [])


def test_on_the_same_day_continues_the_occasion_of_that_day_and_other_people_meet_separately():
    text = ("On 14 October, President Ilham Aliyev received Foreign Minister Rashid Meredov.\n\n"
            "During the meeting, the President recalled the trilateral summit held in Avaza in December 2022.\n\n"
            "On the same day, Meredov held talks with his Azerbaijani counterpart Jeyhun Bayramov. "
            "The ministers signed a plan of consultations.")
    found = gazetteer_events(text, D(2025, 10, 16))
    assert [(e.event_type, e.date_start) for e in found] == [
        ("meeting", D(2025, 10, 14)), ("summit", D(2022, 12, 1)), ("meeting", D(2025, 10, 14)), ("agreement_signed", D(2025, 10, 14))
    ]
    assert "person:jeyhun_bayramov" not in found[0].actors and "person:jeyhun_bayramov" in found[2].actors


def test_the_visitor_of_a_visit_noun_comes_after_titles_and_demonyms():
    text = "Kazakhstan and Azerbaijan signed a roadmap in May during the visit of Azerbaijani Prime Minister Ali Asadov to Astana."
    visit = of_type(gazetteer_events(text, D(2025, 10, 16)), "visit")
    assert set(visit[0].actors) == {"person:ali_asadov", "AZE", "KAZ"} and visit[0].location == "place:astana"


@pytest.mark.parametrize("text", [
    "The new law on transit, signed by the president last year, meets international standards.",
    "Baku was visited by more than two million tourists in 2024.",
    "In 2024, the decree was signed by President Ilham Aliyev.",
])
def test_a_signing_of_no_document_and_a_visit_by_tourists_are_not_events(text):
    assert gazetteer_events(text, D(2025, 10, 16)) == []


def test_a_visit_by_someone_holding_office_is_an_event():
    found = gazetteer_events("In May 2025, Baku was visited by President Kassym-Jomart Tokayev.", D(2025, 10, 16))
    assert [(e.event_type, e.date_start) for e in found] == [("visit", D(2025, 5, 1))]


@pytest.mark.parametrize("lead", ["During the talks with Shavkat Mirziyoyev,", "Following the talks with Shavkat Mirziyoyev,"])
def test_talks_during_a_visit_are_the_visitor_s_and_a_leading_phrase_is_no_party_to_a_signing(lead):
    text = ("President Kassym-Jomart Tokayev paid a state visit to Uzbekistan in December 2024. "
            f"{lead} the leaders signed a treaty on allied relations and 12 other documents.")
    found = gazetteer_events(text, D(2025, 10, 16))
    assert [(e.event_type, e.date_start) for e in found] == [
        ("visit", D(2024, 12, 1)), ("meeting", D(2024, 12, 1)), ("agreement_signed", D(2024, 12, 1))
    ]
    assert set(found[1].actors) == {"person:kassym_jomart_tokayev", "KAZ", "person:shavkat_mirziyoyev", "UZB"}
    assert set(found[2].actors) == {"KAZ", "UZB"} and found[2].n_documents == 13


def test_the_first_event_an_article_tells_may_be_told_as_a_reference():
    found = gazetteer_events("Kazakhstan and Uzbekistan agreed to build a border crossing, the presidents said after their "
                             "meeting in Tashkent.", D(2025, 10, 16))
    assert [(e.event_type, e.location, set(e.actors)) for e in found] == [("meeting", "place:tashkent", {"KAZ", "UZB"})]


def test_then_continues_the_day_of_the_sentence_before_it():
    text = ("Sadyr Japarov arrived in Baku on October 14 for a two-day official visit.\n\n"
            "At the airport, he was welcomed by Deputy Prime Minister Shahin Mustafayev.\n\n"
            "On October 15, an official welcome ceremony was held. Then the presidents held a one-on-one meeting, followed by "
            "a meeting in an expanded format. The heads of state signed a declaration on strategic partnership.")
    found = gazetteer_events(text, D(2025, 10, 16))
    assert [(e.event_type, e.date_start, e.location) for e in found] == [
        ("visit", D(2025, 10, 14), "place:baku"), ("meeting", D(2025, 10, 15), "place:baku"),
        ("agreement_signed", D(2025, 10, 15), "place:baku"),
    ]


@pytest.mark.parametrize("text", [
    "Kazakh President Kassym-Jomart Tokayev to pay state visit to Azerbaijan next month.",
    "Ilham Aliyev and Shavkat Mirziyoyev meet in Tashkent next week for talks on transit.",
])
def test_a_relative_date_ahead_of_publication_makes_a_plan(text):
    assert gazetteer_events(text, D(2025, 10, 16)) == []


def test_a_city_that_hosted_the_meeting_is_its_place():
    found = gazetteer_events("Today, Astana hosted the meeting of the Council of Foreign Ministers, attended by Jeyhun Bayramov.",
                             D(2025, 10, 16))
    assert [(e.event_type, e.date_start, e.location) for e in found] == [("meeting", D(2025, 10, 16), "place:astana")]


def test_a_planned_occasion_named_after_an_anaphor_lead_refers_to_nothing():
    text = ("Trade grew after the meeting of the intergovernmental commission in Ashgabat in March 2025. Analysts expect "
            "more after the planned visit of President Serdar Berdimuhamedov to Baku.")
    found = gazetteer_events(text, D(2025, 9, 10))
    assert [(e.event_type, e.date_start, e.location) for e in found] == [("meeting", D(2025, 3, 1), "place:ashgabat")]
    assert "person:serdar_berdimuhamedov" not in found[0].actors


@pytest.mark.parametrize("second", ["It is his third visit to Kazakhstan in two years.", "This visit is his third to Kazakhstan."])
def test_a_possessive_or_demonstrative_mention_of_a_told_visit_is_no_new_visit(second):
    found = gazetteer_events("Ilham Aliyev arrived in Astana on a state visit on August 11. " + second, D(2025, 9, 3))
    assert [(e.event_type, e.date_start) for e in found] == [("visit", D(2025, 8, 11))]


def test_the_signing_of_a_named_document_is_a_signing_even_after_another_was_told():
    text = ("In April 2022, Azerbaijan and Kyrgyzstan signed 10 documents.\n\n"
            "In August 2022, the visit of Kassym-Jomart Tokayev to Baku was confirmed by the signing of the Declaration on "
            "Allied Cooperation between the Two Countries.")
    signings = of_type(gazetteer_events(text, D(2023, 1, 1)), "agreement_signed")
    assert [(e.date_start, e.quote) for e in signings] == [(D(2022, 4, 1), "signed"), (D(2022, 8, 1), "signing of")]


# ----------------------------------------------------------------------------- shortcuts that must not change what is found


def test_a_short_guard_word_counts_only_as_a_whole_word():
    from newsledger.annotate.events import _guarded_kinds, load_event_vocabulary

    short = load_event_vocabulary().guards.short_kinds
    assert short, "the vocabulary has short key words ('at', 'is', 'two')"
    plain = _guarded_kinds("They spoke at length.".replace(" at ", " "))
    for word, kinds in short.items():
        assert kinds <= _guarded_kinds(f"They spoke ({word}) length."), word
        assert kinds <= _guarded_kinds(f"They spoke {word.upper()} length."), word
        assert _guarded_kinds(f"They spoke x{word}x length.") == plain, word  # "that" holds no "at"


@pytest.mark.parametrize(
    "counted, expected",
    [("several agreements", None), ("a number of agreements", None), ("two agreements", 2), ("12 agreements", 12), ("an agreement and a memorandum", 2)],
)
def test_documents_counted_in_words_or_digits_vaguely_or_by_listing(counted, expected):
    found = events(f"On May 5, 2023, Azerbaijan and Kazakhstan signed {counted} in Baku.")
    assert [(e.event_type, e.location, e.n_documents) for e in found] == [("agreement_signed", "place:baku", expected)]


def test_an_undated_signing_needs_a_place_a_known_one_or_a_city_named():
    assert events("Azerbaijan and Kazakhstan signed a memorandum on transit.") == []
    found = events("Azerbaijan and Kazakhstan signed a memorandum on transit in Baku.")
    assert [(e.event_type, e.location, e.date_start, e.actors) for e in found] == [("agreement_signed", "place:baku", None, ("AZE", "KAZ"))]
    assert [e.location for e in events("Azerbaijan and Kazakhstan signed a memorandum in the city of Aktau.")] == ["Aktau"]
    assert [(e.event_type, e.location) for e in events("The president of Kazakhstan visited Azerbaijan.")] == [("visit", "AZE")]
