"""Parties read through entity vocabularies: the Turkic states as the OTS, oil crossing Azerbaijan
through the BTC pipeline, a port town standing for its port, a state's own ports named with it."""

from __future__ import annotations

from test_claim_parties_fallback import parties


def test_figures_of_the_turkic_states_are_the_organisations():
    text = "He noted that the combined population of the Turkic states exceeds 170 million people."
    assert parties(text, "170 million people") == ("org:ots", None)


def test_a_states_trade_with_the_turkic_states_has_the_organisation_as_counterpart():
    text = "Azerbaijan's trade with the Turkic states grew by 11 percent in the first quarter."
    assert parties(text, "11 percent") == ("AZE", "org:ots")


def test_oil_through_the_btc_pipeline_crosses_azerbaijan():
    text = "Kazakhstan shipped 840,000 tons of oil through the Baku-Tbilisi-Ceyhan pipeline in the first half of 2025."
    assert parties(text, "840,000 tons") == ("KAZ", "AZE")


def test_a_line_with_no_host_stays_the_counterpart():
    text = "Uzbekistan plans to send 500,000 tons of cargo via the Middle Corridor in 2026."
    assert parties(text, "500,000 tons") == ("UZB", "infra:middle_corridor")


def test_a_port_town_as_subject_of_a_port_figure_is_its_port():
    text = "Aktau accounted for nearly four million tonnes, while Kuryk handled 2.45 million tonnes."
    assert parties(text, "four million tonnes") == ("infra:port_of_aktau", None)
    assert parties(text, "2.45 million tonnes") == ("infra:port_of_kuryk", None)


def test_the_seaport_of_a_town_is_its_port():
    text = "The International Seaport of Turkmenbashi handled 6.7 million tons of cargo in 2024."
    assert parties(text, "6.7 million tons") == ("infra:port_of_turkmenbashi", None)


def test_two_ports_of_one_state_named_together_are_the_states():
    text = "The seaports of Aktau and Kuryk handled 5.82 million tonnes of cargo over nine months of 2025."
    assert parties(text, "5.82 million tonnes") == ("KAZ", None)


def test_a_states_own_ports_named_with_it_are_not_its_counterpart():
    text = "Kazakhstan's seaports of Aktau and Kuryk handled 1.94 million tons of cargo in the first quarter of 2025."
    assert parties(text, "1.94 million tons") == ("KAZ", None)


def test_a_town_after_a_preposition_is_no_port():
    # "to Aktau" is where the services go: the figure is of the port the article is about.
    text = ("The International Seaport of Turkmenbashi handled more cargo in 2024. Turkmenbashi is growing.\n\n"
            "Container handling reached 24,500 TEU, driven by new regular services to Alat and Aktau.")
    assert parties(text, "24,500 TEU") == ("infra:port_of_turkmenbashi", None)


def test_a_town_where_a_count_happens_is_no_party():
    text = "Kazakhstan and Azerbaijan signed six documents in Aktau."
    assert "infra:port_of_aktau" not in parties(text, "six documents")


def test_a_sea_a_route_crosses_is_no_party():
    text = "Kazakhstan plans to add three container vessels to its Caspian Sea fleet by 2026."
    assert parties(text, "three container vessels") == ("KAZ", None)


def test_a_province_of_a_state_is_no_party():
    text = ("The joint investment company of Azerbaijan and Uzbekistan has so far financed 12 projects, "
            "from textile factories in the Syrdarya region to a pharmaceutical plant.")
    assert parties(text, "12 projects") == ("AZE", "UZB")


def test_documents_about_a_field_are_signed_by_the_two_states():
    text = ("President Ilham Aliyev met Turkmen President Serdar Berdimuhamedov in Ashgabat. Azerbaijan and "
            "Turkmenistan discussed energy.\n\nAfter the talks, six documents were signed, including a memorandum on the "
            "joint development of the Dostlug field.")
    assert parties(text, "six documents") == ("AZE", "TKM")


PORTS = ("The Port of Aktau handled 4.3 million tonnes, and the Port of Kuryk 1.5 million tonnes. "
         "Ferries also sailed to Turkmenbashi.\n\n")


def test_the_port_is_the_port_named_last_by_its_name():
    text = PORTS + "By the end of the year, the port expects to handle 7.5 million tons."
    assert parties(text, "7.5 million tons") == ("infra:port_of_kuryk", None)


def test_the_port_is_the_town_named_last_when_no_port_is_named():
    text = "The International Seaport of Turkmenbashi grew.\n\nThe port's capacity will rise to 26 million tons a year."
    assert parties(text, "26 million tons") == ("infra:port_of_turkmenbashi", None)


def test_the_two_ports_of_one_state_are_the_states():
    text = PORTS + "In Q1 2025 the two ports processed 21,600 TEU."
    assert parties(text, "21,600 TEU") == ("KAZ", None)


def test_traffic_with_no_party_is_the_route_the_article_is_about():
    text = ("Cargo on the Middle Corridor grew. The Middle Corridor links China and Europe.\n\n"
            "Container traffic grew faster: 41,300 TEU were carried in January-June.")
    assert parties(text, "41,300 TEU") == ("infra:middle_corridor", None)


def test_a_figure_of_no_traffic_metric_does_not_take_the_route():
    text = ("Cargo on the Middle Corridor grew. The Middle Corridor links China and Europe.\n\n"
            "The project will cost about $2.8 billion.")
    assert parties(text, "$2.8 billion") == (None, None)


def test_a_transit_time_is_the_routes_not_its_ends():
    text = ("Cargo on the Middle Corridor grew. The Middle Corridor links China and Europe.\n\n"
            "The average transit time from China to Georgia fell to 18 days last year.")
    assert parties(text, "18 days") == ("infra:middle_corridor", None)


def test_a_fleet_after_a_bilateral_figure_keeps_no_partner():
    text = ("Kazakhstan and Azerbaijan met. Kazakhstan shipped more.\n\n"
            "Kazakhstan's trade with Azerbaijan grew by 12 percent. The company operates 20 vessels.")
    assert parties(text, "12 percent") == ("KAZ", "AZE")
    assert parties(text, "20 vessels") == ("KAZ", None)


def test_a_national_companys_fleet_is_its_states():
    text = "ASCO, which currently operates 51 vessels, expects two new ferries."
    assert parties(text, "51 vessels") == ("AZE", None)


def test_a_companys_investment_stays_the_companys():
    text = "Azerbaijan Railways is investing 180 million manat in the line."
    assert parties(text, "180 million manat")[0] == "org:azerbaijan_railways"
