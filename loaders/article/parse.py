"""Parse a news article (plain text or HTML) and find the organisation names it mentions.

Parsing only (no database). Two kinds of mention are found, sentence by sentence:

* **alias hits** — every name and alias of a graph entity, normalised, matched as a whole
  token sequence (word boundaries; leftmost-longest, so "Zhejiang Dahua Technology" wins over
  "Dahua"); the caller passes the names, this module does not read the graph;
* **company-like spans** — runs of capitalised words that end in or contain a company word
  (Technology, Electronic, Co., Ltd., Group, Corporation, Inc., LLC, LLP ...), which may name
  a firm the graph does not know. They are only ever sent to review, never created.

No language model is used: the precision comes from the resolver, which sees every span.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from loaders.resolution import normalize

COMPANY_WORDS = frozenset(
    {
        "technology",
        "technologies",
        "electronic",
        "electronics",
        "co",
        "company",
        "ltd",
        "limited",
        "group",
        "corporation",
        "corp",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "holdings",
        "holding",
        "industries",
        "systems",
        "digital",
        "telecom",
        "communications",
        "networks",
        "intelligence",
        "software",
        "semiconductor",
    }
)
CONNECTORS = frozenset({"of", "and", "&", "de", "for"})
ABBREVIATIONS = (
    "Co.",
    "Ltd.",
    "Inc.",
    "Corp.",
    "U.S.",
    "U.K.",
    "No.",
    "Mr.",
    "Ms.",
    "Dr.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "St.",
    "Bros.",
)
_WORD = re.compile(r"[\w][\w’'\-]*[\w]|[\w]|&", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(A-Z0-9])|\n\s*\n|(?<=[a-z0-9.])\n")


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Token:
    text: str
    key: str  # normalised form for matching
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: the span as written, and (for alias hits) whose alias."""

    span: str
    sentence: str
    start: int
    kind: str  # 'alias' | 'company_like'
    entity_ids: tuple[str, ...] = ()


@dataclass
class AliasIndex:
    """Normalised token sequences of every entity name -> the entity ids that carry it."""

    forms: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    max_len: int = 0

    @classmethod
    def build(cls, names: Iterable[tuple[str, str]], min_chars: int = 3) -> AliasIndex:
        index = cls()
        for entity_id, name in names:
            key = tuple(_token_key(t) for t in _WORD.findall(_fold(name)))
            key = tuple(k for k in key if k)
            if not key or len("".join(key)) < min_chars:
                continue
            # Names are matched as written (minus legal-form suffixes), so "Co" or "Ltd" at the
            # end of an alias does not stop "Hikvision Digital Technology" from matching.
            while len(key) > 1 and key[-1] in {"co", "ltd", "limited", "inc", "llc", "corp"}:
                key = key[:-1]
            index.forms.setdefault(key, set()).add(entity_id)
            index.max_len = max(index.max_len, len(key))
        return index


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _token_key(word: str) -> str:
    word = _POSSESSIVE.sub("", word)
    return re.sub(r"[’'\-]", "", word.casefold())


def tokens(text: str, offset: int = 0) -> list[Token]:
    out: list[Token] = []
    for m in _WORD.finditer(text):
        key = _token_key(_fold(m.group()))
        if key:
            out.append(Token(m.group(), key, offset + m.start(), offset + m.end()))
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations like "Co." and "U.S." do not end a sentence."""
    protected = text
    for abbr in ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\x00"))
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(protected):
        chunk = text[start : m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, chunk.strip()))
        start = m.end()
    chunk = text[start:]
    if chunk.strip():
        out.append((start + len(chunk) - len(chunk.lstrip()), chunk.strip()))
    return out


def _is_capitalised(tok: Token) -> bool:
    first = tok.text[0]
    return first.isupper() or first.isdigit()


def company_like_spans(sentence: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Capitalised runs ending in (or containing) a company word: (start, end, text)."""
    toks = tokens(sentence)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        if not _is_capitalised(toks[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and (
            _is_capitalised(toks[j + 1])
            or (
                toks[j + 1].key in CONNECTORS and j + 2 < len(toks) and _is_capitalised(toks[j + 2])
            )
        ):
            j += 1
        run = toks[i : j + 1]
        # a trailing "Co", "Ltd" etc. written with a period belongs to the run
        company_at = [k for k, t in enumerate(run) if t.key in COMPANY_WORDS]
        if len(run) >= 2 and company_at and any(t.key not in COMPANY_WORDS for t in run):
            end = run[-1].end
            if (
                end < len(sentence)
                and sentence[end] == "."
                and run[-1].key in {"co", "ltd", "inc", "corp"}
            ):
                end += 1
            spans.append((offset + run[0].start, offset + end, sentence[run[0].start : end]))
        i = j + 1
    return spans


def find_mentions(article: Article, index: AliasIndex) -> list[Mention]:
    """Alias hits and company-like spans, sentence by sentence, in text order."""
    found: list[Mention] = []
    for offset, sentence in sentences(article.text):
        toks = tokens(sentence)
        covered: list[tuple[int, int]] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(index.max_len, len(toks) - i), 0, -1):
                key = tuple(t.key for t in toks[i : i + n])
                ids = index.forms.get(key)
                if ids:
                    hit = (n, ids)
                    break
            if hit is None:
                i += 1
                continue
            n, ids = hit
            start, end = toks[i].start, toks[i + n - 1].end
            span = sentence[start:end]
            span = _POSSESSIVE.sub("", span)
            found.append(Mention(span, sentence, offset + start, "alias", tuple(sorted(ids))))
            covered.append((start, end))
            i += n
        for start, end, span in company_like_spans(sentence):
            if any(not (end <= a or start >= b) for a, b in covered):
                continue
            found.append(Mention(span, sentence, offset + start, "company_like"))
    found.sort(key=lambda m: m.start)
    return found


# -- input formats ------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "li",
            "section",
            "article",
            "header",
            "footer",
            "tr",
            "blockquote",
        }
    )
    SKIP = frozenset({"script", "style", "noscript", "template", "nav"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.meta.setdefault("canonical", a.get("href", "").strip())
        elif tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._skip:
            self.parts.append(data)


def looks_like_html(text: str, path: Path | None = None) -> bool:
    if path is not None and path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def parse_article(
    path: Path,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Article:
    """Read a text or HTML file; options given win over what the HTML says about itself."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if not looks_like_html(raw, path):
        first = next((line.strip() for line in raw.splitlines() if line.strip()), None)
        return Article(raw, title or first, publisher, date, url, str(path))
    parser = _HtmlText()
    parser.feed(raw)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    meta = parser.meta
    published = meta.get("article:published_time") or meta.get("date") or ""
    return Article(
        text=text,
        title=title or meta.get("og:title") or (parser.title or "").strip() or None,
        publisher=publisher or meta.get("og:site_name") or None,
        date=date or (published[:10] if re.match(r"\d{4}-\d{2}-\d{2}", published) else None),
        url=url or meta.get("canonical") or meta.get("og:url") or None,
        path=str(path),
    )


def entity_names(entries: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """(entity id, name) pairs from (id, [name, *aliases]) entries, skipping empty names."""
    return [
        (entity_id, name)
        for entity_id, names in entries
        for name in names
        if name and normalize(name)
    ]
