"""Decoding text nobody tuned the decoder on: one fixture per script and codec family, the
NUL cases, repair of mojibake ftfy leaves, and properties over any codec.

The fixtures in tests/fixtures/decode/ are sentences written for these tests (a news-style
sentence about a budget, in each language), saved in a codec real files of that language
use; each has its UTF-8 `.expected.txt` beside it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.decode import BinaryInput, decode
from conftest import FIXTURES

FIXTURE_FILES = sorted(p for p in (FIXTURES / "decode").glob("*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_each_script_decodes_exactly(path: Path):
    expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    text, decision = decode(path.read_bytes())
    assert text == expected, f"read as {decision.encoding}: {decision.reason}"
    assert decision.method == "detected" and not decision.warning


def test_the_fixtures_cover_the_scripts_that_went_wrong():
    names = {p.name.split(".")[0] for p in FIXTURE_FILES}
    assert {"he", "el", "ru-866", "ru-mac", "tr", "th", "vi", "ko", "ar", "ja-2022", "pl"} <= names


def test_the_decision_says_language_and_confidence():
    _, decision = decode((FIXTURES / "decode" / "he.cp1255.txt").read_bytes())
    data = decision.to_json()
    assert data["language"] == "he" and 0 < data["confidence"] <= 1


def test_a_few_bytes_of_a_non_latin_codec_are_reported_not_guessed_silently():
    result = cleaner.clean_bytes("ГОСТ".encode("cp1251"))
    assert result.decision.warning.startswith("unsure: confidence")
    assert any("unsure" in problem for problem in result.problems)
    assert "warning" in result.log().to_json()["decode"]


@pytest.mark.parametrize("sample", ["Grüße aus Köln", "Ça va? Oui, très bien, merci.", "café crème", "À bientôt"])
def test_a_few_words_of_western_european_stay_cp1252(sample):
    text, decision = decode(sample.encode("cp1252"))
    assert text == sample and decision.encoding == "cp1252"


# NUL bytes: text with a few is text; UTF-16 without a mark only when it reads as one script.


def test_ascii_with_a_nul_after_each_letter_is_utf16_le_not_cjk():
    text, decision = decode("abc def ghi\n".encode("utf_16_le"))
    assert text == "abc def ghi\n" and decision.encoding == "utf_16_le"


def test_utf16_be_cyrillic_without_a_mark():
    sample = "Правительство утвердило новый бюджет.\n"
    text, decision = decode(sample.encode("utf_16_be"))
    assert text == sample and decision.encoding == "utf_16_be"


def test_a_few_nul_bytes_among_prose_is_utf8_text():
    text, decision = decode(b"row 1\x00 exported as is, with its stray terminator\n")
    assert text.startswith("row 1\x00 exported") and decision.reason == "valid UTF-8 with 1 NUL byte(s)"
    assert cleaner.clean_bytes(b"row 1\x00 exported as is\n").text == "row 1 exported as is\n"  # CC002


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(BinaryInput):
        decode(bytes(range(256)) * 4)


# Mojibake ftfy leaves: UTF-8 read as cp1250, MacRoman, cp1251, one word at a time.


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("nie bÄ™dzie Ĺşle", "nie będzie źle"),
        ("MĹŻĹľeĹˇ to udÄ›lat?", "Můžeš to udělat?"),
        ("Gr√º√üe aus K√∂ln", "Grüße aus Köln"),
        ("¬øQu√© m√°s?", "¿Qué más?"),
        ("%s: nelze alokovat bajtĹŻ", "%s: nelze alokovat bajtů"),
        ("argumenty musГ\xad bГЅt proces", "argumenty musí být proces"),
    ],
)
def test_mojibake_from_cp1250_macroman_cp1251_is_repaired(damaged, repaired):
    assert cleaner.clean_text(damaged).text == repaired + "\n"


@pytest.mark.parametrize(
    "real",
    [
        "Zażółć gęślą jaźń, będzie źle.",
        "CZĘŚĆ PIERWSZA: Może to zrobić?",
        "Příliš žluťoučký kůň úpěl ďábelské ódy.",
        "Grüße aus Köln, ¿qué más?",
        "NICIODATĂ™ și NICIODATĂ.",
        "Bremer/Mccoy – Dr√§ber",
        "2012–∞ and √π ≈ 1.77",
        "Съешь же ещё этих мягких французских булок.",
        "ĐẠI HỌC QUỐC GIA HÀ NỘI — NÃO ACEITAMOS",
    ],
)
def test_real_text_that_looks_odd_is_byte_identical(real):
    assert cleaner.clean_text(real + "\n").text == real + "\n"


def test_fullwidth_comma_in_a_chinese_sentence_stays():
    line = "使用 Architecture，ALSA 驱动\n"
    assert cleaner.clean_text(line).text == line
    assert cleaner.clean_text("Ningbo，China\n").text == "Ningbo,China\n"


# Properties.

CODECS = sorted(
    {
        codecs.lookup(name).name
        for name in (
            "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "latin_1",
            "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "koi8_r", "koi8_u", "cp866", "cp437", "cp850",
            "mac_roman", "mac_cyrillic", "tis_620", "shift_jis", "euc_jp", "iso2022_jp", "gb2312", "gbk",
            "gb18030", "big5", "euc_kr", "cp949", "utf_16", "utf_32", "utf_8",
        )
    }
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), codec=st.sampled_from(CODECS))
@example(text="\x000", codec="utf_16")  # `FF FE 00 00 30 00`: UTF-32-LE's mark, but UTF-16 text
def test_any_text_in_any_codec_decodes_without_raising(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode(codec, errors="replace")
    try:
        decoded, decision = decode(data)
    except BinaryInput:
        return  # refusing is allowed; raising anything else is not
    assert isinstance(decoded, str) and decision.encoding


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_utf8_is_never_read_as_anything_else(text):
    if "\x00" in text or text.startswith("\ufeff"):
        return  # NUL-heavy bytes may be UTF-16; a BOM is the BOM's call
    data = text.encode("utf-8")
    if data.count(0) > len(data) // 10 or (data.isascii() and b"\x1b" in data):
        return
    decoded, decision = decode(data)
    assert decoded == text and decision.encoding == "utf_8"


def test_a_reading_that_does_not_encode_back_still_reverts_exactly():
    # cp932 reads FA 43 and EE EF alike (IBM and NEC copies of `ⅳ`); `ⅳ` encodes as EE EF.
    from cleaner.restore import rebuild

    data = b"\xfaC\xb3"
    result = cleaner.clean_bytes(data)
    assert result.decision.encoding == "cp932"
    assert result.decision.unmatched == [{"offset": 0, "length": 1, "bytes": "fa43"}]
    assert rebuild(result.output_bytes(), result.log().to_json()) == data


def test_unmatched_characters_are_found_line_by_line_at_their_offsets():
    # Lines that encode back are skipped whole; the offsets still count every character.
    from cleaner.restore import rebuild

    data = "第一行は普通の文です。\r\n二行目に".encode("cp932") + b"\xfaC" + "があります。\n三行目。\n".encode("cp932")
    result = cleaner.clean_bytes(data, encoding="cp932")
    assert [item["bytes"] for item in result.decision.unmatched] == ["fa43"]
    assert result.input[result.decision.unmatched[0]["offset"]] == "ⅳ"
    assert rebuild(result.output_bytes(), result.log().to_json()) == data
