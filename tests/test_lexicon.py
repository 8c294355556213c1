"""The shipped word lists the structure rules read: what each says about real words."""

import pytest

from cleaner.transforms.lexicon import closes_sentences, introduces_labels, language_of, opens_sentences


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The council said that the plan would be ready for the vote in the spring", "en"),
        ("Die Regierung hat mit der Opposition über den Plan gesprochen und ist sich nicht einig", "de"),
        ("Rząd nie przedstawił jeszcze planu, ale to ma się zmienić w przyszłym tygodniu", "pl"),
        ("El gobierno dijo que el plan estará listo para la votación de la primavera", "es"),
    ],
)
def test_language_of_tells_the_language_by_its_common_words(text, language):
    assert language_of(text.split()) == language


def test_language_of_declines_without_evidence():
    assert language_of("Debian GNOME KDE".split()) is None
    assert language_of("中文 文本 没有 大小写".split()) is None


def test_openers_are_words_capitalised_only_where_sentences_start():
    assert opens_sentences("However", "en") and opens_sentences("Dato", "it") and opens_sentences("Następnie", "pl")
    # A name, a key's label, a conjunction that opens lines of verse more than sentences:
    assert not any(opens_sentences(word, "en") for word in ("Debian", "Super", "And", "Or"))
    # Each language's own: German capitalises nouns inside sentences.
    assert not opens_sentences("Installer", "de")


def test_closers_are_short_words_sentences_end_with():
    assert closes_sentences("it", "en") and closes_sentences("all", "en")
    assert not any(closes_sentences(word, "en") for word in ("for", "the", "of"))
    assert not closes_sentences("de", "es") and not closes_sentences("và", "vi")
    assert closes_sentences("mục", "vi")  # `thư mục,`: ends clauses, so it may end a heading


def test_introducers_are_words_a_label_follows():
    assert introduces_labels("click", "en") and introduces_labels("wybierz", "pl")
    assert not introduces_labels("crash", "en")
