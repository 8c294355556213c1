"""The article inside a whole page's text (the `web` profile).

Text taken naively from HTML holds the article between menus, link lists, teasers and
footers. In the spirit of C4's and RefinedWeb's line filters, but with context as jusText
uses it, each line is classed by shape alone:

- *paragraph*: prose, i.e. enough words ending in sentence punctuation (or very many words);
- *sentence*: a short line that still ends like a sentence;
- *short*: anything else: menu items, buttons, captions, names, dates, counters.

The article is the largest cluster of paragraphs (paragraphs with few lines between them);
other clusters stay if they hold a fair share of its text. Two transforms act on that
picture, each logged under its own rule: one drops the page's margins (everything outside the
kept clusters), one drops runs of short lines inside them. Both keep the headline, found as
the line that repeats the page's title (the first line), and both leave a text that has no
paragraph at all alone: that is not a page. A third, run before them, cuts a list of dated
items under the article (teasers, a comment thread), which can stand close enough to the
article to join its cluster: what marks it is a relative time under every item.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from cleaner.cache import compiled
from cleaner.edits import Edit
from cleaner.textunits import iter_lines, word_count
from cleaner.transforms import transform

WORD = compiled(r"\w+")
SENTENCE_END = compiled(r"[.!?…。！？][\"'”’)\]»]*$")
#: A last sentence and its agency's credit after it (`...into the US. PTI`, `...sagte er. (dpa)`).
CREDITED = compiled(r"[.!?…][\"'”’)\]»]*\s+(?:\([\p{L}/]{2,12}\)|\p{Lu}{2,6})$")
LEAD_IN = compiled(r":$")
#: A list item's or a clause's end (`auth: für die Authentifizierung;`): a sentence's, not a
#: paragraph's (a list of rules under a comment form is page furniture all the same).
CLAUSE_END = compiled(r"[;；]$")
# Where a page title joins the headline to the site's name: "Headline | Site", "Headline - Site".
TITLE_SEPARATOR = compiled(r"\s+(?:[|\-–—·•»:]|::)\s+")

PARAGRAPH, SENTENCE, SHORT, BLANK = "paragraph", "sentence", "short", "blank"

# How a row of a list or table starts: a number or list marker, a bullet, a short label and a
# colon (`Q:`, `A:`, `Tel.:`). Rows of one list start alike; menu items do not.
ROW_MARKER = compiled(r"^\s*(?:(?P<number>\(?\d+(?:[.,/]\d+)?[.)]?)(?=\s)|(?P<bullet>[•·▪►*–-])\s|(?P<label>\w{1,4}\.?:)\s)")
DIGIT = compiled(r"\d")
#: A numbered or bulleted item (`2. Never urged...`, `• Rule one`), not a bare number (a date).
ITEM_MARKER = compiled(r"^\s*(?:\(?\d{1,3}[.)]|[•·▪►*])\s")
#: The source line an embedded post closes with, in any language: `— Name (@handle) date`.
EMBED_SOURCE = compiled(r"^\s*[—–-]\s.{1,80}\(@\w{1,30}\)\s.{4,40}$")
#: A run of rows: at least this many lines, and this share of them shaped alike.
MIN_ROWS, ROW_SHARE = 2, 0.6


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # including the newline
    text: str
    kind: str


def classify(text: str, paragraph_words: int, long_words: int = 30) -> str:
    body = text.strip()
    if not body:
        return BLANK
    words = word_count(body, WORD)
    ends_sentence = SENTENCE_END.search(body) is not None
    if (ends_sentence or CREDITED.search(body)) and words >= paragraph_words or words >= long_words:
        return PARAGRAPH
    if (ends_sentence or LEAD_IN.search(body) or CLAUSE_END.search(body)) and words >= 4:
        return SENTENCE
    return SHORT


def _row_shape(text: str) -> str | None:
    """What a line shares with the other rows of a list or table, or None.

    A list item ending in a semicolon (`cron: für die Aufgabenplanung;`, the way German,
    French or Polish end all but the last) is one; else a marker (a number, a bullet, a label
    with a colon) names the shape; a line without one is a table row or an ingredient when
    it has a digit among three or more words."""
    if CLAUSE_END.search(text.rstrip()):
        return "clause"
    match = ROW_MARKER.match(text)
    if match:
        kind = match.lastgroup
        return match.group("label").casefold() if kind == "label" else kind
    if DIGIT.search(text) and word_count(text, WORD) >= 3:
        return "digits"
    return None


def shaped_alike(lines: list[Line], run: list[int]) -> bool:
    """Whether lines are a list, a table or a recipe: enough of them, most in a row shape
    that at least two of them share (a table of two rows under its header: `HD THE HOME
    DEPOT INC. 225.86 -12.99 -5.44%`)."""
    if len(run) < MIN_ROWS:
        return False
    shapes = [_row_shape(lines[i].text) for i in run]
    counts = {shape: shapes.count(shape) for shape in set(shapes) if shape is not None}
    alike = sum(count for count in counts.values() if count >= MIN_ROWS)
    return alike >= ROW_SHARE * len(run)


def _stretch(lines: list[Line], run: list[int]) -> list[int]:
    """The run up to where two lines in a row have no row shape."""
    plain = 0
    for n, i in enumerate(run):
        plain = plain + 1 if _row_shape(lines[i].text) is None else 0
        if plain == 2:
            return run[: n - 1]
    return run


class Page:
    """A text's lines with their classes, its article clusters and its headline."""

    def __init__(self, text: str, paragraph_words: int, max_gap: int, min_share: float):
        self.lines = [
            Line(start, end, line, classify(line, paragraph_words)) for start, end, line in iter_lines(text)
        ]
        self.content = [i for i, line in enumerate(self.lines) if line.kind != BLANK]
        self.max_gap = max_gap
        self.min_share = min_share
        self.paragraph_words = paragraph_words

    @cached_property
    def rows(self) -> set[int]:
        """Lines of lists, tables and recipes inside the article: a stretch of lines shaped
        alike that a lead-in line (`...:`) introduces, or that has paragraphs on both sides.
        The stretch ends at two lines in a row of no shared shape (a form, a menu)."""
        rows: set[int] = set()
        content, lines = self.content, self.lines
        k = 0
        while k < len(content):
            if lines[content[k]].kind == PARAGRAPH:
                k += 1
                continue
            end = k
            while end < len(content) and lines[content[end]].kind != PARAGRAPH:
                end += 1
            run = content[k:end]
            between_paragraphs = k > 0 and end < len(content)
            # The stretch may open after its own title, lead-in or header row (`Pos. Piloto Pontos`).
            for skip in range(0, min(3, len(run))):
                introduced = k + skip > 0 and LEAD_IN.search(lines[content[k + skip - 1]].text.rstrip()) is not None
                stretch = _stretch(lines, run[skip:])
                inside = between_paragraphs and len(stretch) + skip >= len(run) - 2
                if (introduced or inside) and shaped_alike(lines, stretch):
                    rows.update(stretch)
                    break
            k = end
        return rows

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(first, last) line index of each kept cluster of paragraphs, in order; the rows
        of a list or table go on the cluster they follow, and are no gap in it."""
        clusters: list[list[int]] = []  # [first, last, characters]
        since = 0
        rows = self.rows
        for i in self.content:
            line = self.lines[i]
            if i in rows:
                if clusters and since <= self.max_gap:
                    clusters[-1][1] = i
                continue
            if line.kind != PARAGRAPH:
                since += 1
                continue
            if not clusters or since > self.max_gap:
                clusters.append([i, i, 0])
            clusters[-1][1] = i
            clusters[-1][2] += len(line.text)
            since = 0
        if not clusters:
            return []
        largest = max(size for *_, size in clusters)
        return [(self._lede(first), self._embed(last)) for first, last, size in clusters if size >= self.min_share * largest]

    def _embed(self, last: int, reach: int = 3) -> int:
        """Where a cluster ends once a post embedded right after its last paragraph joins it:
        the post's lines and its source line (`— Name (@handle) November 19, 2019`), which
        comes within `reach` lines."""
        following = self.content[bisect_right(self.content, last) :][:reach]
        for i in following:
            if self.lines[i].kind == PARAGRAPH:
                break
            if EMBED_SOURCE.match(self.lines[i].text):
                return i
        return last

    def _lede(self, first: int) -> int:
        """Where a cluster starts once the long lines right above its first paragraph join it:
        an article's opening lines without final punctuation (`... the signing of Athletic
        Bilbao`), as many words as a paragraph, with no blank or short line between."""
        while first > 0:
            above = self.lines[first - 1]
            if above.kind == BLANK or word_count(above.text, WORD) < self.paragraph_words:
                break
            first -= 1
        return first

    @cached_property
    def ledes(self) -> set[int]:
        """The lines a cluster took in above its first paragraph (see `_lede`)."""
        found: set[int] = set()
        for first, _ in self.spans:
            i = first
            while i < len(self.lines) and self.lines[i].kind != PARAGRAPH:
                found.add(i)
                i += 1
        return found

    def inside(self, index: int) -> bool:
        return any(first <= index <= last for first, last in self.spans)

    @cached_property
    def headline(self) -> int | None:
        """Index of the headline: the last line before the article that repeats the page's
        title (its first line, maybe with the site's name after it), else the title itself.

        Once the page's margins are gone the headline is the first line, so a second pass
        finds the same line: the result is stable.
        """
        if not self.spans or self.content[0] >= self.spans[0][0]:
            return None
        article_start = self.spans[0][0]
        title = self.lines[self.content[0]].text.strip()
        names = {_fold(title)} | {
            _fold(part) for part in TITLE_SEPARATOR.split(title) if word_count(part, WORD) >= 3
        }
        repeats = [i for i in self.content[1:] if i < article_start and _fold(self.lines[i].text) in names]
        return repeats[-1] if repeats else self.content[0]

    def drop(self, indexes: list[int]) -> list[Edit]:
        return [Edit(self.lines[i].start, self.lines[i].end, "") for i in indexes]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@transform()
def page_margins(text: str, paragraph_words: int = 10, max_gap: int = 8, min_share: float = 0.2) -> list[Edit]:
    """Drop every line outside the article's clusters of paragraphs, except the headline.

    A cluster ends where more than `max_gap` non-paragraph lines follow a paragraph; clusters
    with less than `min_share` of the largest one's text are teasers, comments or footers.
    """
    page = Page(text, paragraph_words, max_gap, min_share)
    if not page.spans:
        return []
    return page.drop([i for i in page.content if i != page.headline and not page.inside(i)])


@transform()
def short_line_runs(text: str, paragraph_words: int = 10, max_gap: int = 8, min_share: float = 0.2, min_run: int = 2) -> list[Edit]:
    """Drop runs of at least `min_run` short lines (blank lines between them do not count).

    A lone short line between paragraphs is a subheading or a caption and stays; so does a
    run that a line ending in a colon introduces and prose follows inside the article: a list.
    """
    page = Page(text, paragraph_words, max_gap, min_share)
    if not page.spans:
        return []
    content, lines = page.content, page.lines
    runs: list[tuple[int, int, list[int], bool]] = []  # (first, end, lines to judge, inside the article)
    k = 0
    while k < len(content):
        if lines[content[k]].kind != SHORT:
            k += 1
            continue
        end = k
        while end < len(content) and lines[content[end]].kind == SHORT:
            end += 1
        run = [i for i in content[k:end] if i != page.headline and i not in page.rows and i not in page.ledes]
        runs.append((k, end, run, all(page.inside(i) for i in run)))
        k = end
    cards = _card_keys(lines, [run for k, end, run, inside in runs if end - k >= min_run and inside])
    dropped: list[int] = []
    for k, end, run, inside in runs:
        introduced = k > 0 and LEAD_IN.search(lines[content[k - 1]].text.rstrip()) is not None
        followed = end < len(content) and lines[content[end]].kind != SHORT
        is_list = inside and ((introduced and followed) or _is_card(lines, run, cards) or _marked_pair(lines, run, end - k))
        if end - k >= min_run and not is_list:
            dropped.extend(run)
    return page.drop(dropped)


def _marked_pair(lines: list[Line], run: list[int], length: int) -> bool:
    """Whether two short lines between paragraphs are the article's: a numbered or bulleted
    subheading with the line under it (`2. Never urged Ukraine...` over a video's caption),
    or an embedded post and its source (`...https://t.co/x` over `— Name (@handle) November
    18, 2019`). A menu's or a teaser's two lines (`Most Read`, `Mayor opens bridge`) carry
    neither."""
    return length == 2 and len(run) == 2 and any(ITEM_MARKER.match(lines[i].text) or EMBED_SOURCE.match(lines[i].text) for i in run)


#: A line's key: its label up to a colon, else its first two words.
LABEL = compiled(r"^\s*([^:]{1,40}):")
#: Runs that share a line key: this many make a list of cards (a product, a person, a position).
MIN_CARDS = 3


def _key(text: str) -> str:
    label = LABEL.match(text)
    return label.group(1).casefold() if label else " ".join(WORD.findall(text.casefold())[:2])


def _card_keys(lines: list[Line], runs: list[list[int]]) -> set[str]:
    """Line keys that come back in at least MIN_CARDS runs of short lines inside the article:
    the labels of a list of records (`Photo: ...`, `Account: @...`, `See it now: ...`)."""
    seen: dict[str, int] = {}
    for run in runs:
        for key in {_key(lines[i].text) for i in run}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if key and count >= MIN_CARDS}


def _is_card(lines: list[Line], run: list[int], cards: set[str]) -> bool:
    """A run of short lines is one card of such a list when half its lines carry its keys and
    one of them is a label (`Photo:`): a share bar repeated after each section (`Facebook`,
    `Twitter`) has the keys but no label, and goes."""
    carried = [i for i in run if _key(lines[i].text) in cards]
    return 2 * len(carried) >= len(run) > 0 and any(LABEL.match(lines[i].text) for i in carried)


#: A relative time standing for a date (`2 hours ago`, `32M ago`, `vor 3 Tagen`, `hace 2 días`,
#: `il y a 5 jours`, `3 giờ trước`, `2小时前`, `לפני 3 שעות`): what a list of teasers or a
#: comment thread puts under each item, and an article's own paragraphs do not.
RELATIVE_TIME = compiled(r"""(?ix)
    \b\d{1,3} \s* (?: s | secs? | seconds? | m | mins? | minutes? | h | hrs? | hours? | d | days? | w | wks? | weeks?
                    | mo | months? | y | yrs? | years? ) \s+ ago \b
  | \b(?: an? | one ) \s+ (?: minute | hour | day | week | month | year ) \s+ ago \b
  | \bvor \s+ (?: \d{1,3} | einer? | einem ) \s+ (?: Sekunden? | Minuten? | Std\.? | Stunden? | Tagen? | Wochen? | Monaten? | Jahren? ) (?!\w)
  | \bhace \s+ (?: \d{1,3} | una? ) \s+ (?: segundos? | minutos? | min | horas? | h | días? | semanas? | mes(?:es)? | años? ) \b
  | \bil \s+ y \s+ a \s+ (?: \d{1,3} | une? ) \s+ (?: secondes? | minutes? | min | heures? | h | jours? | semaines? | mois | ans? ) \b
  | \b\d{1,3} \s+ (?: secondi | minuti | min | ore | ora | giorni | giorno | settimane | mesi | anni ) \s+ fa \b
  | \bh[áa] \s+ \d{1,3} \s+ (?: segundos? | minutos? | min | horas? | h | dias? | semanas? | meses | m[eê]s | anos? ) \b
  | \b\d{1,3} \s+ (?: segundos? | minutos? | horas? | dias? | semanas? | meses | anos? ) \s+ atr[áa]s \b
  | \b\d{1,3} \s+ (?: seconden | minuten | min | uur | dagen | dag | weken | maanden | jaar ) \s+ geleden \b
  | \b\d{1,3} \s+ (?: sekund[ay]? | minut[ay]? | min\.? | godzin[ay]? | godz\.? | dni | dzień | tygodni[ea]? | miesięcy | miesiące | lat[a]? ) \s+ temu \b
  | \b\d{1,3} \s+ (?: секунд[уы]? | минут[уы]? | мин\.? | час(?:а|ов)? | дн(?:я|ей) | день | недел[ьию] | месяц(?:а|ев)? | год(?:а)? | лет ) \s+ назад \b
  | \b\d{1,3} \s+ (?: giây | phút | giờ | ngày | tuần | tháng | năm ) \s+ trước \b
  | \d{1,3} \s* (?: 秒 | 分钟 | 分鐘 | 小时 | 小時 | 天 | 周 | 週 | 个月 | 個月 | 年 | 分 | 時間 | 日 | 週間 | か月 | ヶ月 ) 前
  | לפני \s+ (?: \d{1,3} \s+ (?: שניות | דקות | שעות | ימים | שבועות | חודשים | שנים ) | דקה | שעה | שעתיים | יום | יומיים | שבוע | חודש | שנה ) (?!\w)
""")
#: What else a stamp's line may hold (`updated`, `at 07:47 am`, the teaser's source).
STAMP_WORDS = 4


def _stamp(text: str) -> bool:
    """Whether a line is a date stamp: a relative time and at most STAMP_WORDS other words."""
    line = text.strip()
    if len(line) > 80:
        return False
    found = RELATIVE_TIME.search(line)
    return found is not None and word_count(f"{line[: found.start()]} {line[found.end() :]}", WORD) <= STAMP_WORDS


@transform()
def dated_items(text: str, paragraph_words: int = 10, max_gap: int = 8, min_stamps: int = 3, min_before: int = 500) -> list[Edit]:
    """Drop a list of dated items after the article, and the rest of the page under it.

    Teasers of other stories and comment threads carry a relative time under each item
    (`32M ago`, `vor 2 Stunden`); `min_stamps` such lines or more, each within `max_gap`
    lines of the one before, make the list. It starts at its first stamp, or at the short
    lines right above it (a title, an author's name; no more than an item has, an item being
    as many lines as the stamps stand apart): a line of prose above the first stamp may be
    the article's last, so it stays, with the first teaser's blurb if that is what it is. It
    goes only after `min_before` characters, and only when the undated paragraphs above it
    hold at least half as much text as the list's own: a live blog, dated from its opening,
    stays.
    """
    lines = [(start, line) for start, _, line in iter_lines(text) if line.strip()]
    stamps = [n for n, (_, line) in enumerate(lines) if _stamp(line)]
    run: list[int] = []
    for n in stamps:
        if run and n - run[-1] > max_gap:
            if len(run) >= min_stamps:
                break
            run = []
        run.append(n)
    if len(run) < min_stamps:
        return []
    item = min(b - a for a, b in zip(run, run[1:]))
    cut = run[0]
    while run[0] - cut < item - 1 and cut > 1 and classify(lines[cut - 1][1], paragraph_words) == SHORT:
        cut -= 1  # the first item's title or its author's name; never a line of prose above it
    if lines[cut][0] < min_before:
        return []

    def paragraphs(chosen: list[tuple[int, str]]) -> int:
        return sum(len(line) for _, line in chosen if classify(line, paragraph_words) == PARAGRAPH)

    if 2 * paragraphs(lines[:cut]) < paragraphs(lines[cut : run[-1] + 1]):
        return []
    return [Edit(lines[cut][0], len(text), "")]
