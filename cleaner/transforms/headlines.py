"""Headline structure at the top of an article.

No published method splits run-together headlines, so these transforms use the signals that
hold up (see DESIGN.md): the title-case ratio of non-small words, the absence of sentence
punctuation, a capitalised word repeated across alternative headlines, and document-level
evidence for multi-word names. When a signal is weak they do nothing: a wrong split is worse
than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from operator import attrgetter, eq
from typing import NamedTuple

import regex

from cleaner.cache import compiled
from cleaner.edits import Edit
from cleaner.textunits import iter_lines, word_count
from cleaner.transforms import transform
from cleaner.transforms.lexicon import closes_sentences, introduces_labels, is_common, language_of, opens_sentences

SMALL_WORDS = frozenset(
    "a an and as at but by for if in of on or the to via vs nor per with from into onto over".split()
)
# Words that start a sentence's subject: the split point when a headline runs into the body.
DETERMINERS = frozenset("The A An This These Those Its Their".split())
# A title before a name belongs to the subject ("... Plan President Xi Jinping said").
TITLES = frozenset(
    """President Prime Minister Premier Chancellor Mayor Governor Senator Secretary Chairman
    Chairwoman Chair Chief CEO Director Professor Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Sir Dame King
    Queen Prince Princess Pope General Judge Justice Ambassador Spokesman Spokeswoman Rep. Sen.
    Gov. Gen.""".split()
)
# Title Case is English's: words that open a subordinate clause, so a headline ending in one
# or a word after one ("... Keeps World Guessing When President Trump's advisers", "When
# Finance Minister Lee met") may have lost the clause's start to the body.
SUBORDINATORS = frozenset("When While After Before As If Since Because Although Though Until Unless Once Where".split())
# Words that usually open a multi-word name: a headline ending in one may have its last word
# belong to the body's subject ("... Rate Decision Ahead Deutsche Bundesbank officials said"),
# so the split is left undone.
NAME_OPENERS = frozenset(
    """New San Santa Los Las Hong Sri Saudi South North East West Central United Deutsche Royal
    National Federal European Supreme White Wall Prime Grand Lake Mount Port Fort St. Saint El La
    Le De Van Von Al Bank Air Bad Sankt Neu Nowy Nowa São Porto Puerto Ciudad Buenos Tel Abu""".split()
)
# A dateline opening the body: "BEIJING (Reuters) -", "LONDON, Nov 18 (AP) —", "PARIS —".
DATELINE = compiled(
    r"""(?x) (?<!\S)
    (?: (?! \p{Lu}{2,3} (?: , | [ ] [^\p{Lu}] ) )                      # not an acronym alone (`former CEO (Reuters)`)
        \p{Lu}[\p{Lu}.'’-]+ (?: [ ] \p{Lu}[\p{Lu}.'’-]+ ){0,3}      # the place, in capitals
        (?: , [ ] (?: [\p{L}.]{3,5} [ ] \d{1,2} (?: , [ ] \d{4} )?    # an optional date
                    | \p{Lu}[\p{L}.]* (?: [ ] \p{Lu}[\p{L}.]* ){0,3} ) )?  # or region: `, N.Y.`, `, Ohio`
        (?: [ ] \( [^()\n]{1,40} \) )?                                # the agency
      | (?P<titled> \p{Lu}\p{Ll}+ (?: [-/] \p{Lu}?\p{Ll}+ )* )          # or a one-word place in Title Case
        [ ] \( \p{L}[\p{L}./ ]{1,30} \)                                 # with its agency: `Berlin (dpa) -`
      | \( \p{L}[\p{L}. ]{1,30} \) )                                  # or the agency alone: `(Reuters) —`
    [ ] [-–—] [ ]"""
)
# A place in Title Case before a dash, with no agency (`Indianapolis – Several thousand`,
# `Dekalb, Ill. — Mike Glass`), after a lower-case word: evidence only with a lede that
# restates the headline, since a sentence may run on past a dash (`said Yes – Then`).
BARE_DATELINE = compiled(
    r"""(?x) (?<= (?<!\S) \p{Ll}[\p{Ll}'’-]* [ ] )                     # after a lower-case word
    \p{Lu}\p{Ll}+ (?: [ ] \p{Lu}\p{Ll}+ ){0,2}                        # the place
    (?: , [ ] \p{Lu}[\p{L}.]{1,15} (?: [ ] \p{Lu}[\p{L}.]* ){0,2} )?    # a region: `, Ill.`, `, NY`
    [ ] [–—-] [ ] (?= \p{Lu} )"""
)
#: A word: a run of characters that are not Unicode White_Space, the set regex's `\s` means,
#: spelled out for Python's own `re`, which finds these runs faster (every text's first line
#: is tokenised; tests/test_word_scans.py holds the set to regex's `\S+`).
TOKEN = re.compile("[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
LETTER_OR_DIGIT_WORD = compiled(r"\S*[\p{L}\p{N}]\S*")
LETTER = compiled(r"\p{L}")
LETTER_OR_DIGIT = compiled(r"[\p{L}\p{N}]")
INITIALS = compiled(r"(?:\p{Lu}\.)+")  # "U.S." ends no sentence
INITIAL = compiled(r"\p{Lu}\.")
LIST_MARKER = compiled(r"\(?(?:\d{1,2}|\p{L})\)")  # `(1)`, `2)`, `(a)`
SENTENCE_BREAK = compiled(r"[.!?]\s")
TERMINAL = compiled(r"[.!?;:,…\"”’)\]。．！？；：，、]$")  # CJK's full-width stops too: `...的收件箱。`
SENTENCE_END = compiled(r"[.!?…][\"”’)\]]?$")
ENDING_MARKS = frozenset(".!?…\"”’)]")  # what a word that SENTENCE_END finds in ends with
#: Endings a headline may have that TERMINAL would take for a sentence's: a question or an
#: exclamation (`Rs 300?`, `'We Got Her!'`; Greek asks with `;`: `Τι είναι το Debian;`), a
#: closing quote or bracket after a word.
GREEK_QUESTION = r"(?<=\p{Greek}.*);"
HEADLINE_END = compiled(rf"(?:[?!？！][\"”’')\]]?|{GREEK_QUESTION}|[\p{{L}}\p{{N}}][\"”’')\]])$")
#: A question or an exclamation ending a line, in Greek too.
QUESTION_END = compiled(rf"(?:[?!]|{GREEK_QUESTION})$")


class Token(NamedTuple):
    """A word as the text has it (`"Plan,`), with its offsets. A tuple: a headline's opening
    words are made for every text, so they cost as little to make as Python allows. The
    properties look at an ASCII first character directly and leave the rest to the
    patterns, whose Unicode tables are newer than Python's own."""

    start: int
    end: int
    text: str

    @property
    def core(self) -> str:
        """The word without surrounding punctuation or a possessive ending."""
        word = self.text.strip("\"'“”‘’()[]:,;")
        return word[:-2] if word.endswith(("'s", "’s")) else word

    @property
    def small(self) -> bool:
        return self.text.lower() in SMALL_WORDS

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        if first < "\x80" and first.isalnum():
            return first.isupper() or first.isdigit()
        found = LETTER_OR_DIGIT.search(self.text)
        return bool(found) and (found.group().isupper() or found.group().isdigit())

    @property
    def lowercase_word(self) -> bool:
        first = self.text[0]
        if first < "\x80":
            return first.islower()  # an ASCII letter in lower case (no other ASCII character is)
        return LETTER.match(first) is not None and first.islower()


def _stops(word: Token) -> bool:
    """Whether a word ends a sentence (`said.`, `now?`), initials and titles aside (`U.S.`,
    `Rep.`)."""
    if word.text[-1] not in ENDING_MARKS:
        return False
    return bool(SENTENCE_END.search(word.text)) and not INITIALS.fullmatch(word.text) and word.text not in TITLES


def _whole_word(text: str, word: str, pos: int = 0) -> Iterator[int]:
    r"""Where `word` stands whole in `text` from `pos` on: not inside a longer word (`plan`,
    not `planet`). What `(?<!\p{L})word(?!\p{L})` finds, left to right, without compiling a
    pattern for each word of each text (that compiling was a sixth of a short record's cost)."""
    if not word:
        return
    at = text.find(word, pos)
    while at >= 0:
        if not (at and LETTER.match(text, at - 1)) and not LETTER.match(text, at + len(word)):
            yield at
            at = text.find(word, at + len(word))
        else:
            at = text.find(word, at + 1)


def _has_whole_word(text: str, word: str, pos: int = 0) -> bool:
    return next(_whole_word(text, word, pos), None) is not None


SPACE = compiled(r"\s")
LOWER = compiled(r"\p{Ll}")


def _after_lower(text: str, at: int) -> int | None:
    r"""Where `\p{Ll}[,;]?\s+` ends at `at` starts: a word after a lower-case letter (and a
    comma or semicolon) and white space, inside a sentence; None when none does."""
    start = at
    while start and SPACE.match(text, start - 1):
        start -= 1
    if start == at or not start:
        return None
    if text[start - 1] in ",;" and start > 1:
        start -= 1
    return start - 1 if LOWER.match(text, start - 1) else None


#: Makes a Token without NamedTuple's own `__new__`, a Python function (with `re`, 29 -> 19 us
#: for a short record's first line).
_token = partial(tuple.__new__, Token)


def tokens(line: str, offset: int = 0) -> list[Token]:
    return [_token((offset + m.start(), offset + m.end(), m.group())) for m in TOKEN.finditer(line)]


def title_case_ratio(words: list[Token]) -> float:
    """Share of non-small words that are capitalised (1.0 for a Title Case headline)."""
    content = [w for w in words if not w.small]
    if not content:
        return 0.0
    return sum(w.capitalised for w in content) / len(content)


def first_lines(text: str, count: int) -> list[tuple[int, int, str]]:
    """The first `count` non-blank lines as (start, end, line)."""
    found = []
    for start, end, line in iter_lines(text):
        if line.strip():
            found.append((start, end, line))
            if len(found) == count:
                break
    return found


@transform()
def headline_cluster(text: str, min_words: int = 12, window: int = 3, max_length: int = 1000) -> list[Edit]:
    """Remove a line of alternative headlines run together near the top.

    Such a line is long, Title Case, has no terminal punctuation, and repeats its subject
    ("China's Tech Blueprint ... China Charts Its Own Tech Course"): one word three times, or
    two words twice each. A single long headline rarely repeats content words like that.
    Lines over `max_length` characters are prose, not headlines, and are not looked at; a
    line with several commas is a list (credits, names), not headlines. The repeated word
    must come back in the text below the line: alternative headlines are about the article
    under them, and a line with nothing under it is never removed. The line must be a
    paragraph of its own: a line inside a block is a list's item or a wrapped sentence's part.
    """
    edits = []
    for start, end, line in first_lines(text, window):
        if len(line) > max_length or TERMINAL.search(line.rstrip()) or line.count(",") >= 2 or CJK_SENTENCE_END.search(line):
            continue  # prose: it ends like a sentence, or holds a Chinese or Japanese one
        if not _own_paragraph(text, start, end):
            continue
        words = tokens(line)
        if len(words) < min_words:
            continue
        if title_case_ratio(words) < 0.85:
            continue
        counts: dict[str, int] = {}
        for word in words:
            if not word.small and word.capitalised and not word.core.isdigit():
                counts[word.core] = counts.get(word.core, 0) + 1
        repeats = sorted(counts.values(), reverse=True)
        if repeats and (repeats[0] >= 3 or (len(repeats) > 1 and repeats[1] >= 2)):
            repeated = [word for word, count in counts.items() if count >= 2]
            if any(_has_whole_word(text, word, end) for word in repeated):
                edits.append(Edit(start, end, ""))
    return edits


def _own_paragraph(text: str, start: int, end: int) -> bool:
    """Whether the line from `start` to `end` has no text line directly above or below it."""
    above = text[text.rfind("\n", 0, start - 1) + 1 : start - 1] if start else ""
    below_end = text.find("\n", end)
    below = text[end : len(text) if below_end < 0 else below_end] if text[end - 1 : end] == "\n" else ""
    return not above.strip() and not below.strip()


def _subject_start(words: list[Token], run_end: int, text: str) -> int:
    """Index of the first word of the body's subject inside the title-case run.

    A determiner in a Title Case headline (small words lower case) marks the subject
    ("... Takes Effect The European Union and Canada"). Otherwise the subject is the last
    capitalised word, extended backwards over titles and over names the document also uses
    elsewhere ("Xi Jinping"), when something says a sentence starts there (`_starts_here`,
    `_restated_title`).
    """
    for index in range(run_end - 1, 3, -1):
        if words[index].text in DETERMINERS and run_end - index <= 8:
            # In Start Case ("Plan For The Future") a determiner is no boundary.
            if not any(w.small and w.capitalised for w in words[1:index]):
                return index
            break
    subject = run_end - 1
    while subject > 0 and run_end - subject < 4:
        previous = words[subject - 1]
        if previous.small or not previous.capitalised:
            break
        phrase = " ".join(w.text for w in words[subject - 1 : run_end])
        if text.count(phrase) > 1 or previous.text in TITLES:
            subject -= 1
        else:
            break
    # A title shortly before the subject heads a name: "Governor Andrew Bailey said".
    for back in range(1, 4):
        index = subject - back
        if index < 0 or words[index].small or not words[index].capitalised:
            break
        if words[index].text in TITLES:
            while index > 0 and words[index - 1].text in TITLES:
                index -= 1
            return index
    if subject < run_end - 1 or _starts_here(words, subject, text):
        return subject
    if _restated_title(words, subject, text):
        return subject
    return 0  # no evidence that the body starts at this word rather than inside a name


def _restated_title(words: list[Token], subject: int, text: str) -> bool:
    """Whether a Title Case headline's words are said again, in lower case, by the sentence
    that opens at `words[subject]` (`...Being ‘Pulled Into The Enterprise’ Apple was "pulled
    into the enterprise," CEO Tim Cook said`): a lede restating its headline, so its subject
    starts here, when that word cannot end a name begun before it: it opens sentences (`...Moon
    Europa A team led by ... Jupiter's icy moon Europa`), or the headline's last word is a
    common word the text writes in lower case (`Enterprise`), not a first name (`Britain's
    Andy⏎Murray`)."""
    if subject < 2:
        return False
    word, previous = words[subject], words[subject - 1]
    opens = word.text in SENTENCE_OPENERS or word.text in LETTER_OPENERS
    if not (opens and words[subject + 1].lowercase_word or _common(previous, text)):
        return False
    # The opening words stop a few past the run; the sentence is read on from the text.
    sentence = _first_sentence(tokens(text[word.start : word.start + 1000], word.start))
    return _restates(words[:subject], sentence, cased=False)


def _capitals(word: str) -> bool:
    """A word written in capitals (`EASES`, `U.S.`), not merely capitalised."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


OPENING_QUOTE = compiled(r"^[\"“‘„«‚‹]")


def _starts_here(words: list[Token], subject: int, text: str) -> bool:
    """Evidence that the body starts at `words[subject]`, not inside a name (`Britain's
    Andy⏎Murray`): the headline before is in capitals and this word is not (`EASES
    Germany's`; but `MARTA WAS WATCHING THE GAME with me` is a sentence set in capitals up
    to its small word), it opens a quotation (`Cuts “We have`), it is a common word the text
    also writes in lower case (`Unveiled The city`), or the text names it again alone
    while the headline's last word is a common word (`Plan⏎China ... a new plan ... China`;
    `Andy` is never written in lower case)."""
    word = words[subject]
    if all(_capitals(w.text) for w in words[:subject]) and not _capitals(word.text) and LETTER.match(word.text) and word.capitalised:
        return True  # not a number (`HOW TO PROVE IT, PART 5 proof by...`), nor a lower-case word (`...THE GAME with me`): it goes on
    if OPENING_QUOTE.match(word.text):
        return True
    if _common(word, text):
        return True
    return _named_alone(words, subject, text) and _common(words[subject - 1], text)


def _common(word: Token, text: str) -> bool:
    """Whether a capitalised word is also written in lower case in the text: a common word,
    not a name."""
    lower = word.core.lower()
    return lower != word.core and _has_whole_word(text, lower)


def _named_alone(words: list[Token], subject: int, text: str) -> bool:
    """Whether the document names the subject elsewhere without the word before it here:
    `China` again in `China's leaders`, where `Andy⏎Murray` never shows `Murray` alone
    and `Drug⏎Abuse` shows `Drug Abuse` again."""
    if subject < 1:
        return False
    name, before = words[subject].core, words[subject - 1].core
    if len(name) < 2:
        return False
    found = False
    for at in _whole_word(text, name, words[subject].end):
        preceding = text[max(0, at - len(before) - 1) : at].strip()
        if preceding == before:
            return False  # the two words go together: a name
        found = True
    return found


# A page's title and its social-media title, run together: the same headline twice, one or
# both carrying the site's name after a separator (`Tram line opens in May Tram line opens in
# May - City Herald`, `City Herald | Tram line opens in May Tram line opens in May`); Chinese
# and Japanese titles put it after `_` or `|` with no space (`北京地铁新线五月开通_新浪新闻`).
CJK_SCRIPTS = r"\p{Han}\p{Hiragana}\p{Katakana}"
UNSPACED_LETTER = rf"[{CJK_SCRIPTS}\p{{Thai}}]"  # scripts that put no space between words
AFFIX_SEPARATOR = compiled(rf"\s+(?:\||-|–|—|:|::|·|»)\s+|(?<={UNSPACED_LETTER})[_|｜](?=\S)")
UNSPACED = compiled(UNSPACED_LETTER)
LABEL_BAR = compiled(r"[|｜_·]")


def _headline_spans(variant: str, outer: str = "") -> list[tuple[int, int]]:
    """The spans a title variant's headline may take, widest first: the whole variant, or
    it without short parts split off at either end by ` | `, ` - `... (`_site_part`): a
    site's name, or a part of the headline itself that the other copy will show (`Flex — a
    better Lex`). A short part beside a bar (`| Opinion`) is a label wherever it is: it
    always goes. A part split off must be narrower or lighter than the headline, except at
    the line's `outer` end (`start` or `end`), where a site's name stands beside a short
    headline (`Debian Handbook | aptitude aptitude`)."""
    separators = list(AFFIX_SEPARATOR.finditer(variant))
    bounds = [0] + [pos for m in separators for pos in (m.start(), m.end())] + [len(variant)]
    parts = [variant[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    starts, ends = bounds[0::2], bounds[1::2]
    barred = [bool(LABEL_BAR.search(m.group())) for m in separators]
    named = [_site_part(part) for part in parts]
    # Only the parts before the first that can be no site's name may go at the start, and
    # only those after the last at the end.
    first_most = named.index(False) if False in named else len(parts) - 1
    last_least = len(parts) - 1 - named[::-1].index(False) if False in named else 0
    spans = []
    for first in range(first_most + 1):
        for last in range(max(first, last_least), len(parts)):
            kept = variant[starts[first] : ends[last]]
            width, weight = _width(kept), _word_weight(kept)
            lighter = lambda part: _width(part) < width or _word_weight(part) < weight  # noqa: E731
            if not (outer == "start" or all(map(lighter, parts[:first]))) or not (outer == "end" or all(map(lighter, parts[last + 1 :]))):
                continue
            if first < last and (barred[first] and named[first] and lighter(parts[first]) or barred[last - 1] and named[last] and lighter(parts[last])):
                continue  # `The Guardian view on ... | Editorial`: a label both copies carry
            spans.append((starts[first], ends[last]))
    return sorted(spans, key=lambda span: span[0] - span[1])


def _site_part(part: str) -> bool:
    """Whether a part split off a title may be a site's name or a label: five words at most,
    no sentence's end in it (`Co mówi mój? - Słodki.` is a dialogue); it must also be
    narrower or lighter than the headline it leaves (a Latin name beside a Chinese title is
    as wide)."""
    words = tokens(part)
    return len(words) <= 5 and not any(_stops(word) and not word.text.endswith("!") for word in words)  # `Yahoo!` is a name


def _common_headline(line: str, first_end: int, second_start: int, outer: bool = False) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The widest headline both copies hold, each without a site-name part (`outer`: a
    heavier one too at the line's ends, `_headline_spans`): its span in the first copy and
    in the second, or None."""
    seconds = {line[second_start + a : second_start + b]: (second_start + a, second_start + b) for a, b in _headline_spans(line[second_start:], "end" if outer else "")}
    for a, b in _headline_spans(line[:first_end], "start" if outer else ""):
        if line[a:b] in seconds:
            return (a, b), seconds[line[a:b]]
    return None


def _width(part: str) -> int:
    """A part's length, a letter of a script written without spaces counting twice (it says
    about as much as two Latin letters and is printed as wide)."""
    return len(part) + len(UNSPACED.findall(part))


def _repeats_words(words: list[str], count: int) -> bool:
    """Whether some `count` words in a row occur twice: a headline said twice does."""
    runs = [tuple(words[i : i + count]) for i in range(len(words) - count + 1)]
    return len(set(runs)) < len(runs)


def _word_weight(headline: str) -> int:
    """How many words a headline holds, two letters of a script written without spaces
    counting as one (`北京地铁新线五月开通` weighs five)."""
    unspaced = len(UNSPACED.findall(headline))
    spaced = [w for w in LETTER_OR_DIGIT_WORD.findall(headline) if not UNSPACED.search(w)]
    return len(spaced) + unspaced // 2


def _copy_starts(line: str, probe: int = 4) -> list[int]:
    """Where a second copy of a headline may start: after a space, or in a line of a script
    written without spaces between two of its letters (`标题_新浪新闻标题`), where the first
    `probe` characters of a part before it come again (the headline starts a part in both
    copies), or before a part that starts as the line does (`Title Site | Title`)."""
    heads = [0] + [m.end() for m in AFFIX_SEPARATOR.finditer(line)]
    places = [m.end() for m in regex.finditer(r" ", line)]
    places += [m.start() for m in UNSPACED.finditer(line, 1) if line[m.start() - 1] != " "]
    return sorted(
        i for i in places
        if any(line.startswith(line[p : p + probe], i) for p in heads if p < i)
        or any(line.startswith(line[:probe], q) for q in heads if q > i)
    )


@transform()
def doubled_headline(
    text: str, window: int = 3, min_words: int = 3, max_length: int = 400, max_parts: int = 10, max_starts: int = 40, max_short: int = 160
) -> list[Edit]:
    """Keep one copy of a headline that a page's title and social title put on one line twice.

    Exact evidence only: the line must split into two parts whose headlines, each without a
    short site-name part, are the same text of `min_words` words or more (in Chinese or
    Japanese, twice as many letters, and a site name must be there: a line of verse may say
    itself twice; fewer words with a site's name beside them on a line of `max_short`
    characters at most, `_short_enough`), found
    exactly twice on a line of `max_parts` separators at most. That tells both that it is a
    headline and where it ends; anything less is left alone.
    """
    for start, end, line in first_lines(text, window):
        line = line.rstrip()  # spaces at its end are the layout rules' (WS002), not the title's
        if len(line) > max_length:
            continue
        split = line.split()
        pairs = _repeats_words(split, 2)  # two words twice: as a longer headline's are
        # A shorter headline (one word twice in a row, `aptitude aptitude`, or two words
        # twice) needs a site's name beside it (`_short_enough`), on a title's short line.
        short = len(line) <= max_short and (pairs or any(map(eq, split, split[1:]))) and AFFIX_SEPARATOR.search(line) is not None
        if not (short or (pairs or min_words < 2) and _repeats_words(split, min_words) or UNSPACED.search(line)):
            continue
        if len(AFFIX_SEPARATOR.findall(line)) > max_parts:
            continue  # a list, a dialogue, a ruler (`a - b - c - ...`), not two titles
        starts = _copy_starts(line)
        if len(starts) > max_starts:
            continue  # its words come again and again: a pattern of the text's own, and slow to try
        alone = _own_paragraph(text, start, end)
        for second_start in starts:
            first_end = second_start - 1 if line[second_start - 1] == " " else second_start
            common = _common_headline(line, first_end, second_start)
            heavier = common is None and short  # a site's name heavier than a short headline
            if heavier:
                common = _common_headline(line, first_end, second_start, outer=True)
            if common is None:
                continue
            first, second = common
            headline = line[slice(*first)]
            weight = _word_weight(headline)
            if not weight or heavier and weight >= min_words:
                continue  # not a headline's words twice (`> > > > > >` quotes mail); a heavier part beside a long headline is its subtitle
            if line.find(headline) != first[0] or line.find(headline, first[0] + 1) != second[0] or line.find(headline, second[0] + 1) >= 0:
                continue  # found more than twice: a pattern of the text's own
            affix = line[: first[0]] + line[first[1] : second[0]] + line[second[1] :]
            affixed = bool(affix.strip())
            if weight < min_words and not _short_enough(headline, weight, affix, alone, text[:start] + text[start + len(line) :]):
                continue
            if not affixed and (SENTENCE_END.search(headline) or SENTENCE_BREAK.search(headline) or UNSPACED.search(headline)):
                return []  # a sentence said twice (`Run! Run!`, `一闪一闪亮晶晶 一闪一闪亮晶晶`) with no site name is the text's own
            return [Edit(start, start + len(line), headline)]
    return []


def _short_enough(headline: str, weight: int, affix: str, alone: bool, elsewhere: str) -> bool:
    """Whether a headline of one or two words (`weight`) said twice on a line is evidence
    enough: on a line that is a paragraph of its own (`alone`; a verse's line has others
    beside it), with a site's name beside it (the `affix`: `Utoljára módosítva Utoljára
    módosítva - GNOME Help`), two words the rest of the text (`elsewhere`) never says twice
    in a row (`New York New York` is a name), or one word that `_one_word_title` takes for a
    title (`aptitude aptitude - Debian Handbook`, where `Bora Bora - Travel Guide` stays)."""
    if not alone or not _names_a_site(affix):
        return False
    if weight >= 2:
        return f"{headline} {headline}" not in elsewhere
    return _one_word_title(headline, elsewhere)


#: A site's name: a capital, a digit or a domain's dot in it (`GNOME Help`, `9to5Mac`, `nj.com`).
SITE_NAME = compiled(r"\p{Lu}|\p{N}|\p{L}\.\p{L}")


def _names_a_site(affix: str) -> bool:
    """Whether the words beside a headline's two copies may be a site's name: a name, so
    capitalised, with a digit or a domain (`heise.de`), or in a script without case
    (`新浪新闻`); a describing phrase (`- web-based feed reader`) is no site."""
    letters = [c for c in affix if c.isalpha()]
    if not letters:
        return False
    return SITE_NAME.search(affix) is not None or all(c.lower() == c.upper() for c in letters)


#: Determiners and pronouns that open sentences, capitalised only there (a closed class per
#: language: a name is never made of them alone): the body's first word after a
#: sentence-case headline.
SENTENCE_OPENERS = frozenset(
    """The An This These Those It He She They We Its Their His Her Our
    Der Die Das Ein Eine Dieser Diese Dieses Er Es Wir
    El La Los Las Un Una Este Esta Estos Estas Ella Ellos Nosotros
    Le Les Une Ce Cette Ces Il Elle Ils Elles Nous On
    Lo Gli Uno Questo Questa Questi Queste
    Os Um Uma Esse Essa Eles Elas
    De Het Een Deze Dit Dat Hij Zij Wij
    Ten Ta To Te Ona Ono Oni One My
    Tento Tato Toto Tyto
    Это Эта Этот Эти Он Она Оно Они Мы Цей Ця Це Ці Тази Това
    En Et Ei Den Det Dette Denne Disse Vi Han Hun
    Aquest Aquesta Aquests Aquestes Acest Această Acești Aceste
    Ini Itu Kami Mereka Bu Bir Bunlar Az Egy Ez Tämä Hän
    Το Οι Τα Αυτό Αυτή Αυτός
    Another Some Many Several Every Each Both Our Your We You Two Three Four Five
    As When While If Before Since Although Though Because Once Until Unless Following
    In On At For With From During Despite Amid Among Under
    Als Wenn Während Nach Seit Obwohl Weil Nachdem Auf Für Mit Bei Durch Laut
    Cuando Mientras Después Antes Desde Aunque Porque Con Para Por Tras Según Durante
    Quand Lorsque Après Avant Depuis Parce Dans Pour Avec Sur Selon Pendant
    Quando Mentre Dopo Prima Anche Perché Secondo Enquanto Depois Embora Porque Em Segundo
    Gdy Kiedy Jeśli Jeżeli Przed Chociaż Ponieważ Dla Podczas Według
    Wanneer Terwijl Sinds Omdat Tijdens""".split()
)  # not `Sie` nor `Ci` (German and Polish capitalise a polite "you"), `I`, nor one-letter
# words (`registro A`), nor words that mean something else in another language: English
# `Most`, `Last`, `After` are German nouns, German `Im` is English `I'm` typed without its
# apostrophe
#: A headline does not end in these; a "headline" that does is the opening clause of a sentence.
CLAUSE_ENDS = (",", ";", ":", "(", "–", "—", "-")


@transform()
def glued_headline(
    text: str, min_headline_words: int = 5, min_body_words: int = 15, scan_chars: int = 2000
) -> list[Edit]:
    """Put a headline glued to the first sentence on its own paragraph.

    "China Charts Sovereign Tech Future in New Five-Year Plan China is drafting a new plan..."
    The first paragraph must open with a Title Case run ended by a lower-case word (or by a
    dateline: "... Chip Industry BEIJING (Reuters) - China's cabinet"; a Title Case place and
    its dash with no agency only before a lede restating the headline), or with a sentence-case
    headline before a capitalised common word, and be long prose after it; a Chinese or
    Japanese title ends at a space between two CJK letters when its first sentence repeats
    it. Where the evidence is weak (a headline whose last word may open the subject's name)
    it is left alone.
    Only the line's first `scan_chars` characters are tokenised: the boundary is near the top.
    """
    lines = first_lines(text, 1)
    if not lines:
        return []
    start, _, line = lines[0]
    dateline = DATELINE.search(line[:scan_chars])
    if dateline and dateline.start() > 0:
        headline = tokens(line[: dateline.start()], start)
        body = tokens(line[dateline.start() :], start + dateline.start())
        if headline[-1:] and headline[-1].text.endswith(CLAUSE_ENDS):
            return []  # `... Officer New York, NY –`: the dateline starts before the comma
        if headline[-1:] and (headline[-1].small or headline[-1].text in NAME_OPENERS or _leaves_open(headline[-1], lambda: _language(headline))):
            return []  # `...kill Omar New York (AP) —`, `...Frankfurt am Main (dpa) -`: the place starts before
        if dateline.group("titled") and headline[-1:] and headline[-1].capitalised and not _capitalises_nouns(body, headline):
            return []  # `... Hà Nội (TTXVN) -`: a capitalised word before the place may be its first; in German, a noun
        if len(body) >= min_body_words and headline and (_is_headline(headline, min_headline_words) or _before_dateline(headline, body)):
            return [Edit(headline[-1].end, body[0].start, "\n\n")]
        return []
    bare = _bare_dateline(line[:scan_chars], start, min_body_words)
    if bare is not None:
        return [bare]
    unspaced = _unspaced_boundary(line[:scan_chars])
    if unspaced is not None:
        return [Edit(start + unspaced, start + unspaced + 1, "\n\n")]
    if not SENTENCE_END.search(line.rstrip()) and not SENTENCE_BREAK.search(line):
        return []  # not prose after the headline
    leading = _leading_tokens(line, start, scan_chars)
    if len(leading) <= min_body_words:
        return []  # each way to split needs two words or more before a body this long (and may take one word more than `leading`)
    words = _opening_words(line, start, scan_chars, min_body_words, leading)
    subject = _title_case_boundary(words, text, min_headline_words, min_body_words)
    if subject is None:
        words = leading
        subject = _sentence_case_boundary(words, text, min_body_words)
    if subject is None:
        subject = _restated_boundary(words, text, min_body_words)
    if subject is None:
        subject = _said_again(words, text, min_body_words)
    if subject is None:
        subject = _doubled_at_boundary(words, text, min_body_words)
    if subject is None:
        return []
    return [Edit(words[subject - 1].end, words[subject].start, "\n\n")]


#: Chinese and Japanese: a space between two of their letters, which their prose does not
#: put there (it spaces only around Latin words and digits).
CJK_LETTER = f"[{CJK_SCRIPTS}]"
CJK_SPACE = compiled(rf"(?<={CJK_LETTER}) (?={CJK_LETTER})")
#: Punctuation that ends or divides a sentence or clause, in CJK and ASCII forms.
CJK_CLAUSE = compiled(r"[。．，、！？：；,.!?:;]")
CJK_SENTENCE_END = compiled(r"[。！？]")
#: Particles and function characters that leave a phrase open (`これは 重要`, `我们的 目标`,
#: `によって`): a title's part does not end in them.
CJK_OPEN_END = compiled(r"(?:は|が|を|に|で|と|の|も|へ|や|か|て|から|まで|より|的|了|在|和|与|及|是|把|被|对|从|向|为)$")
#: ... nor does a sentence start with one (`耐火金庫 は紙の文書`, `防火墙 是计算机`).
CJK_OPEN_START = compiled(r"(?:は|が|を|に|で|と|の|も|へ|や|か|から|まで|より|的|了|和|与|及|是|把|被|对|向|为|包括)")


def _unspaced_boundary(line: str, max_head: int = 40, min_body: int = 20) -> int | None:
    """The offset of the space between a Chinese or Japanese title and its body (`仮想コンソール
    デフォルトの Debian システムでは、...。`): the first space between two CJK letters, after a
    head of at most `max_head` characters with no clause punctuation that does not end in a
    particle, before a body of `min_body` characters or more that ends a sentence (`。`) before
    it puts another space between two CJK letters (verse, a segmented text: `白日依山尽 黄河入海流`,
    `我 爱 北京`) and before it is done with its first clause."""
    space = CJK_SPACE.search(line, 0, max_head + 1)
    if space is None:
        return None
    head, body = line[: space.start()], line[space.end() :]
    if not head.strip() or head != head.lstrip() or CJK_CLAUSE.search(head):
        return None
    if any(CJK_OPEN_START.match(part) or CJK_OPEN_END.search(part) for part in head.split()):
        return None  # a clause's parts around a Latin word (`Debian は Debian Salsa サービス 経由で`)
    if len(body) < min_body or not _balanced(head):
        return None
    clause = CJK_CLAUSE.search(body)
    first = body[: clause.start()] if clause else body
    end = CJK_SENTENCE_END.search(body)
    if end is None or CJK_SPACE.search(first) or CJK_OPEN_START.match(body):
        return None
    return space.start() if _restates_unspaced(head, body[: end.end()]) else None


def _restates_unspaced(head: str, sentence: str, min_share: float = 0.3) -> bool:
    """Whether the sentence repeats `min_share` of the head's pairs of CJK letters: a title's
    words come back in its first sentence (`ソケット ソケットは...`), where a noun and a word
    its sentence goes on with (`ユニコード 文字セットは`) share nothing."""
    letters = regex.findall(CJK_LETTER, head)
    pairs = {a + b for a, b in zip(letters, letters[1:])}
    if not pairs:
        return False
    found = sum(pair in sentence for pair in pairs)
    return found >= min_share * len(pairs)


def _before_dateline(headline: list[Token], body: list[Token], min_words: int = 3) -> bool:
    """A sentence-case headline before a dateline (`Nadal keeps Spain alive in Davis Cup
    Finals MADRID — Rafael Nadal...`): the dateline is the boundary, so the headline needs
    only to be one: a few words, capitalised first, no sentence ended inside, nothing left
    open, and not in capitals where it meets the place (`... INFLATION EASES FRANKFURT`
    does not say where the place starts; before an agency alone there is no place: `...
    and former CEO (Reuters) —`)."""
    if len(headline) < min_words or not headline[0].capitalised:
        return False
    if _capitals(headline[-1].text) and not body[0].text.startswith("("):
        return False
    lede = _after_dateline(body)
    if not lede or not lede[0].capitalised:
        return False  # `APT - это просто`, `RSA — открытый`: a dash saying "is", not a dateline
    if any(map(_stops, headline)) or not WORD_END.search(headline[-1].text):
        return False  # a sentence ended inside, or a sign ends it (`(litri di caffe' * camel filters) +`)
    return _ends_headline(headline, lede)


def _bare_dateline(line: str, offset: int, min_body_words: int) -> Edit | None:
    """The break before a Title Case place and its dash (BARE_DATELINE) ending a
    sentence-case headline, when the lede after the dash restates the headline (`...pack
    Indiana Statehouse for protest Indianapolis – Several thousand teachers ... surrounded
    the Indiana Statehouse`)."""
    match = BARE_DATELINE.search(line)
    if match is None:
        return None
    headline = tokens(line[: match.start()], offset)
    body = tokens(line[match.start() :], offset + match.start())
    lede = tokens(line[match.end() :], offset + match.end())
    if len(lede) < min_body_words or not _before_dateline(headline, body):
        return None
    if not headline[-1].lowercase_word or headline[-1].small or _leaves_open(headline[-1], lambda: _language(headline)):
        return None
    if _capitalises_nouns(lede, headline):
        return None
    if not _restated(headline, lede):
        return None
    return Edit(headline[-1].end, body[0].start, "\n\n")


#: How a headline's last word ends: a letter or a digit, a question, an exclamation, or a
#: quote or a bracket closed after one.
WORD_END = compiled(r"[\p{L}\p{N}?!][\"”’')\]]?$")


def _after_dateline(body: list[Token]) -> list[Token]:
    """The words after the dateline's dash: the lede, whose first word is capitalised as a
    sentence's first is."""
    for index, word in enumerate(body[:-1]):
        if word.text in ("-", "–", "—"):
            return body[index + 1 :]
    return []


def _title_case_boundary(words: list[Token], text: str, min_headline_words: int, min_body_words: int) -> int | None:
    """Where the body starts after a Title Case headline: the first word of its subject."""
    run_end = 0
    while run_end < len(words) and (words[run_end].capitalised or words[run_end].small):
        if _stops(words[run_end]):
            # a sentence ended inside the run: this is prose, not a headline, unless the
            # headline is a Title Case question or exclamation (`...For Rs 300? A video`)
            return _asked(words, run_end + 1, min_headline_words, min_body_words)
        run_end += 1
    if run_end >= len(words) or not words[run_end].lowercase_word or words[run_end].small:
        return None
    subject = _subject_start(words, run_end, text)
    headline, body = words[:subject], words[subject:]
    if not _is_headline(headline, min_headline_words) or len(body) < min_body_words:
        return None
    if not _ends_headline(headline, body):
        return None
    if headline[-1].text in NAME_OPENERS or any(word.text in SUBORDINATORS for word in headline[-2:]):
        return None  # unsure where the subject's name starts, or the body's clause
    if _written_together(headline[-1], body[0], text):
        return None  # `Bab 5, Mem-boot Sistem Instalasi menjelaskan ... sistem instalasi`: one name
    return subject


#: A question or an exclamation ending a headline, a closing quote or bracket after it.
ASKED = compiled(r"[?!][\"”’')\]]?$")


def _asked(words: list[Token], end: int, min_headline_words: int, min_body_words: int) -> int | None:
    """The body's start after a Title Case headline that ends in `?` or `!` (`Fact Check: Is
    An 'Oxygen Bar' In Delhi Offering Fresh Air For Rs 300? A video...`): every longer word
    capitalised, `min_headline_words` or more, no bracket or quote left open, and a
    capitalised word and long prose after it, its first sentence five words or more. A
    question opening a paragraph of prose is written in sentence case (`Why does the river
    rise? The water...`) and stays."""
    headline, body = words[:end], words[end:]
    if not ASKED.search(headline[-1].text) or len(headline) < min_headline_words or len(body) < min_body_words:
        return None
    if title_case_ratio(headline) < 1 or sum(not w.small for w in headline) < 4 or not body[0].capitalised:
        return None
    if len(_first_sentence(body)) < 5:
        return None  # `Posters: Different! Daring! Dynamic!`: a run of cries, not a lede
    return end if _ends_headline(headline, body) else None


def _written_together(previous: Token, word: Token, text: str) -> bool:
    """Whether the text also writes the two words side by side in lower case (`sistem
    instalasi`): a phrase of its own, so its Title Case form here is a name or a title
    mentioned inside a sentence, not a headline's end and a sentence's start."""
    pair = f"{previous.core} {word.core}"
    return pair.lower() != pair and _has_whole_word(text, pair.lower())


def _ends_headline(headline: list[Token], body: list[Token]) -> bool:
    """No bracket or quote left open (`Maria Lopez (Serbia) found`), no clause cut off
    (`Following the 16-inch MacBook Pro, Apple plans`), no initial that a name or a label goes
    on from (`John F.`, `Q.`), no list's marker that its first item follows (`Laws of
    Documentation: (1)`, `(a)`): the headline may end here."""
    if not _balanced(" ".join(w.text for w in headline)):
        return False
    if INITIAL.fullmatch(headline[-1].text) or LIST_MARKER.fullmatch(headline[-1].text):
        return False
    if not LETTER_OR_DIGIT.match(body[0].text.lstrip("\"'“‘„«")):
        return False
    return not headline[-1].text.endswith(CLAUSE_ENDS)


def _sentence_case_boundary(words: list[Token], text: str, min_body_words: int, max_words: int = 20) -> int | None:
    """Where the body starts after a sentence-case headline (`Why the river is rising The
    water reached...`): the first capitalised determiner or pronoun (SENTENCE_OPENERS, a
    closed class capitalised only where a sentence starts), or a word real prose in the
    text's language capitalises only there (`_learned_opener`), after a lower-case word
    without punctuation, with a lower-case word after it (`told The Associated Press` goes
    on in capitals) unless the sentence it opens restates the headline (`...neues
    Klimagesetz Die Bundesregierung hat ... ein neues Klimagesetz beschlossen`) or, where
    nouns are capitalised, is an article before a noun the headline holds
    (`_article_and_noun`); there, after a noun too, an opener of the language that is no
    article opens the lede before a lower-case word (`_opens_among_nouns`). A headline
    does not end in a short or small word (`das Leben`, `of The`). It may be two words
    (`Galgenbruders Frühlingslied Es lenzet...`, `Sauvegardes automatiques Le serveur...`),
    but not one (`Warning This web browser...` is a label and its sentence).
    In Title Case, an opener before a capital goes on the headline, however the lede
    restates it (`Tennis Star Wins Title After Five Sets At Wimbledon`).
    An opener followed by a short word and a capital may be Title Case going on (`Mover
    Imagens TFTP Para o Lugar Em seguida`): it ends the headline only when no other opener
    follows before the first sentence ends. A one-letter article (`rabbit A case of the
    plague`) counts only when the sentence after it repeats two of the headline's words."""
    if _opens_prose(words):
        return None  # `Укором, Позором Мы...`, `Finally, the...`: one word and a comma open prose
    tentative = None
    for index in range(1, min(len(words) - 1, max_words + 1)):
        previous, word = words[index - 1], words[index]
        if _stops(previous):
            return tentative  # a sentence ended first: prose, not a headline (unless one ended before)
        if index < 2 or not word.capitalised or _capitals(word.text) or not LETTER.match(word.text):
            continue
        if not LETTER_OR_DIGIT.search(previous.text[-1]) and not _closes_aside(words, index):
            continue
        if not _goes_on_lower(words[index + 1]):
            restated = (word.text in SENTENCE_OPENERS or _learned_opener(words, index)) and _restated(words[:index], words[index:])
            if restated and previous.capitalised and _title_cased(words[1 : index - 1]):
                continue  # `Tennis Star Wins Title After Five Sets At Wimbledon`: Title Case goes on in capitals
            if not restated and not _article_and_noun(words, index) and not _opens_among_nouns(words, index):
                continue  # `told The Associated Press`; but `crash Two United States service members` restates
        if previous.small or _leaves_open(previous, lambda: _language(words)):
            continue
        if word.text not in SENTENCE_OPENERS and not (word.text in LETTER_OPENERS and _repeats_pair(words[:index], words[index:])):
            if not _learned_opener(words, index) and not _opens_among_nouns(words, index) and not _letter_preposition(words, index):
                continue  # `MacBook Pro was`, `Capitol Police, who`: names of common words
        if _phrase(previous, word, text) or _named_again(word, words[index + 1], text):
            continue
        headline, body = words[:index], words[index:]
        if _capitalised_inside(headline, word, text) or _introduced(headline) or _verse(words, index):
            continue
        if tentative is not None:
            return None  # two places to end it (`Mover Imagens TFTP Para o Lugar Em seguida`): unsure
        if len(body) < min_body_words or not _ends_headline(headline, body):
            return None
        if sum(word.text.endswith(":") for word in headline) >= 2:
            return None  # `Rezept: ... Kategorie: ... Zutaten: ...`: fields, not a headline
        if _clauses(headline):
            return None
        if index + 2 < len(words) and OPEN_ENDING.fullmatch(words[index + 1].text) and words[index + 2].capitalised:
            tentative = index  # Title Case may go on after a small word (`Para o Lugar`): look on
            continue
        return index
    return tentative


def _goes_on_lower(word: Token) -> bool:
    """Whether a word goes on a sentence in lower case, inside an opening quote too (`A
    "phase one" trade deal`)."""
    return word.lowercase_word or OPENING_QUOTE.match(word.text) is not None and word.text[1:2].islower()


def _learned_opener(words: list[Token], index: int, max_headline: int = 12) -> bool:
    """Whether `words[index]` opens a sentence by what real prose in the text's language
    shows (lexicon.opens_sentences: `However`, `Dato`, `Następnie`, capitalised at a
    sentence's start and nowhere else), after a lower-case word that does not introduce a
    label (`click`, `wybierz` before `Next`), a word in capitals (`...servidor DNS Si`) or a
    lone name (`...de Debian Además`), ending a headline of `max_headline` words at most
    with no comma in it, not in a Title Case run that goes on after it (`...Disk yang
    Dibutuhkan untuk Tugas Instalasi`), in a text that does not capitalise its nouns
    (German: there, only when its sentence repeats two of the headline's longer words in a
    row)."""
    previous, word = words[index - 1], words[index]
    if not opens_sentences(word.core):
        return False  # no language's: the text's own need not be told (most capitals are names)
    if index > max_headline or any(w.text.endswith(",") for w in words[:index]) and not _enumerates(words):
        return False
    language = _language(words)
    if not (previous.lowercase_word or _capitals(previous.text) or _lone_name(words, index - 1, language) or _closes_aside(words, index)):
        return False
    if index + 1 < len(words) and not words[index + 1].lowercase_word and _title_cased(words[1 : index - 1]):
        return False  # `Ruang Disk yang Dibutuhkan untuk Tugas Instalasi`: Title Case goes on
    if language is None or not opens_sentences(word.core, language) or _labelled(previous, words):
        return False
    return not _capitalises_nouns(words[index:], words[:index]) or _repeats_pair(words[:index], words[index:])


def _title_cased(words: list[Token], least: int = 2) -> bool:
    """Whether `least` or more of the words are capitalised, and no fewer than the longer
    lower-case ones (`Perangkat Keras dan`, `Disk yang Dibutuhkan`): a Title Case headline,
    whose next capital goes on with it, where a sentence-case one (`foros de`) may end."""
    capitalised = sum(w.capitalised and LETTER.match(w.text) is not None and not _capitals(w.text) for w in words)
    lower = sum(w.lowercase_word and not OPEN_ENDING.fullmatch(w.text) for w in words)
    return capitalised >= max(least, lower)


def _closes_aside(words: list[Token], index: int) -> bool:
    """Whether the words before `words[index]` end with a bracket that closes all they opened
    (`Configuring the Package Manager ( apt )`, `Hintergrundprozesse (Dämonprozesse)`): a
    headline may end in an aside, where a sentence would end in its stop. Not an aside
    after a colon that it labels (`Stilblüten aus Kinderaufsätzen: (Tiere)`), nor one that
    is all the words (`(Parlando di un naso grosso) Si potrebbe...`: a stage direction)."""
    if not words[index - 1].text.endswith(")"):
        return False
    headline = " ".join(w.text for w in words[:index])
    opened = headline.rfind("(")
    if opened < 1 or not _balanced(headline):
        return False
    return not headline[:opened].rstrip().endswith(":")


def _lone_name(words: list[Token], index: int, language: str | None) -> bool:
    """Whether `words[index]` is one capitalised word after a lower-case one, itself no
    sentence's opener (`...de Debian`, not `...времени Если` nor `An Associated`), in a text
    that does not capitalise its nouns (`...bringen ihm die Eltern Gehen und Sprechen bei`)."""
    word = words[index]
    if index < 1 or not words[index - 1].lowercase_word or not word.capitalised or not LETTER.match(word.text):
        return False
    if word.text in SENTENCE_OPENERS or language and opens_sentences(word.core, language):
        return False
    return language not in NOUNS_CAPITALISED and not _capitalises_nouns(words, [])


def _labelled(previous: Token, words: list[Token]) -> bool:
    """Whether `previous` is a word real prose in the text's language puts a label after
    (`opción`, `brytaren`, `click`): the capital after it names a button or an option
    (`Marque la opción Activar por teclado`)."""
    language = _language(words)
    return language is not None and introduces_labels(previous.text, language)


def _verse(words: list[Token], index: int) -> bool:
    """Whether the sentence opening at `words[index]`, or the words before it, hold another
    opener after a lower-case word or a comma (`... sing Till earth and heaven ring, Ring
    with`, `...all the way From your first slice of Brie To your last`, `...winter nights We
    waited by the stove The farmer`), or the words after that sentence hold one between a
    lower-case word, with or without its comma, and another (`...the speed of sound She
    finally looked`, `...cold and hard, It flickers`): verse run together, each
    line capitalised, not a lede under its headline. Before the boundary, a capital after a
    short word is Title Case (`Rules in Every`) and one after a colon a subtitle (`Remote
    access: Installing`)."""
    sentence = _first_sentence(words[index:])
    headline = [
        (before, after) for before, after in zip(words[: index - 1], words[1 : index - 1])
        if before.text.endswith(",") or (LETTER.match(before.text[-1:]) and not OPEN_ENDING.fullmatch(before.text))
    ]  # in a Title Case headline, a capital follows a short word (`Rules in Every`, `Terms to Your`)
    for before, after in [*headline, *zip(sentence, sentence[1:])]:
        if after.capitalised and (before.lowercase_word or before.text.endswith(",")) and _opener(after, words):
            return True
    later = words[index + len(sentence) : index + VERSE_REACH]
    return any(
        before.lowercase_word and (LETTER.search(before.text[-1]) or before.text.endswith(","))
        and after.capitalised and following.lowercase_word and _opener(after, words)
        for before, after, following in zip(later, later[1:], later[2:])
    )


#: How many of the body's words `_verse` looks at for lines run together.
VERSE_REACH = 40


def _opener(word: Token, words: list[Token]) -> bool:
    """Whether `word` opens sentences: a listed opener, or one learned for the language of
    `words`."""
    if word.text in SENTENCE_OPENERS:
        return True
    language = _language(words)
    return language is not None and opens_sentences(word.core, language)


_last_language: tuple = (None, None)


def _language(words: list[Token]) -> str | None:
    """The text's language by its words (lexicon.language_of), told once per list of words:
    the boundary loops ask at many places of one text."""
    global _last_language
    last = _last_language
    if last[0] is words:
        return last[1]
    language = language_of(w.core for w in words)
    _last_language = (words, language)
    return language


def _opens_prose(words: list[Token]) -> bool:
    """Whether the text opens as prose: not with a capital, or with one word and a comma
    (`Укором, Позором Мы...`, `Finally, the...`) that do not open a list of words (`Click,
    drag, or scroll with...`, `Klikání, přetahování a posuv`)."""
    return not words or not words[0].capitalised or words[0].text.endswith(",") and not _enumerates(words)


#: Words that join the last item of a list (`and`, `oder`, `lub`, `και`...).
COORDINATORS = frozenset(
    """and or & y o u e ou et und oder i a lub albo или и ή και og eller en of och ja tai és
    vagy ve veya dan atau và hoặc nebo alebo ili""".split()
)


def _enumerates(words: list[Token]) -> bool:
    """Whether the text opens with a list of single words, the first capitalised, that a
    phrase goes on from (`Click, drag, or scroll with the touchpad`, `Cancel, pause or
    release a print job`, `Laptops, netbooks, and other devices`); a list that a capital
    follows is verse or an opening phrase (`Укором, позором и стыдом Мы...`)."""
    if len(words) < 5 or words[2].text not in COORDINATORS:
        return False
    return all(word.lowercase_word for word in (words[1], words[3], words[4])) and not words[3].text.endswith(",")


def _introduced(headline: list[Token], within: int = 3, most: int = 3) -> bool:
    """Whether the words before a boundary are a sentence's opening phrase, its comma and a
    few words of its clause (`En Programar, seleccione`, `Como um exemplo, se você
    seleciona`): the phrase opens with one of a language's most frequent words (a
    preposition, an adverb). A headline with a comma starts with a word of its own
    (`Netzwerkkarten oder Motherboards, die PXE unterstützen`) or goes on longer after it
    (`Cerrar la sesión, apagar o cambiar de usuario`)."""
    comma = next((i for i, word in enumerate(headline[:within]) if word.text.endswith(",")), None)
    return comma is not None and len(headline) - comma - 1 <= most and is_common(headline[0].core)


def _clauses(headline: list[Token], most: int = 2) -> bool:
    """Whether the words before a boundary hold more commas than a headline does (`Клавиша
    Меню, также известная, как Приложения, находится на многих клавиатурах, ...`): a
    sentence that lost its full stop, not a headline."""
    return sum(word.text.endswith(",") for word in headline) > most


def _capitalised_inside(headline: list[Token], word: Token, text: str) -> bool:
    """Whether a word the headline does not hold is capitalised after a lower-case word
    again later in the text (`elija Por nombre, Por tamaño`; Indonesian `komputer Anda, dan
    ... perangkat keras Anda`), or is a polite pronoun, capitalised wherever it stands
    (Indonesian `Anda`, German `Sie`): a label, a name or a pronoun written so inside
    sentences, whose capital marks no sentence's start. A name the headline holds may open
    its restated lede (`Audi e-tron ... coupe Audi has revealed ... the Audi e-tron`)."""
    if word.core in POLITE:
        return True
    if any(w.core == word.core for w in headline):
        return False
    core = word.core
    at = text.find(core, word.end) if core else -1
    while at >= 0:  # `\p{Ll}[,;]?\s+core(?!\p{L})` from word.end on
        start = _after_lower(text, at)
        if start is not None and start >= word.end and not LETTER.match(text, at + len(core)):
            return True
        at = text.find(core, at + 1)
    return False


#: Pronouns of address capitalised inside sentences too.
POLITE = frozenset(("Anda", "Sie", "Ihnen"))


#: One-letter articles that open sentences (`A case of the plague...`) but also name things
#: inside them (`vitamin A deficiency`, `Plan A is`): a boundary only with a restated lede.
LETTER_OPENERS = frozenset(("A",))
#: Slavic one-letter prepositions, which open a great many sentences (`W nocy z soboty...`,
#: `В Москве...`, `V roce 2019...`) and are written in lower case inside them. Not the
#: one-letter conjunctions (`I`, `A`, `И`): they open lines of verse as often, and `I` and `A`
#: are English words and labels (`od občana A k občanu B`).
LETTER_WORDS = {
    "pl": frozenset("WZOU"), "cs": frozenset("VSZKOU"), "sk": frozenset("VSZKOU"), "sl": frozenset("VSZKOU"),
    "sh": frozenset("USKO"), "ru": frozenset("ВСКОУ"), "uk": frozenset("ВУЗ"), "bg": frozenset("ВС"),
}  # Macedonian's are two letters (`Во`, `Со`)


def _letter_preposition(words: list[Token], index: int) -> bool:
    """Whether `words[index]` is one of the one-letter words of the text's Slavic language,
    capitalised, before a lower-case word: a sentence's start (`...w centrum Krakowa W nocy
    z soboty...`). In any other language a capital letter alone names something (`vitamin
    A`, `Plan B`, `variable X is`)."""
    word = words[index]
    if len(word.text) != 1 or not words[index + 1].lowercase_word:
        return False
    language = _language(words)
    return language is not None and word.text in LETTER_WORDS.get(language, ())


#: Languages whose every noun is capitalised: a capital after a lower-case word names nothing.
NOUNS_CAPITALISED = frozenset(("de", "lb"))


def _restated(headline: list[Token], body: list[Token]) -> bool:
    """Whether the body's first sentence repeats the headline: two of its longer words in a
    row, or most of them with a name or a longer pair (`_restates`)."""
    return _repeats_pair(headline, body) or _restates(headline, _first_sentence(body))


#: Articles that a sentence in a language capitalising its nouns opens with, before its noun.
NOUN_ARTICLES = frozenset("Der Die Das Ein Eine Dieser Diese Dieses".split())


def _article_and_noun(words: list[Token], index: int) -> bool:
    """Whether `words[index]` is a capitalised article opening a sentence about the
    headline's subject in a text that capitalises its nouns (`Der Befehl apt-cache Der
    Befehl apt-cache zeigt...`, `Neue Straßenbahnlinie nach Süden Die Straßenbahnlinie
    soll...`): there the capital after an article is its noun's, not a name going on, so
    the noun must say it: the headline holds it. An article inside a sentence is capitalised
    only in a name (`die Zeitung Die Welt`, `die Fraktion Die Linke`), whose noun the words
    before do not hold; and a headline does not end in a sentence's opener (`...: Als Das
    Fahrrad`)."""
    word, previous, noun = words[index], words[index - 1], words[index + 1]
    if word.text not in NOUN_ARTICLES or previous.text in SENTENCE_OPENERS or _language(words) not in NOUNS_CAPITALISED:
        return False
    if not noun.capitalised or LETTER.match(noun.text) is None or len(noun.core) < 4:
        return False
    return noun.core.casefold() in {w.core.casefold() for w in words[:index]}


#: How a German infinitive ends, which the language capitalises as a noun inside sentences too.
INFINITIVE_ENDINGS = ("en", "ern", "eln")


def _opens_among_nouns(words: list[Token], index: int, max_headline: int = 12) -> bool:
    """Whether `words[index]` opens a sentence in a text that capitalises its nouns: a word
    real prose in the language capitalises only there (lexicon.opens_sentences: `Falls`,
    `Da`, `Hier`), no article, after a lower-case word or a noun (`Nach dem ersten
    Hochfahren Falls Sie...`, `...bleibt vorerst geschlossen Da die...`), before a lower-case
    word or a polite pronoun. Inside a German sentence such a word is capitalised only in a
    name or a title, and there a noun follows it (`die Schule Am Hasenberg`, `der Roman Im
    Westen nichts Neues`), as one follows an article (`die Zeitung Die Welt`:
    `_article_and_noun`); a verb made a noun (`beim Erstellen`) or a word after a polite
    pronoun (`Wählen Sie In Datei drucken`) is no opener."""
    previous, word, following = words[index - 1], words[index], words[index + 1]
    if index > max_headline or word.core in NOUN_ARTICLES or word.core in POLITE or previous.core in POLITE:
        return False
    if not (following.lowercase_word or following.core in POLITE) or word.core.endswith(INFINITIVE_ENDINGS):
        return False
    if not any(opens_sentences(word.core, language) for language in NOUNS_CAPITALISED):
        return False  # told before the text's language, which takes longer
    language = _language(words)
    if language not in NOUNS_CAPITALISED or not opens_sentences(word.core, language):
        return False
    if previous.lowercase_word:
        return True
    return previous.capitalised and LETTER.match(previous.text) is not None and not _opener(previous, words) and not _capitals(previous.text)


def _repeats_pair(headline: list[Token], body: list[Token]) -> bool:
    """Whether the body's first sentence repeats two of the headline's words in a row, each
    of four letters or more (`bubonic plague`, `Taylor Swift`)."""
    def pairs(words: list[Token]) -> set[tuple[str, str]]:
        cores = [w.core.casefold() for w in words]
        return {(a, b) for a, b in zip(cores, cores[1:]) if len(a) >= 4 and len(b) >= 4 and a.isalpha() and b.isalpha()}

    return bool(pairs(headline) & pairs(_first_sentence(body)))


def _restated_boundary(words: list[Token], text: str, min_body_words: int, min_words: int = 3, max_words: int = 20) -> int | None:
    """Where the body starts when its first sentence restates the headline (`Alibaba to raise
    up to $12.9bn in landmark listing Alibaba is set to raise up to $12.9bn`): a lede repeats
    its headline's words, in any language and any casing. The body must start with a
    capitalised word (a letter, not a digit; not an acronym: `server SMTP`) after a longer
    word that is neither capitalised nor small (a number is no capital: `...ngân sách năm 2025
    Chính phủ đã`), and before one that is not capitalised (a run
    of capitals may be a name the headline ends in: `... to kill Omar A New York man`), and
    its first sentence must repeat two of the headline's words in a row and most of its
    longer words. The first such place wins: a later one lies inside the sentence it opens
    (`...n’est pas reconnu Si votre adaptateur ou dongle Bluetooth n’est pas reconnu`). A
    text that opens with one word and a comma (`Finally, thanks to`) is prose; in a text
    that capitalises its nouns, a capital marks no sentence's start, unless the word is said
    twice where headline and lede meet (`...investigating WeWork WeWork is`). An article
    before the whole headline said again is a restatement in itself (`Preferencias de
    compartición Las Preferencias de compartición le permiten...`); its first words alone
    may start a name (`...still trust The New York Times`), and after a lower-case word they
    may be inside the lede (`...Dow member Acme Corp reported`): those need the restatement."""
    if _opens_prose(words):
        return None
    best = None
    for index in range(min_words, min(len(words) - 1, max_words + 1)):
        previous, word = words[index - 1], words[index]
        if _stops(previous):
            break  # a sentence ended first: prose, not a headline
        if not word.capitalised or not LETTER.match(word.text.lstrip("\"'“‘„«")):
            continue
        echoed = _echoes_opening(words, index)
        if words[index + 1].capitalised and not echoed:
            continue  # `electric 4-door coupe`, `highlight L.A. Auto Show`: inside the headline
        doubled = previous.core.casefold() == word.core.casefold()  # `...investigating WeWork WeWork is`
        if _capitals(word.text) or previous.capitalised and not (doubled or echoed) and LETTER.search(previous.text) or previous.small or _leaves_open(previous, lambda: _language(words)):
            continue
        if not LETTER_OR_DIGIT.search(previous.text[-1]) or _phrase(previous, word, text):
            continue
        headline, body = words[:index], words[index:]
        if len(body) < min_body_words or not _ends_headline(headline, body) or _clauses(headline):
            continue
        if _capitalised_inside(headline, word, text) or _introduced(headline):
            continue
        held = word.core.casefold() in {w.core.casefold() for w in headline}
        if not held and not (is_common(word.core) or _common(word, text)):
            continue  # a name the headline does not hold may go on its sentence (`arsip Debian dari`)
        if held and _labelled(previous, words) and [w.text for w in body[: len(headline)]] != [w.text for w in headline]:
            continue  # `...teclas lentas Marque la opción Activar por teclado`: a label named after the headline
        if echoed and _said_whole(words, index):
            return index  # `...compartición Las Preferencias de compartición le...`: an article before the whole headline
        if _restates(headline, _first_sentence(body)):
            if doubled or echoed:
                return index  # a word said twice where they meet, or the opening said again, is exact evidence
            best = index
            break
    if best is not None and _capitalises_nouns(words[max_words:] + tokens(text[words[-1].end : words[-1].end + 2000]), words[:max_words]):
        return None
    return best


def _said_whole(words: list[Token], index: int) -> bool:
    """Whether `words[index]` is an article or a pronoun followed by every word before it
    (`_echoes_opening` of the whole headline), then by a lower-case word (`Preferencias de
    compartición Las Preferencias de compartición le...`): the lede names the whole headline
    as its subject."""
    after = 2 * index + 1
    return after < len(words) and words[after].lowercase_word and _echoes_opening(words, index, length=index)


def _said_again(words: list[Token], text: str, min_body_words: int, most: int = 12) -> int | None:
    """k when the text opens with a title of k words said again as its first sentence's
    first words (`Dynamisches Routing Dynamisches Routing ermöglicht...`, `Time
    Synchronization Time synchronization, which...`): exact evidence of where the title
    ends, in any language. One word must be written the same and pass `_one_word_title`
    (`aptitude aptitude ist...`). More words may change case (a title's capitals), but:
    the second copy opens with a capital, as a sentence does (`Never again never again`);
    the words are not one word said over (`No no No no`) and one has four letters or more
    (`Go on Go on`); a one-letter first word is written in lower case elsewhere (`O
    script`, `o bit`), not capitalised anywhere (`I know I know`); the title
    ends as a headline may; a long body follows; and the words are no refrain (`Happy
    birthday to you Happy birthday to you Happy birthday dear...`). A name of two words
    said twice (`New York New York`) goes only where the text never says it twice again."""
    opening = words[0].text
    limit = min(most, (len(words) - min_body_words) // 2)
    if limit < 1:
        return None
    span = text[words[1].start : words[limit].end]
    shouted = _capitals(opening)  # a title in capitals, said again in sentence case (`ЯЗЫКОВОЙ РЕДАКТОР Языковой редактор`)
    if opening not in span and not (shouted and opening.casefold() in span.casefold()):
        return None  # the first word does not come again (most texts): no copy starts
    folded = opening.casefold() if shouted else opening
    starts = [k for k, word in enumerate(words[1 : limit + 1], 1) if word.text == opening or k == 1 and word.core == opening or shouted and word.text.casefold() == folded]
    for k in starts:  # where a second copy may start: most texts have none
        head, again = words[:k], words[k : 2 * k]
        if any(map(_stops, head)):
            return None  # a sentence ended: prose, not a title
        if [w.text.casefold() for w in head] != [w.text.casefold() for w in again[:-1]] + [again[-1].core.casefold()]:
            continue
        if k == 1:
            if head[0].text == again[0].core and _one_word_title(head[0].text, text[again[0].end :]):
                return 1
            continue
        if not _ends_headline(head, words[k:]) or head[0].capitalised and not again[0].capitalised:
            return None
        if len({w.text.casefold() for w in head}) == 1 or all(len(w.core) < 4 for w in head):
            return None
        if len(head[0].core) == 1 and not _common(head[0], text):
            return None
        phrase = " ".join(w.text for w in head)
        if _refrain(words, k) or f"{phrase} {phrase}" in text[again[-1].end :]:
            return None
        return k
    return None


def _doubled_at_boundary(words: list[Token], text: str, min_body_words: int, max_words: int = 20) -> int | None:
    """Where the body starts when the title's last word is the lede's first, written the
    same (`KDE und Plasma Plasma hat...`, `Et kig mod Debian Debian er...`): exact evidence,
    where `_one_word_title` holds for the text after them and the word is no common word
    (`sagte Nein Nein, so...` is emphasis), before the first sentence ends. A word after a
    comma or a small word is a clause's, not a title's end (`Developed at the Institute of
    Obedience Training, DOGO DOGO heralds...`)."""
    reach = min(max_words + 1, len(words) - min_body_words)
    if reach < 3:
        return None
    texts = list(map(attrgetter("text"), words[:reach]))
    if not any(map(str.startswith, texts[2:], texts[1:])):
        return None  # no word said twice in a row (most texts)
    for index in [i for i in range(2, reach) if texts[i].startswith(texts[i - 1])]:
        previous, word = words[index - 1], words[index]
        if any(map(_stops, words[:index])):
            return None
        if word.core != previous.text or not word.capitalised or is_common(previous.text):
            continue
        if not _one_word_title(previous.text, text[word.end :]):
            return None
        before = words[index - 2]
        if before.small or before.text.endswith(",") or not _ends_headline(words[:index], words[index:]):
            return None
        return index
    return None


def _refrain(words: list[Token], k: int) -> bool:
    """Whether the opening's first two words come a third time within as many words again
    after its two copies of `k` words: a refrain, not a title over its lede."""
    opening = [w.core.casefold() for w in words[:2]]
    later = [w.core.casefold() for w in words[2 * k : 4 * k + 1]]
    return any(later[i : i + 2] == opening for i in range(len(later) - 1))


def _one_word_title(word: str, elsewhere: str, min_letters: int = 4) -> bool:
    """Whether `word`, said twice in a row at the top, is a one-word title said twice: the
    rest of the text (`elsewhere`) names the word alone and never twice in a row. A name made
    of one word twice is always written so (`Bora Bora`, `Duran Duran`), and a word said twice
    for emphasis changes its case (`Very very`, `Nein nein`), is a common word in lower case
    or in capitals (`very very`, `STOP STOP`) or is short (`Bye Bye`); a script without case
    cannot tell emphasis, and is left alone."""
    if len(word) < min_letters or not word.replace("-", "").isalpha():
        return False
    if word.lower() == word.upper():
        return False  # no case to tell emphasis by (Hebrew, Arabic)
    if (not word.lstrip("-")[0].isupper() or _capitals(word)) and is_common(word):
        return False  # `very very good`, `STOP STOP the machine`: emphasis in lower case or in capitals
    return f"{word} {word}" not in elsewhere and _has_whole_word(elsewhere, word)


def _echoes_opening(words: list[Token], index: int, length: int = 2) -> bool:
    """Whether `words[index]` is an article or a pronoun (SENTENCE_OPENERS, `A`) followed by
    the text's own first words (`New York man pleads guilty to threatening to kill Omar A New
    York man pleaded`), or, after a lower-case word, is the text's first words again, written
    the same (`South Dakota governor doubles down on ... campaign South Dakota Gov. Kristi
    Noem`): a lede that restates its headline from the start, so its sentence starts here
    even after a name and before a capital."""
    word = words[index]
    if word.text not in SENTENCE_OPENERS and word.text not in LETTER_OPENERS:
        if word.text != words[0].text or index <= length or not words[index - 1].lowercase_word:
            return False
        opening = [w.text for w in words[:length]]
        return [w.text for w in words[index : index + length]] == opening and all(LETTER.match(w) for w in opening)
    following = [w.core.casefold() for w in words[index + 1 : index + 1 + length]]
    return len(following) == length and following == [w.core.casefold() for w in words[:length]] and all(LETTER.match(w) for w in following)


def _capitalises_nouns(words: list[Token], opening: list[Token], share: float = 0.2, min_pairs: int = 8) -> bool:
    """Whether the text capitalises words inside its sentences as German does its nouns: of
    the words after a lower-case word, `share` or more are capitalised (German paragraphs
    0.30 at the median, English, Romance, Slavic ones 0.02, news ledes full of names up to
    0.17 for four in five). Read past the `opening` words (the headline's casing says
    nothing of the language's), and the names they hold do not count (`Audi has revealed
    ... the 2020 Audi e-tron`); a text too short for that is read whole."""
    def count(words: list[Token], named: set[str]) -> tuple[int, int]:
        pairs = capitals = 0
        for previous, word in zip(words, words[1:]):
            if previous.lowercase_word and LETTER_OR_DIGIT.search(previous.text[-1]) and LETTER.match(word.text):
                pairs += 1
                capitals += word.text[0].isupper() and word.core not in named
        return pairs, capitals

    pairs, capitals = count(words, {word.core for word in opening})
    if pairs < min_pairs:  # a short text: read it whole
        pairs, capitals = count(opening + words, set())
    return pairs >= min_pairs and capitals >= share * pairs


def _phrase(previous: Token, word: Token, text: str) -> bool:
    """Whether the two words stand together again in the text (`el servidor SMTP pot`): a
    phrase the document uses, so no boundary runs between them."""
    return text.count(f"{previous.text} {word.text}") > 1


def _named_again(word: Token, following: Token, text: str) -> bool:
    """Whether the capitalised opener and the word after it stand after a lower-case word
    twice in the text (`la película El laberinto ... de El laberinto del fauno`): inside a
    sentence, so a title or a name the text uses, not a sentence's start."""
    found, floor = 0, 0  # `\p{Ll}[,;]?\s+word\s+following(?!\p{L})`, counted without overlap
    at = text.find(word.text)
    while at >= 0:
        start, gap = _after_lower(text, at), at + len(word.text)
        after = gap
        while SPACE.match(text, after):
            after += 1
        end = after + len(following.text)
        if start is not None and start >= floor and after > gap and text.startswith(following.text, after) and not LETTER.match(text, end):
            found += 1
            if found > 1:
                return True
            floor = end
            at = text.find(word.text, end)
        else:
            at = text.find(word.text, at + 1)
    return False


def _first_sentence(words: list[Token], max_words: int = 60) -> list[Token]:
    for index, word in enumerate(words[:max_words]):
        if _stops(word):
            return words[: index + 1]
    return words[:max_words]


def _restates(headline: list[Token], sentence: list[Token], min_share: float = 0.5, cased: bool = True) -> bool:
    """Whether the sentence repeats at least three and `min_share` of the headline's longer
    words (four letters or more), and two headline words in a row that are each longer or a
    name (capitalised in both: `New York`); function words (`ist eine`, `takk til`) are
    short and lower case, and do not count. A Title Case headline (`cased=False`) capitalises
    every word: there only longer words count, in any case, and a sentence's last word counts
    without its stop (`...icy moon Europa.`)."""
    def folded(word: Token) -> tuple[str, bool]:
        return (word.core.casefold(), word.capitalised) if cased else (word.core.rstrip(".!?…").casefold(), False)

    head, lede = list(map(folded, headline)), list(map(folded, sentence))
    longer = {word for word, _ in head if len(word) >= 4 and LETTER.match(word)}
    repeated = longer & {word for word, _ in lede}
    if len(repeated) < max(3, min_share * len(longer)):
        return False

    def weighty(pair: tuple) -> bool:
        return all(word in longer or capital for word, capital in pair)

    pairs = {pair for pair in zip(lede, lede[1:]) if weighty(pair)}
    return any(pair in pairs for pair in zip(head, head[1:]) if weighty(pair))


_PAIRS = ("()", "[]", "“”", "«»", "„“", "（）", "「」", "『』", "【】", "《》", "〈〉")


def _balanced(headline: str) -> bool:
    """Whether every bracket and paired quote the headline opens, it closes."""
    return all(headline.count(pair[0]) == headline.count(pair[1]) for pair in _PAIRS if pair[0] != pair[1]) and headline.count('"') % 2 == 0


#: How many of the first line's words the splits look at: a headline of 20 words, its lede's first sentence.
LEADING_WORDS = 100


def _leading_tokens(line: str, offset: int, scan_chars: int, limit: int = LEADING_WORDS) -> list[Token]:
    """The line's first `limit` words within its first `scan_chars` characters (a headline
    of 20 words and its lede's first sentence), without a word the cut may have split."""
    words: list[Token] = []
    for match in TOKEN.finditer(line, 0, min(len(line), scan_chars)):
        if len(words) == limit:
            return words
        start, end = match.span()
        words.append(_token((offset + start, offset + end, line[start:end])))
    if len(line) > scan_chars and words:
        words.pop()  # may be cut in the middle
    return words


def _opening_words(
    line: str, offset: int, scan_chars: int, body_words: int, leading: list[Token], limit: int = LEADING_WORDS
) -> list[Token]:
    """The line's words up to `body_words` past the end of its opening capitalised run, at
    most through its first `scan_chars` characters: what the split needs, without tokenising
    a whole paragraph. Taken from the `limit` `leading` words when they hold them (nearly
    always), so that the line is tokenised once."""
    run_end = next((i for i, word in enumerate(leading) if not (word.capitalised or word.small)), None)
    if run_end is not None and len(leading) > run_end + body_words:
        return leading[: run_end + body_words + 1]
    if len(leading) < limit and len(line) <= scan_chars:
        return leading  # every word of the line
    words: list[Token] = []
    run_end = None
    matches = TOKEN.finditer(line, 0, min(len(line), scan_chars))
    for match in matches:
        word = _token((offset + match.start(), offset + match.end(), match.group()))
        words.append(word)
        if run_end is None and not (word.capitalised or word.small):
            run_end = len(words) - 1
        if run_end is not None and len(words) > run_end + body_words:
            return words
    if len(line) > scan_chars and words:
        words.pop()  # may be cut in the middle
    return words


def _is_headline(words: list[Token], min_words: int) -> bool:
    """Enough words, mostly capitalised, no sentence end inside, not ending in a small word."""
    if len(words) < min_words or words[-1].small or sum(not w.small for w in words) < 3:
        return False
    if title_case_ratio(words) < 0.85:
        return False
    if any(map(_stops, words)):
        return False
    return True


@transform()
def headline_gap(
    text: str, max_words: int = 20, min_body_words: int = 12, short_body_words: int = 8, like_length: float = 0.8, answer_words: int = 20
) -> list[Edit]:
    """Put a blank line between a first-line headline and body text that follows directly.

    A headline may be one word (`Timezone`, `التثبيت`) or a few characters of Chinese; what
    makes it one is that it does not end like a sentence or a clause (a Greek `;` asks), nor
    in a short lower-case word that wants a continuation (`for`, `de`, `và`), and that a
    paragraph of prose (ending in `.` `!` `?` or an introducing `:`, holding two sentence
    ends before a trailing run of tags, or restating the head: a lede cut before its stop)
    follows it; a body under `min_body_words` words only when it is one plain sentence
    ending in a full stop or in a colon that introduces what follows. Two lines of about
    one length, turns of a dialogue or a log, and a question over a short
    one-sentence answer are left as they are: real text is laid out that way too.
    """
    lines = first_lines(text, 2)
    if len(lines) < 2:
        return []
    (_, head_end, head), (body_start, body_end, body) = lines
    if body_start != head_end:
        return []  # already separated
    head_words = tokens(head)
    if not head_words or not 1 <= word_count(head) <= max_words:
        return []
    if TERMINAL.search(head.rstrip()) and not HEADLINE_END.search(head.rstrip()):
        return []  # ends like a sentence (`.`, `,`, `:`), not like a headline (`?`, `!`, a quote)
    if head_words[-1].small or _leaves_open(head_words[-1], lambda: _language(head_words + tokens(body[:1000]))):
        return []  # `Release notes for⏎Version 4...`: a line broken inside a phrase
    if head[:1].isspace() or body[:1].isspace() or not (LETTER_OR_DIGIT.match(body.lstrip("\"'“‘„«¿¡「『")) or DATELINE.match(body)):
        return []  # indented lines, or a body opening with `(`, `*`, `-`: a list or a wrapped sentence; `(Reuters) —` opens a lede
    if not regex.match(r"[\p{L}\p{N}#\"'“‘„«¿¡]", head) or any(_ends_sentence(w) for w in head_words[:-1]):
        return []  # a code fence or a rule line (`____`), or a sentence ended inside the line
    body_words = word_count(body)
    if body_words < short_body_words:
        return []
    if not (BODY_END.search(body.rstrip()) or len(SENTENCE_BREAK.findall(body)) >= 2):
        if body_words < min_body_words or not _restates(head_words, _first_sentence(tokens(body))):
            return []  # no stop at its end: prose only when it restates the head (a lede cut short)
    if body_words < min_body_words and not _plain_sentence(head, body):
        return []  # a short line under a line: a title over one sentence, or a dialogue, verse
    if _listed(text, body, body_end) or _numbered(head, text[body_end : body_end + NEAR]):
        return []  # more lines follow, not wrapped prose: a table or a list under its header
    if len(head.strip()) >= like_length * len(body.strip()):
        return []  # two lines of about one length: a wrapped paragraph, or a dialogue's turns
    if LABEL.match(head) and LABEL.match(body) or LOG_TIME.match(body):
        return []  # `Q: ...⏎A: ...`, `Woody: ...⏎Norm: ...`, `#channel⏎12:01 <nick> ...`
    if QUESTION_END.search(head.rstrip()) and not SENTENCE_BREAK.search(body.strip()) and body_words < answer_words:
        return []  # a question and its short answer, an exclamation and its reply
    if _continues_a_sentence(body) and not _names_again(head_words, body) and not _cjk_title(head, body):
        # `...to discuss the new⏎budget proposals`: one wrapped sentence, not two parts; but
        # `synaptic⏎synaptic is a package manager` names its subject twice: a heading.
        return []
    if _wrapped(text, body_start, len(head.strip())):
        return []  # lines of about the head's length follow: a hard-wrapped paragraph
    return [Edit(head_end, head_end, "\n")]


SHORT_BODY_END = compiled(r"[.。:：]$")
OPENING_DASH = compiled(r"[-–—]$")


def _plain_sentence(head: str, body: str) -> bool:
    """Whether a short body under a head reads as a title's one plain sentence (`Změna názvu
    tiskárny⏎Můžete změnit název tiskárny v nastaveních.`): it ends in a full stop or a colon
    (`...haben eine bestimmte Namensstruktur:` over the list it introduces), and
    neither line opens with a quotation mark nor does the head end in a dash, as the turns
    of a dialogue (`"Pronto?"⏎"No, guardi..."`) and verse (`...świata⏎...strata !`) do."""
    body, head = body.strip(), head.strip()
    if not SHORT_BODY_END.search(body) or OPENING_DASH.search(head):
        return False
    return not (OPENING_QUOTE.match(body) or OPENING_QUOTE.match(head))


#: A speaker's or a field's label opening a line: `Q:`, `A.`, `Norm:`, `P:`.
LABEL = compiled(r"(?:[^\s:]{1,20}:|\p{Lu}\.)\s")
#: A log line's time of day: `12:01 <nick>`, `Oct 26 13:08:36 <nick>`, `[09:15]`.
LOG_TIME = compiled(r"(?:\p{L}{3} \d{1,2} )?\[?\d{1,2}:\d{2}\b")
#: A paragraph of prose ends like a sentence or introduces what follows with a colon.
BODY_END = compiled(r"(?:[.!?…:：。！？][\"”’)\]」』]?)$")
#: How far below the head the lines that decide are looked for (a slice, not the whole text).
NEAR = 20_000
#: A short lower-case word (`for`, `de`, `và`, `w`) ends no headline: the line goes on below.
OPEN_ENDING = compiled(r"\p{Ll}{1,3}")


def _leaves_open(word: Token, language: Callable[[], str | None]) -> bool:
    """Whether a lower-case word leaves its phrase open: a coordinator (`and`, `e`, `atau`),
    or a short frequent word (`for`, `de`, `và`), unless real prose in the text's language
    ends sentences with it (`after all`, `asked for it`, Swedish `Dölj en fil`); a rare one
    (`to bid`) is a content word that a headline may end in. `language` tells the text's language, asked only when the word
    closes some language's sentences (the body's words are tokenised only then)."""
    if word.text in COORDINATORS:
        return True  # `Particionar e`, `Sistem dan`: a list's last item follows
    if not OPEN_ENDING.fullmatch(word.text):
        return False
    if not closes_sentences(word.text):
        return is_common(word.text)
    told = language()
    return told is None or not closes_sentences(word.text, told)


def _listed(text: str, body: str, body_end: int) -> bool:
    """Whether lines follow the body line directly without being a wrapped paragraph with
    it (lines of about one length, the last shorter): a table's rows, a list's items."""
    block = text[body_end : body_end + NEAR].split("\n\n", 1)[0]
    lines = [line.strip() for line in [body, *block.split("\n")] if line.strip()]
    if len(lines) < 2:
        return False
    widest = max(len(line) for line in lines)
    return any(len(line) < widest * 0.75 for line in lines[:-1])


NUMBERED = compiled(r"\d{1,4}[.)]\s")


def _numbered(head: str, below: str, lines: int = 3) -> bool:
    """A head that is a numbered item (`98. Chuck...`) with another item in the lines below:
    a list whose item wraps, not a headline."""
    return bool(NUMBERED.match(head)) and any(NUMBERED.match(line) for line in below.split("\n", lines)[:lines])


def _ends_sentence(word: Token) -> bool:
    """A word ending in a full stop that is not an initial or a short abbreviation (`U.S.`,
    `Gov.`, `Dr.`): `symbol.` in `...only one symbol. The default`."""
    return word.text.endswith(".") and not INITIALS.fullmatch(word.text) and len(word.text.strip(".")) > 4


def _names_again(head_words: list[Token], body: str) -> bool:
    """Whether the body opens with a word the head names (`synaptic⏎synaptic is...`,
    `Watching the disks with smartctl⏎smartctl (in...`): a heading over the paragraph about it. The
    word is the head's first, or a rare one (a command, a name: not `the`, `de`)."""
    first = body.split()[0]
    cores = [word.core for word in head_words]
    return first == head_words[0].text or (len(first) > 2 and first in cores and not is_common(first))


def _cjk_title(head: str, body: str) -> bool:
    """A Chinese or Japanese title over a sentence that opens with a lower-case Latin name
    (`複数ディストリビューションの利用⏎apt は素晴らしい...`): the title ends in a CJK letter
    that leaves nothing open, and the sentence is written in CJK letters."""
    head = head.rstrip()
    return bool(regex.match(CJK_LETTER, head[-1:])) and not CJK_OPEN_END.search(head) and len(regex.findall(CJK_LETTER, body)) > len(body) // 3


def _continues_a_sentence(line: str) -> bool:
    """A line that opens with a lower-case letter carries on the sentence before it."""
    first = line.lstrip()[:1]
    return first.isalpha() and first.islower()


def _wrapped(text: str, start: int, head_length: int, lines: int = 4) -> bool:
    """Whether the lines from `start` on are wrapped at about the head line's length: the
    head is then the first line of a paragraph, not a headline above it."""
    following = [line.strip() for line in text[start : start + NEAR].split("\n", lines)[:lines] if line.strip()]
    if len(following) < 2:
        return False
    full = [len(line) for line in following[:-1]]  # the last line of a paragraph is short
    return all(abs(length - head_length) <= max(12, head_length // 4) for length in full)
