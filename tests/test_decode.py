"""bytes -> str: BOMs, UTF-8, stray bytes, restricted detection, binary refusal."""

from __future__ import annotations

import codecs
import importlib.util

import pytest

import cleaner
from cleaner.decode import BinaryInput, DecodeError, decode

from conftest import ROOT, shared_dir

CHINESE = "中國正在起草新的五年計劃，把科技自立自強放在核心位置。「台灣」繁體字測試：資訊、電腦。經濟成長率為百分之四點八。"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be"),
     (codecs.BOM_UTF32_LE, "utf_32_le"), (codecs.BOM_UTF32_BE, "utf_32_be")],
)
def test_bom_decides_first(bom, codec):
    text, decision = decode(bom + "Straße 中国\r\n".encode(codec))
    assert text == "Straße 中国\r\n"
    assert (decision.encoding, decision.method, decision.bom, decision.newline) == (codec, "bom", True, "crlf")


def test_utf16_without_bom_is_detected():
    text, decision = decode("Hello world, this is UTF-16 text without a mark.\n".encode("utf_16_le"))
    assert text == "Hello world, this is UTF-16 text without a mark.\n"
    assert decision.method == "detected"


@pytest.mark.parametrize("sample", ["très bien, à bientôt", "Die Straße gehört uns", "Ça coûte 5 €"])
def test_short_western_european_is_never_read_as_cp1250(sample):
    text, decision = decode(sample.encode("cp1252"))
    assert text == sample
    assert decision.encoding in ("cp1252", "latin_1")


@pytest.mark.parametrize("codec", ["gb18030", "big5", "utf_8"])
def test_chinese_survives_byte_for_byte(codec):
    data = CHINESE.encode(codec)
    result = cleaner.clean_bytes(data)
    assert result.input == CHINESE
    assert result.text == CHINESE + "\n"  # only the final newline is added
    assert result.text.rstrip("\n").encode(codec) == data


def test_stray_invalid_byte_keeps_utf8_and_is_reported():
    data = "Café, naïve, résumé and déjà vu — ".encode() + b"don\x92t"
    result = cleaner.clean_bytes(data)
    assert result.decision.method == "utf-8-repaired"
    assert result.text.startswith("Café, naïve, résumé and déjà vu — don’t")
    assert result.decision.invalid_bytes == [{"offset": len(data) - 2, "byte": "92", "as": "’"}]
    assert "invalid UTF-8 byte" in result.problems[0]


def test_given_encoding_overrides_detection():
    text, decision = decode("trčs".encode("cp1250"), encoding="cp1250")
    assert text == "trčs" and decision.method == "given"
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"GIF89a\x01\x00", b"PK\x03\x04\x14\x00", b"\xff\xd8\xff\xe0\x00\x10JFIF",
     b"\x1f\x8b\x08\x00" + bytes(50), b"%PDF-1.7\n"],
)
def test_binary_is_refused(data):
    with pytest.raises(BinaryInput):
        decode(data)


def test_empty_input():
    text, decision = decode(b"")
    assert (text, decision.method, decision.newline) == ("", "empty", "none")
    assert cleaner.clean_bytes(b"").text == ""


def _load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_char_dataset_at_least_as_good_as_chardet_and_charset_normalizer():
    script = _load_script("eval_decode")
    result = script.score(script.char_dataset_cases(shared_dir("data", "char-dataset")))
    right = result["right"]
    assert right["cleaner"] >= max(right["chardet"], right["charset-normalizer"]), result["misses"]
    assert right["cleaner"] / result["total"] >= 0.98, result["misses"]
    assert not [m for m in result["misses"] if m.startswith("None/")]  # every binary file refused
