"""Events: the date of a signing is not the period of what was signed; consultations are meetings."""

from __future__ import annotations

from datetime import date

from newsledger.annotate.article import annotate_article
from newsledger.annotate.spans import ArticleContext


def events_of(text: str, published: date = date(2025, 10, 14)) -> list[tuple[str, date | None, date | None]]:
    events = annotate_article(text, ArticleContext("test", published))["events"]
    for event in events:
        assert text[event.start:event.end] == event.quote
    return [(e.event_type, e.date_start, e.date_end) for e in events]


def test_a_year_after_for_is_the_period_of_the_document_not_the_day_of_the_signing():
    text = ("On Friday, the heads of the railways of Kazakhstan and Azerbaijan met in Tbilisi and signed a roadmap "
            "on a single tariff for 2026.")
    friday = date(2025, 10, 10)
    assert events_of(text) == [("meeting", friday, friday), ("agreement_signed", friday, friday)]


def test_political_consultations_of_two_ministries_are_a_meeting():
    text = "On Monday, the foreign ministries of Uzbekistan and Azerbaijan held political consultations in Tashkent."
    monday = date(2025, 10, 13)
    assert events_of(text) == [("meeting", monday, monday)]


def test_a_visit_on_two_weekdays_spans_both():
    text = "Kyrgyz President Sadyr Japarov paid a state visit to Azerbaijan on Monday and Tuesday."
    assert events_of(text, published=date(2025, 10, 15)) == [("visit", date(2025, 10, 13), date(2025, 10, 14))]


def test_the_meeting_after_a_summit_is_the_summit():
    text = ("An informal summit of the Organization of Turkic States was held today in Cholpon-Ata. President Ilham "
            "Aliyev had arrived in Kyrgyzstan on a working visit on Thursday evening.\n\n"
            "At the end of the meeting, the leaders adopted the Cholpon-Ata Statement on Transport Connectivity.")
    found = events_of(text, published=date(2026, 5, 22))
    summit_day = date(2026, 5, 22)
    assert ("agreement_signed", summit_day, summit_day) in found


def test_separate_meetings_with_two_leaders_are_two_meetings():
    text = ("On Friday, President Ilham Aliyev met separately with President Shavkat Mirziyoyev and President "
            "Kassym-Jomart Tokayev in Astana.")
    events = annotate_article(text, ArticleContext("test", date(2025, 10, 14)))["events"]
    assert [(e.event_type, sorted(e.actors)) for e in events] == [
        ("meeting", ["AZE", "UZB", "person:ilham_aliyev", "person:shavkat_mirziyoyev"]),
        ("meeting", ["AZE", "KAZ", "person:ilham_aliyev", "person:kassym_jomart_tokayev"]),
    ]


def test_a_meeting_of_three_leaders_stays_one_meeting():
    text = "On Friday, President Ilham Aliyev met with President Shavkat Mirziyoyev and President Kassym-Jomart Tokayev."
    events = annotate_article(text, ArticleContext("test", date(2025, 10, 14)))["events"]
    assert len([e for e in events if e.event_type == "meeting"]) == 1
