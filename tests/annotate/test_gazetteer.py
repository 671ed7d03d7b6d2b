"""Entity mentions from the reference gazetteer, on small texts written for these tests."""

from __future__ import annotations

import csv
import time
from datetime import date

import pycountry
import pytest

from newsledger.annotate.gazetteer import GAZETTEER_FILE, find_mentions, fold_phrase, load_gazetteer
from newsledger.annotate.sectors import tag_sectors
from newsledger.annotate.sentences import split_sentences
from newsledger.config import REFERENCE_DIR


def found(text: str) -> list[tuple[str, str]]:
    """(quote, entity_id) of every mention, checking the span invariants on the way."""
    mentions = find_mentions(text)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.quote
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start, "mentions overlap or are out of order"
    return [(m.quote, m.entity_id) for m in mentions]


def ids(text: str) -> list[str]:
    return [entity_id for _, entity_id in found(text)]


# --- alias classes ---------------------------------------------------------------------------

def test_spelling_variants_resolve_to_one_entity():
    assert ids("Türkiye, Turkiye and Turkey") == ["TUR", "TUR", "TUR"]
    assert ids("Garabagh, Karabakh and Nagorno-Karabakh") == ["region:karabakh"] * 3
    assert ids("Kazakhstan or Qazaqstan") == ["KAZ", "KAZ"]
    assert found("the Kyrgyz Republic and Kyrgyzstan") == [("Kyrgyz Republic", "KGZ"), ("Kyrgyzstan", "KGZ")]
    assert ids("from Turkmenbashi to Türkmenbaşy") == ["place:turkmenbashi", "place:turkmenbashi"]
    assert ids("President Erdogan met President Erdoğan") == ["person:recep_tayyip_erdogan"] * 2


def test_demonyms_point_to_their_country():
    assert found("transportation of Kazakh crude oil") == [("Kazakh", "KAZ")]
    assert ids("the Azerbaijani side shipped Azeri Light") == ["AZE", "AZE"]
    assert ids("Uzbek exporters and Turkish drones") == ["UZB", "TUR"]
    assert ids("Iranian officials visited Iran") == ["IRN", "IRN"]


def test_turkic_is_not_turkiye():
    assert found("cooperation among Turkic states") == [("Turkic states", "region:turkic_world")]
    assert found("the sole Turkic nation") == [("Turkic", "region:turkic_world")]
    assert "TUR" not in ids("unity of the Turkic world and Turkic peoples")


def test_acronyms_match_in_capitals_only():
    text = "The OTS, EU, CIS and SCO backed TITR (TMTM), the BTK railway, BTC and AZPROMO."
    assert ids(text) == [
        "org:ots", "org:eu", "org:cis", "org:sco", "infra:middle_corridor", "infra:middle_corridor",
        "infra:btk_railway", "infra:btc_pipeline", "org:azpromo",
    ]
    assert ids("the bots and the eu of ots, cis or sco") == []
    assert ids("prices in EUR rose") == []


def test_acronym_with_dots_keeps_its_final_dot():
    assert found("the U.S. and the US") == [("U.S.", "USA"), ("US", "USA")]
    assert ids("worth US$5 million") == []


def test_acronym_defined_in_the_text_names_the_entity_afterwards():
    text = "AFAZ is new. The Alat Free Economic Zone (AFAZ) opened; AFAZ will host AFAZ-based firms."
    mentions = find_mentions(text)
    assert [(m.quote, m.entity_id, m.start) for m in mentions] == [
        ("Alat Free Economic Zone", "infra:alat_free_economic_zone", text.index("Alat")),
        ("AFAZ", "infra:alat_free_economic_zone", text.index("(AFAZ)") + 1),
        ("AFAZ", "infra:alat_free_economic_zone", text.index("; AFAZ") + 2),
        ("AFAZ", "infra:alat_free_economic_zone", text.index("AFAZ-based")),
    ]
    assert mentions[1].surface == "AFAZ"


def test_acronym_after_an_unknown_name_is_not_a_mention():
    assert ids("The Caspian Widget Board (CWB) met. CWB agreed.") == ["region:caspian_sea"]


def test_former_names_keep_their_dates():
    gazetteer = load_gazetteer()
    [mention] = find_mentions("the Turkic Council summit")
    assert (mention.entity_id, mention.surface) == ("org:ots", "Turkic Council")
    record = gazetteer.alias_record(mention.entity_id, mention.surface)
    assert record.kind == "former_name" and record.valid_until == date(2021, 11, 12)
    assert ids("Cooperation Council of Turkic Speaking States") == ["org:ots"]
    [capital] = find_mentions("talks in Nur-Sultan")
    assert capital.entity_id == "place:astana"
    record = gazetteer.alias_record(capital.entity_id, capital.surface)
    assert (record.valid_from, record.valid_until) == (date(2019, 3, 23), date(2022, 9, 17))


def test_surnames_resolve_when_unambiguous():
    assert ids("Aliyev and Tokayev met; Heydar Aliyev was honoured.") == [
        "person:ilham_aliyev", "person:kassym_jomart_tokayev", "person:heydar_aliyev",
    ]
    # Two Japarovs (president and former head of government): the surname alone names no one...
    assert ids("Japarov said") == []
    assert ids("Sadyr Japarov and Akylbek Japarov met; Japarov spoke.") == [
        "person:sadyr_japarov", "person:akylbek_japarov",
    ]


def test_a_surname_after_the_full_name_in_the_same_text_names_that_person():
    text = "Japarov aside, Kyrgyz President Sadyr Japarov arrived. Japarov’s visit ended; JAPAROV left."
    mentions = find_mentions(text)
    assert [(m.quote, m.entity_id, m.start) for m in mentions] == [
        ("Kyrgyz", "KGZ", text.index("Kyrgyz")),
        ("Sadyr Japarov", "person:sadyr_japarov", text.index("Sadyr")),
        ("Japarov", "person:sadyr_japarov", text.index("Japarov’s")),
    ]
    assert mentions[-1].surface == "Japarov"


def test_case_sensitive_person_aliases():
    assert ids("Xi Jinping met Xi") == ["person:xi_jinping", "person:xi_jinping"]
    assert ids("the XI Summit played a trump card") == []


# --- boundaries, overlaps, offsets -------------------------------------------------------------

def test_names_match_whole_words_only():
    assert ids("Romania and Oman") == ["ROU", "OMN"]
    assert ids("Bakunin and Osham") == []


def test_possessives_and_unicode_apostrophes():
    assert found("Azerbaijan's and Azerbaijan’s role") == [("Azerbaijan", "AZE"), ("Azerbaijan", "AZE")]
    assert found("Xi’an and Xi'an") == [("Xi’an", "place:xian"), ("Xi'an", "place:xian")]


def test_longest_match_wins():
    assert found("the Port of Baku in Baku") == [("Port of Baku", "infra:port_of_baku"), ("Baku", "place:baku")]
    assert ids("the Organization of Turkic States") == ["org:ots"]
    assert ids("the Baku–Tbilisi–Kars railway") == ["infra:btk_railway"]
    assert found("Kazakh investment") == [("Kazakh", "KAZ")]


def test_names_joined_by_single_separators():
    assert ids("Azerbaijan-Uzbekistan ties") == ["AZE", "UZB"]
    assert ids("ports in Aktau/Kuryk") == ["place:aktau", "place:kuryk"]


def test_names_across_a_line_break_and_at_the_text_edges():
    text = "Ilham\nAliyev"
    assert found(text) == [(text, "person:ilham_aliyev")]
    assert ids("OTS") == ["org:ots"]
    assert ids("") == []


def test_mention_carries_type_and_surface():
    [mention] = find_mentions("İlham Əliyev")  # accents fold: the gazetteer needs no Azerbaijani spelling
    assert (mention.quote, mention.entity_type, mention.surface) == ("İlham Əliyev", "person", "Ilham Aliyev")
    [mention] = find_mentions("TURKSOY")
    assert (mention.entity_type, mention.surface) == ("organisation", "TURKSOY")


# --- lookups ---------------------------------------------------------------------------------

def test_entity_and_country_lookups():
    gazetteer = load_gazetteer()
    aliyev = gazetteer.entity("person:ilham_aliyev")
    assert (aliyev.entity_type, aliyev.name, aliyev.country) == ("person", "Ilham Aliyev", "AZE")
    assert gazetteer.country_of("KAZ") == "KAZ"
    assert gazetteer.country_of("place:shusha") == "AZE"
    assert gazetteer.country_of("infra:port_of_aktau") == "KAZ"
    assert gazetteer.country_of("infra:middle_corridor") is None  # crosses many countries
    assert gazetteer.country_of("place:nowhere") is None
    assert gazetteer.entity("place:nowhere") is None


def test_office_holders_by_year():
    gazetteer = load_gazetteer()
    assert gazetteer.office_holders("KAZ", "prime_minister", 2024) == ["person:alikhan_smailov", "person:olzhas_bektenov"]
    assert gazetteer.office_holders("TKM", "president", 2023) == ["person:serdar_berdimuhamedov"]
    assert gazetteer.office_holders("IRN", "president", 2022) == ["person:ebrahim_raisi"]


def test_load_is_cached_and_accepts_folder_or_file():
    assert load_gazetteer() is load_gazetteer(REFERENCE_DIR)
    assert load_gazetteer(REFERENCE_DIR / GAZETTEER_FILE) is load_gazetteer()


# --- the data itself -------------------------------------------------------------------------

def test_country_ids_and_names_agree_with_iso_3166():
    gazetteer = load_gazetteer()
    countries = [e for e in gazetteer.entities.values() if e.entity_type == "country"]
    assert len(countries) >= 17
    for entity in countries:
        iso = pycountry.countries.get(alpha_3=entity.entity_id)
        assert iso is not None, entity.entity_id
        keys = {fold_phrase(a.alias) for a in gazetteer.aliases_of(entity.entity_id)}
        iso_names = {getattr(iso, field, None) for field in ("name", "official_name", "common_name")}
        for name in filter(None, iso_names):
            if "," not in name:  # "Iran, Islamic Republic of" is a sort key, not a name anyone writes
                assert fold_phrase(name) in keys, (entity.entity_id, name)
        assert entity.name in iso_names or fold_phrase(entity.name) in keys


def test_the_ids_other_annotators_rely_on_exist():
    required = """AZE KAZ UZB KGZ TJK TKM TUR GEO CHN RUS IRN HUN ARM UKR USA PAK MNG
        org:ots org:eu org:cis org:un org:sco org:socar org:kazmunaygas org:azpromo org:turkic_academy
        org:turksoy org:turkic_culture_heritage_foundation org:turkic_investment_fund org:ots_secretariat
        org:ots_council_of_heads_of_state
        person:ilham_aliyev person:ali_asadov person:jeyhun_bayramov person:kassym_jomart_tokayev
        person:alikhan_smailov person:olzhas_bektenov person:shavkat_mirziyoyev person:abdulla_aripov
        person:sadyr_japarov person:akylbek_japarov person:adylbek_kasymaliev person:emomali_rahmon
        person:kokhir_rasulzoda person:serdar_berdimuhamedov person:gurbanguly_berdimuhamedov
        person:recep_tayyip_erdogan person:irakli_garibashvili person:irakli_kobakhidze person:xi_jinping
        person:vladimir_putin person:ebrahim_raisi person:masoud_pezeshkian person:viktor_orban
        infra:middle_corridor infra:btk_railway infra:btc_pipeline infra:port_of_baku infra:port_of_aktau
        infra:port_of_kuryk infra:port_of_turkmenbashi infra:alat_free_economic_zone
        infra:trans_caspian_gas_pipeline infra:tanap infra:tap infra:southern_gas_corridor infra:port_of_poti
        infra:port_of_batumi infra:port_of_anaklia infra:dostlug_field infra:dangara_special_economic_zone
        place:baku place:astana place:tashkent place:shusha place:ankara place:avaza place:ashgabat
        place:bishkek place:dushanbe place:samarkand
        region:central_asia region:south_caucasus region:caspian_sea region:europe region:turkic_world""".split()
    gazetteer = load_gazetteer()
    assert [entity_id for entity_id in required if gazetteer.entity(entity_id) is None] == []
    for entity_id in required:
        if entity_id.startswith("person:"):
            assert gazetteer.entity(entity_id).roles, entity_id


def test_every_person_belongs_to_a_country_in_the_gazetteer():
    gazetteer = load_gazetteer()
    heads = [e for e in gazetteer.entities.values() if e.entity_type == "person" and e.roles]
    assert heads and all(gazetteer.entity(e.country).entity_type == "country" for e in heads)


def test_readme_documents_every_column():
    readme = (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")
    for name in ("gazetteer.csv", "aliases.csv", "sectors.csv"):
        assert f"## {name}" in readme
        with (REFERENCE_DIR / name).open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        section = readme.split(f"## {name}", 1)[1].split("\n## ", 1)[0]
        assert [column for column in header if f"`{column}`" not in section] == [], name


# --- bad data is refused ---------------------------------------------------------------------

GAZETTEER_HEADER = "entity_id,entity_type,name,country,roles,note\n"
ALIASES_HEADER = "entity_id,alias,kind,case_sensitive,valid_from,valid_until\n"


def write_gazetteer(folder, entities: str, aliases: str = "") -> None:
    (folder / "gazetteer.csv").write_text(GAZETTEER_HEADER + entities, encoding="utf-8")
    (folder / "aliases.csv").write_text(ALIASES_HEADER + aliases, encoding="utf-8")


def test_a_small_gazetteer_from_another_folder(tmp_path):
    write_gazetteer(tmp_path, "AZE,country,Azerbaijan,,,\nplace:baku,place,Baku,AZE,,\n", "AZE,Azeri,demonym,,,\n")
    gazetteer = load_gazetteer(tmp_path)
    assert [m.entity_id for m in find_mentions("Azeri oil from Baku to Tbilisi", gazetteer)] == ["AZE", "place:baku"]


@pytest.mark.parametrize("entities, aliases, message", [
    ("AZE,country,Azerbaijan,,,\nKAZ,country,Kazakhstan,,,\n", "KAZ,Azerbaijan,variant,,,\n", "names both"),
    ("place:baku,country,Baku,,,\n", "", "does not fit"),
    ("place:baku,place,Baku,XXX,,\n", "", "not a country"),
    ("AZE,country,Azerbaijan,,,\n", "AZE,Azeri,nickname,,,\n", "unknown alias kind"),
    ("AZE,country,Azerbaijan,,,\n", "AZE,Azeri,demonym,,2021,\n", "not a YYYY-MM-DD date"),
    ("person:x,person,X,,president:2019,\n", "", "role"),
])
def test_inconsistent_data_is_refused(tmp_path, entities, aliases, message):
    write_gazetteer(tmp_path, entities, aliases)
    with pytest.raises(ValueError, match=message):
        load_gazetteer(tmp_path)


# --- speed -----------------------------------------------------------------------------------

SAMPLE = (
    "Azerbaijan and the Organization of Turkic States (OTS) reported trade turnover of $9 billion in 2023, "
    "said Azerbaijani Deputy Minister of Economy at a conference in Baku. Cargo on the Trans-Caspian "
    "International Transport Route (TITR), also known as the Middle Corridor, grew 86% to 2.8 million tons.\n\n"
    "President Ilham Aliyev’s visit to Astana followed talks with Kassym-Jomart Tokayev on Kazakh crude oil "
    "exports via the Baku-Tbilisi-Ceyhan pipeline and a fiber-optic line under the Caspian Sea. Türkiye "
    "sent humanitarian aid after the earthquake, and Turkish drones drew attention to defense cooperation.\n\n"
)


def test_speed_of_mentions_and_sectors_together():
    articles = [f"{i} {SAMPLE}" for i in range(1500)]  # distinct texts, as in a corpus
    words = sum(len(text.split()) for text in articles)
    sentences = [split_sentences(text) for text in articles]
    find_mentions(articles[0]), tag_sectors(articles[0], sentences[0])  # load and compile first
    started = time.process_time()
    for text, article_sentences in zip(articles, sentences):
        find_mentions(text)
        tag_sectors(text, article_sentences)
    rate = words / max(time.process_time() - started, 1e-9)
    print(f"\nfind_mentions + tag_sectors: {rate:,.0f} words/s over {words:,} words")
    assert rate > 250_000  # the budget of the whole annotation stage; these two take a fraction of it


# --- folding and matching shortcuts ------------------------------------------------------------

import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsledger.annotate import gazetteer as gazetteer_module  # noqa: E402
from newsledger.annotate.gazetteer import PhraseAutomaton, folded_text  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab ?-.\n") + ["é", "ə", "İ", "€", "’", "\u3042", "\U0001F600", "\ud800"])
                    | st.characters(), max_size=40))
def test_non_ascii_characters_found_by_encoding_are_those_a_pattern_finds(text):
    # The reference folds what a regular expression finds outside ASCII, then the whole text.
    by_pattern = re.sub(r"[^\x00-\x7f]", lambda m: gazetteer_module._FOLD.get(ord(m.group()), m.group()), text)
    assert folded_text(text) == " " + by_pattern.translate(gazetteer_module._FOLD) + " "


def test_settled_phrases_skip_accept_and_find_the_same():
    phrases = [("OTS", "acronym"), ("Organization of Turkic States", "name"), ("Baku", "city"), ("Baku Port", "port")]
    must_match_case = {"acronym"}
    asked = []

    def accept(text, start, end, payloads):
        asked.append(text[start:end])
        kept = [p for p in payloads if p not in must_match_case or text[start:end].isupper()]
        return tuple(kept) or None

    def settle(payloads):
        return None if any(p in must_match_case for p in payloads) else payloads

    plain, settled = PhraseAutomaton(phrases), PhraseAutomaton(phrases, settle)
    for text in ("OTS and ots met in Baku Port, Baku.", "the Organization of Turkic States (OTS)", "bakuports, Ots"):
        asked.clear()
        expected = plain.find(text, accept)
        asked_without = list(asked)
        asked.clear()
        assert settled.find(text, accept) == expected
        # accept is asked only about the hits whose answer depends on their case.
        assert asked == [surface for surface in asked_without if surface.lower() == "ots"]
    assert settled.find("OTS and ots met in Baku Port, Baku.", accept) == [
        (0, 3, ("acronym",)), (19, 28, ("port",)), (30, 34, ("city",))]
