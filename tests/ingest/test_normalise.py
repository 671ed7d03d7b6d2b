"""normalise_text: each header convention, datelines, boilerplate, wrapped lines, markdown."""

from datetime import date

import pytest

from newsledger.ingest import normalise_text

# A hard-wrapped export (about 65 characters a line) in the MENAFN style: header line, byline, body.
WRAPPED = """\
 date 2024-09-04 (MENAFN- AzerNews)
Leyla Huseynova
Trade between Uzbekistan and Azerbaijan has grown steadily over
the past three years, supported by new transport links across the
Caspian Sea and a joint investment fund.
According to the State Statistics Committee, trade turnover
between the two countries reached $310.2 million in
January-July 2024. In this period Uzbekistan exported $24.5
million worth of goods to Azerbaijan, while its imports from
Azerbaijan amounted to $61.3 million, the committee said.
The two governments expect the Azerbaijani-
Uzbek investment company to finance eleven projects, most of
them in the textile and food industries, the ministry added.
"""


def test_wrapped_header_byline_and_joined_sentences():
    result = normalise_text(WRAPPED)
    assert result.published == date(2024, 9, 4)
    assert result.published_basis == "header"
    assert result.outlet == "AzerNews"
    assert result.byline == "Leyla Huseynova"
    assert "date 2024" not in result.text and "MENAFN" not in result.text and "Leyla" not in result.text
    assert (
        "In this period Uzbekistan exported $24.5 million worth of goods to Azerbaijan, while its imports from "
        "Azerbaijan amounted to $61.3 million, the committee said." in result.text
    )
    # A word broken at its own hyphen is joined back without a space, whatever the case of its second half.
    assert "The two governments expect the Azerbaijani-Uzbek investment company" in result.text
    assert "$310.2 million in January-July 2024." in result.text
    assert "\n" not in result.text.replace("\n\n", "")
    assert result.text.startswith("Trade between Uzbekistan")


def test_wrapped_paragraph_breaks_are_kept_where_the_writer_broke_the_line():
    result = normalise_text(WRAPPED)
    paragraphs = result.text.split("\n\n")
    # "...fund." ends a line that had room for the next word: the writer started a new paragraph there.
    assert paragraphs[0].endswith("a joint investment fund.")
    assert paragraphs[1].startswith("According to the State Statistics Committee")
    assert paragraphs[-1].endswith("the ministry added.")
    assert all(p == p.strip() and p for p in paragraphs)


def test_blank_line_paragraphs_are_kept_and_tag_on_the_first_line_is_removed():
    body = (
        " date 2023-09-14 (MENAFN- Trend News Agency) BAKU, Azerbaijan, September 14. Kazakhstan plans to raise "
        "its oil exports through the Baku-Tbilisi-Ceyhan pipeline next year.\n\n"
        "The company said the volumes would be agreed in December.\n"
    )
    result = normalise_text(body)
    assert result.outlet == "Trend News Agency"
    assert result.published == date(2023, 9, 14) and result.published_basis == "header"
    assert result.text == (
        "Kazakhstan plans to raise its oil exports through the Baku-Tbilisi-Ceyhan pipeline next year.\n\n"
        "The company said the volumes would be agreed in December."
    )


def test_title_line_before_body():
    body = (
        " date 2023-01-01 Azerbaijan and Kyrgyzstan open a new chapter in trade relations\n\n"
        "BAKU: The presidents of the two countries signed ten documents in Bishkek on Friday.\n\n"
        "The documents cover energy, transport and agriculture.\n"
    )
    result = normalise_text(body)
    assert result.title == "Azerbaijan and Kyrgyzstan open a new chapter in trade relations"
    assert result.text == (
        "The presidents of the two countries signed ten documents in Bishkek on Friday.\n\n"
        "The documents cover energy, transport and agriculture."
    )
    assert result.published == date(2023, 1, 1)


@pytest.mark.parametrize(
    "opening",
    [
        "BAKU, Azerbaijan, September 14. ",
        "BAKU: ",
        "ASTANA, Kazakhstan, March 3 (Kazinform) -- ",
        "TASHKENT - ",
        "BISHKEK, November 6, 2024 \u2013 ",
    ],
)
def test_dateline_is_removed_from_the_first_paragraph(opening):
    sentence = "The two ministers discussed transit cargo along the Middle Corridor in March 2024."
    result = normalise_text(opening + sentence + "\n\nA second paragraph follows here.")
    assert result.text.split("\n\n")[0] == sentence


def test_dateline_with_year_gives_the_date():
    result = normalise_text("BISHKEK, November 6, 2024 \u2013 The summit opened in the morning with a speech.")
    assert result.published == date(2024, 11, 6)
    assert result.published_basis == "dateline"


def test_dateline_without_year_and_no_header_infers_the_year_from_the_text():
    result = normalise_text(
        "ASTANA, Kazakhstan, March 3 (Kazinform) -- Cargo on the route reached 780,000 tons in "
        "January-February 2025, the railway company said."
    )
    assert result.published == date(2025, 3, 3)
    assert result.published_basis == "inferred"
    assert any("no year" in note for note in result.notes)


def test_dateline_early_in_the_year_after_a_late_month_is_next_year():
    # The text speaks of November 2024; a January 10 dateline can only be January 2025.
    result = normalise_text("BAKU, Azerbaijan, January 10. Trade grew in November 2024 compared with October.")
    assert result.published == date(2025, 1, 10)
    assert result.published_basis == "inferred"


def test_dateline_without_year_and_no_year_in_text_leaves_date_empty():
    result = normalise_text("BAKU, Azerbaijan, March 3. The ministers met to discuss cargo transit routes.")
    assert result.published is None
    assert result.published_basis == "unknown"


@pytest.mark.parametrize(
    ("opening", "published", "outlet"),
    [
        ("Antalya, October 2, 2026, Report. ", date(2026, 10, 2), "Report"),
        ("Tashkent, Uzbekistan, March 3, 2025 \u2013 ", date(2025, 3, 3), None),
        ("Baku, April 10, APA. ", None, "APA"),
        ("Cholpon-Ata, 22 May 2026, Kabar. ", date(2026, 5, 22), "Kabar"),
    ],
)
def test_a_title_case_city_with_a_date_is_a_dateline(opening, published, outlet):
    sentence = "The two ministers discussed transit cargo along the Middle Corridor."
    result = normalise_text(opening + sentence)
    assert result.text == sentence
    assert result.published == published
    assert result.outlet == outlet


@pytest.mark.parametrize(
    "sentence",
    [
        "Baku, the capital, hosted the forum on transit cargo.",
        "Astana, June 2025 was a busy month for the railway.",
        "Turkmenbashi, Aktau and Baku handled more cargo this year.",
    ],
)
def test_a_title_case_city_without_a_date_is_not_a_dateline(sentence):
    assert normalise_text(sentence).text == sentence


def test_a_sentence_that_starts_with_a_capitalised_word_is_not_a_dateline():
    sentence = "Azerbaijan: a partner for Central Asia, said the minister at the forum."
    assert normalise_text(sentence).text == sentence


def test_trailing_signature_and_more_about_boilerplate_are_removed():
    body = (
        "Azerbaijan has positioned itself as a bridge between Europe and Asia.\n"
        "The country continues to invest in the Middle Corridor.\n"
        "AzVision.az\n"
        "More about: Azerbaijan OrganizationofTurkicStates\n"
    )
    result = normalise_text(body)
    assert result.text == (
        "Azerbaijan has positioned itself as a bridge between Europe and Asia.\n\n"
        "The country continues to invest in the Middle Corridor."
    )
    assert result.outlet == "AzVision.az"


@pytest.mark.parametrize("line", ["Read also: Kazakhstan raises oil output", "Tags: Azerbaijan, Kazakhstan", "Copyright 2024 Trend"])
def test_boilerplate_lines_are_removed(line):
    body = f"Azerbaijan and Kazakhstan signed a transit agreement on Monday.\n\n{line}\n\nThe agreement enters into force in May."
    assert line not in normalise_text(body).text
    assert "The agreement enters into force in May." in normalise_text(body).text


def test_markdown_headings_links_and_emphasis_are_stripped():
    body = (
        "# Uzbekistan and Azerbaijan sign five agreements\n\n"
        "TASHKENT, May 5, 2025 \u2013 The leaders of **Uzbekistan** and *Azerbaijan* met on Monday.\n\n"
        "## Trade figures\n\n"
        "Details are in [the ministry's statement](https://example.org/statement) published today.\n\n"
        "> Trade reached $1.1 billion, the minister said.\n"
    )
    result = normalise_text(body, markdown=True)
    assert result.title == "Uzbekistan and Azerbaijan sign five agreements"
    assert result.text == (
        "The leaders of Uzbekistan and Azerbaijan met on Monday.\n\n"
        "Trade figures\n\n"
        "Details are in the ministry's statement published today.\n\n"
        "Trade reached $1.1 billion, the minister said."
    )


def test_markdown_keeps_underscores_inside_words():
    result = normalise_text("The file trade_2024_final.csv lists _all_ the figures for the region.", markdown=True)
    assert result.text == "The file trade_2024_final.csv lists all the figures for the region."


def test_markdown_with_unpaired_stars_is_linear(benchmark_seconds=2.0):
    import time

    started = time.perf_counter()
    result = normalise_text("*a " * 40_000, markdown=True)  # 120 kB of unpaired emphasis markers
    assert time.perf_counter() - started < benchmark_seconds
    assert result.text.count("a") == 40_000


def test_short_unwrapped_lines_split_inside_a_sentence_are_joined():
    # Too few lines to detect a wrap width, but "million" continues the sentence.
    body = "Uzbekistan exported $24.5\nmillion worth of goods.\n\nA new paragraph."
    assert normalise_text(body).text == "Uzbekistan exported $24.5 million worth of goods.\n\nA new paragraph."


def test_suspended_hyphen_keeps_its_space():
    lines = ["The agreement covers the pre- and post-shipment inspection of goods carried"] + [
        "along the corridor between the ports of Aktau, Baku and Turkmenbashi today"
    ] * 5
    text = normalise_text("\n".join(lines[:1] + ["and post-shipment checks of goods carried along the corridor"] + lines[1:])).text
    assert "pre- and post-shipment" in text


def test_crlf_cr_and_unicode_line_separators_become_newlines():
    body = (
        "The first paragraph ends here after some words.\r\n\r\nThe second paragraph ends here, after more\r"
        "words.\r\rThe third paragraph is split by a line\u2028separator.\u2029The fourth one has a paragraph separator."
    )
    result = normalise_text(body)
    assert "\r" not in result.text and "\u2028" not in result.text and "\u2029" not in result.text
    assert result.text.split("\n\n") == [
        "The first paragraph ends here after some words.",
        "The second paragraph ends here, after more words.",
        "The third paragraph is split by a line separator.",
        "The fourth one has a paragraph separator.",
    ]


def test_control_characters_and_odd_spaces_are_cleaned():
    body = "Trade\x00 grew by\u00a0$24.5\u202fmillion\t\tin 2024.\x0b\x1f"
    assert normalise_text(body).text == "Trade grew by $24.5 million in 2024."


def test_fields_given_by_a_record_take_precedence_and_bad_dates_are_noted():
    result = normalise_text(" date 2024-05-01 Trade grew in April.", {"published": "2024-05-06", "outlet": "Trend"})
    assert result.published == date(2024, 5, 6) and result.published_basis == "record"
    assert result.outlet == "Trend"
    bad = normalise_text("Trade grew in April.", {"published": "soon"})
    assert bad.published is None
    assert any("'soon' is not a valid date" in note for note in bad.notes)


def test_impossible_header_date_is_noted_and_left_empty():
    result = normalise_text(" date 2024-02-30 Trade between the countries grew in January.")
    assert result.published is None
    assert any("not a valid date" in note for note in result.notes)
    assert result.text == "Trade between the countries grew in January."
