"""Language detection reads samples of a long article, and still tells its language."""

from newsledger.ingest.language import SAMPLE_CHARACTERS, detect_language

ENGLISH = ("Trade turnover between Azerbaijan and Kazakhstan grew by a fifth in the first nine months, "
           "the State Customs Committee said, as cargo along the Middle Corridor kept rising. ")
RUSSIAN = ("Товарооборот между Азербайджаном и Казахстаном за девять месяцев вырос на пятую часть, "
           "сообщил Государственный таможенный комитет, а объем грузов по Среднему коридору продолжал расти. ")
TURKISH = ("Azerbaycan ile Kazakistan arasındaki ticaret hacmi ilk dokuz ayda beşte bir oranında arttı, "
           "Devlet Gümrük Komitesi açıkladı; Orta Koridor boyunca taşınan yük de artmaya devam etti. ")


def long(sentence: str) -> str:
    text = sentence * (3 * SAMPLE_CHARACTERS // len(sentence) + 2)
    assert len(text) > 2 * SAMPLE_CHARACTERS
    return text


def test_long_articles_are_told_by_their_samples():
    assert detect_language(long(ENGLISH), 500) == "en"
    assert detect_language(long(RUSSIAN), 500) == "ru"
    assert detect_language(long(TURKISH), 500) == "tr"


def test_an_article_that_turns_to_another_language_after_its_first_lines_is_judged_by_its_middle_too():
    text = ENGLISH * 4 + RUSSIAN * 40
    assert detect_language(text, 800) == "ru"


def test_short_texts_are_taken_as_english_rather_than_guessed():
    assert detect_language(RUSSIAN, 12) == "en"
