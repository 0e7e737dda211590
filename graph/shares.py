"""A share: how much of an entity an owner holds, as an interval, with the source's words.

Sources rarely give one number. A filing says "36.08%", a list says "25-50", a news report
says "over 50 %", "majority-owned" or "wholly owned", a Chinese report says "全资" (wholly
owned) or "控股" (controlling), and most say nothing at all. The 50 % rules (OFAC FAQ 401, the
BIS Affiliates Rule) need to know whether a stake reaches the threshold, so every stake is kept
as the honest interval its words allow (after openownership BODS 0.4 `share`: exact, or
minimum/maximum with exclusiveMinimum/exclusiveMaximum), together with those words and how
they were stated (`kind`):

| kind | words (examples) | interval |
|---|---|---|
| exact | "36.35 %", "36.35%", "50", "100%", "8.72 percent" | [36.35, 36.35] |
| range | "25-50", "25–50 %", "between 25 and 50%" | [25, 50] |
| range | "approximately 1%", "about 36.4%" | [0, 2], [36.3, 36.5] |
| bound | ">50", "over 50 %"; "at least 50%" | (50, 100]; [50, 100] |
| bound | "less than 25%"; "up to 10%" | (0, 25); (0, 10] |
| descriptive | "majority", "majority-owned" | (50, 100] |
| descriptive | "wholly owned", "wholly-owned", "fully owned", "全资" | [100, 100] |
| descriptive | "minority" | (0, 50) |
| descriptive | "控股", "controlling shareholder", "largest shareholder" | (0, 100] |
| not_stated | nothing, "not stated", "undisclosed" | (0, 100] |
| unreadable | any other words, kept verbatim | (0, 100] |

Decisions a reader should know:
* An owner owns more than nothing, so "not stated" is (0, 100] and never 0.
* "控股" / "controlling" names control, not a figure: under PRC company law a controlling
  shareholder may hold less than half (Dahua called Huacheng, 32.7 % held, its 控股子公司), so
  those words allow the widest interval; control is no ownership (OFAC FAQ 398).
* "approximately / about / around X" is X plus or minus one unit of its last written digit
  ("approximately 1%" -> [0, 2], "about 36.4%" -> [36.3, 36.5]): a rounded figure, never read as
  exact; "nearly / almost X" is [X - unit, X).
* A figure outside 0-100, a negative one, or a range whose minimum is above its maximum is no
  share at all: `ShareError`, which the loaders turn into a rejected row with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, get_args

ShareKind = Literal["exact", "range", "bound", "descriptive", "not_stated", "unreadable"]
SHARE_KINDS: tuple[str, ...] = get_args(ShareKind)
# The edge properties a share is stored in (every ownership and control edge has them).
SHARE_PROPS = (
    "share_min",
    "share_max",
    "share_min_exclusive",
    "share_max_exclusive",
    "share_text",
    "share_kind",
)


class ShareError(ValueError):
    """Words or figures no owner's stake can be: outside 0-100, or a minimum above the maximum."""


@dataclass(frozen=True)
class Share:
    """A stake in percent: `min`..`max` (each bound exclusive or not), the source's words
    (`stated`, None when the source gave none) and how they were stated (`kind`)."""

    min: float
    max: float
    min_exclusive: bool = False
    max_exclusive: bool = False
    stated: str | None = None
    kind: ShareKind = "exact"

    def __post_init__(self) -> None:
        for bound in (self.min, self.max):
            if not 0 <= bound <= 100:
                raise ShareError(f"a share of {_num(bound)}% is outside 0-100")
        if self.min > self.max:
            raise ShareError(
                f"the minimum {_num(self.min)}% is above the maximum {_num(self.max)}%"
            )
        if self.min == self.max and (self.min_exclusive or self.max_exclusive):
            raise ShareError(f"an empty interval at {_num(self.min)}%")

    @property
    def known(self) -> bool:
        """Whether a source stated anything about the size (a figure, a bound or a word)."""
        return self.kind not in ("not_stated", "unreadable")

    def props(self) -> dict[str, Any]:
        """The edge properties (`SHARE_PROPS`)."""
        return dict(zip(SHARE_PROPS, self._values(), strict=True))

    def _values(self) -> tuple[Any, ...]:
        return (
            self.min,
            self.max,
            self.min_exclusive,
            self.max_exclusive,
            self.stated,
            self.kind,
        )

    def interval(self) -> str:
        """In interval notation: `[36.08, 36.08]`, `(50, 100]`."""
        left = "(" if self.min_exclusive else "["
        right = ")" if self.max_exclusive else "]"
        return f"{left}{_num(self.min)}, {_num(self.max)}{right}"

    def words(self) -> str:
        """The interval in plain words, for reasons a reader quotes."""
        if self.min == self.max:
            return f"{_num(self.min)}%"
        low = f"{'more than' if self.min_exclusive else 'at least'} {_num(self.min)}%"
        high = f"{'less than' if self.max_exclusive else 'at most'} {_num(self.max)}%"
        if self.min == 0:
            return high if self.max < 100 else "more than 0% (size not stated)"
        return low if self.max == 100 and not self.max_exclusive else f"{low}, {high}"

    def percentage(self) -> str | None:
        """FollowTheMoney's `Ownership.percentage`: the source's words when it gave any, else
        the interval as FtM data writes it ("50", "25-50", ">50"); none when not stated."""
        if self.stated:
            return self.stated
        if self.kind == "not_stated":
            return None
        if self.min == self.max:
            return _num(self.min)
        if self.max == 100 and not self.max_exclusive:
            return f"{'>' if self.min_exclusive else '>='}{_num(self.min)}"
        if self.min == 0:
            return f"{'<' if self.max_exclusive else '<='}{_num(self.max)}"
        return f"{_num(self.min)}-{_num(self.max)}"


NOT_STATED = Share(0.0, 100.0, min_exclusive=True, kind="not_stated")
WHOLE = Share(100.0, 100.0, kind="descriptive")


def _num(value: float) -> str:
    return f"{value:g}"


# -- reading the words -------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?)"
_PCT = r"\s*%?"
_DASHES = dict.fromkeys(map(ord, "–—‒―‐‑−~～〜"), "-")
_FILLER = re.compile(
    r"\b(?:a|an|the|stake|owned|ownership|interest|equity|shareholding|holding|of the shares|"
    r"of shares|of the share capital|share capital|shares)\b|股权|的股份|股份|持股|持有|比例|为"
)
_GT = ("more than", "over", "above", "greater than", "in excess of", "exceeding", "超过", "逾", ">")
_GE = ("at least", "not less than", "no less than", "minimum of", "minimum", "不低于", "不少于")
_LT = ("less than", "under", "below", "fewer than", "低于", "不足", "<")
_LE = ("at most", "up to", "not more than", "no more than", "maximum of", "maximum", "不超过")
_APPROX = (
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "circa",
    "约",
    "大约",
)
_NEARLY = ("nearly", "almost", "just under", "接近", "近")
_GE_AFTER = ("or more", "or above", "or greater", "and above", "+", "以上")
_LE_AFTER = ("or less", "or below", "or fewer", "以下")
_WORDS: tuple[tuple[frozenset[str], Share], ...] = (
    (
        frozenset(
            {
                "majority",
                "majority-owned",
                "majority owned",
                "majority stake",
                "majority-held",
                "majority shareholder",
                "majority interest",
                "majority ownership",
                "绝对控股",
            }
        ),
        Share(50.0, 100.0, min_exclusive=True, kind="descriptive"),
    ),
    (
        frozenset(
            {
                "wholly owned",
                "wholly-owned",
                "fully owned",
                "fully-owned",
                "wholly owned subsidiary",
                "wholly-owned subsidiary",
                "sole shareholder",
                "sole owner",
                "全资",
                "全资子公司",
                "全资拥有",
                "全资控股",
                "下属全资公司",
                "全资公司",
            }
        ),
        WHOLE,
    ),
    (
        frozenset(
            {"minority", "minority stake", "minority shareholder", "minority interest", "参股"}
        ),
        Share(0.0, 50.0, min_exclusive=True, max_exclusive=True, kind="descriptive"),
    ),
    (
        frozenset(
            {
                "控股",
                "控股股东",
                "控股子公司",
                "间接控股股东",
                "controlling shareholder",
                "controlling stake",
                "controlling interest",
                "controlled",
                "control",
                "实际控制人",
                "largest shareholder",
                "biggest shareholder",
                "第一大股东",
                "shareholder",
                "owner",
                "subsidiary",
                "股东",
                "子公司",
                "下属",
            }
        ),
        Share(0.0, 100.0, min_exclusive=True, kind="descriptive"),
    ),
)
_NOT_STATED_WORDS = frozenset(
    {"not stated", "not disclosed", "undisclosed", "unknown", "n/a", "not recorded", "未披露"}
)


def parse_share(text: str | float | None) -> Share:
    """The interval a source's words allow (see the module docstring). Raises `ShareError` for
    a share no owner can hold; words it cannot read give (0, 100] with kind `unreadable`."""
    if text is None:
        return NOT_STATED
    if isinstance(text, bool):
        raise ShareError(f"{text!r} is not a share")
    if isinstance(text, int | float):
        return Share(float(text), float(text), stated=None, kind="exact")
    stated = text.strip()
    if not stated:
        return NOT_STATED
    norm = _normalise(stated)
    if norm in _NOT_STATED_WORDS:
        return Share(0.0, 100.0, min_exclusive=True, stated=stated, kind="not_stated")
    for words, share in _WORDS:
        if norm in words:
            return _with(share, stated)
    found = _figure(_FILLER.sub(" ", norm).strip(" .,:;()"), stated)
    if found is not None:
        return found
    _refuse_impossible(norm)
    return Share(0.0, 100.0, min_exclusive=True, stated=stated, kind="unreadable")


def _with(share: Share, stated: str) -> Share:
    return Share(share.min, share.max, share.min_exclusive, share.max_exclusive, stated, share.kind)


def _normalise(text: str) -> str:
    norm = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    norm = re.sub(r"\s*(?:per\s*cent|percent|pct)\b", "%", norm)
    norm = re.sub(r"(?<=\d),(?=\d{1,4}\s*%)", ".", norm)  # "36,35 %": a decimal comma
    norm = re.sub(r"\bbetween\s+" + _NUM + r"\s*%?\s+and\s+", r"\1-", norm)
    norm = re.sub(r"(?<=[\d%])\s+to\s+(?=\d)", "-", norm)
    return re.sub(r"\s+", " ", norm).strip()


def _figure(norm: str, stated: str) -> Share | None:
    """A figure, a range or a bound in `norm`; None when it is none of those."""
    norm = re.sub(r"\s*>=\s*|\s*≥\s*|\s*=>\s*", " at least ", norm).strip()
    norm = re.sub(r"\s*<=\s*|\s*≤\s*|\s*=<\s*", " at most ", norm).strip()
    if re.fullmatch(r"-\s*\d+(?:\.\d+)?\s*%?", norm):
        raise ShareError(f"{stated!r}: a share cannot be negative")
    exact = re.fullmatch(_NUM + _PCT, norm)
    if exact:
        value = float(exact.group(1))
        return Share(value, value, stated=stated, kind="exact")
    span = re.fullmatch(_NUM + _PCT + r"\s*-\s*" + _NUM + _PCT, norm)
    if span:
        low, high = float(span.group(1)), float(span.group(2))
        if low > high:
            raise ShareError(f"{stated!r}: the minimum {_num(low)}% is above the maximum")
        return Share(low, high, stated=stated, kind="range")
    return _bound(norm, stated)


def _bound(norm: str, stated: str) -> Share | None:
    for before, after, build in _BOUNDS:
        for word in before:
            if norm.startswith(word):
                value = re.fullmatch(_NUM + _PCT, norm[len(word) :].strip())
                if value:
                    return build(value.group(1), stated)
        for word in after:
            if norm.endswith(word):
                value = re.fullmatch(_NUM + _PCT, norm[: -len(word)].strip())
                if value:
                    return build(value.group(1), stated)
    return None


def _unit(figure: str) -> float:
    """One unit of the last digit written: 1 for "52", 0.1 for "36.4"."""
    decimals = len(figure.partition(".")[2])
    return float(Decimal(1).scaleb(-decimals))


def _above(figure: str, stated: str) -> Share:
    return Share(float(figure), 100.0, min_exclusive=True, stated=stated, kind="bound")


def _at_least(figure: str, stated: str) -> Share:
    return Share(float(figure), 100.0, stated=stated, kind="bound")


def _below(figure: str, stated: str) -> Share:
    return Share(0.0, float(figure), True, True, stated, "bound")


def _at_most(figure: str, stated: str) -> Share:
    return Share(0.0, float(figure), min_exclusive=True, stated=stated, kind="bound")


def _about(figure: str, stated: str) -> Share:
    value, unit = float(figure), _unit(figure)
    low, high = max(value - unit, 0.0), min(value + unit, 100.0)
    if value > 100:
        raise ShareError(f"{stated!r}: a share of {figure}% is outside 0-100")
    return Share(round(low, 10), round(high, 10), low == 0, False, stated, "range")


def _nearly(figure: str, stated: str) -> Share:
    value = float(figure)
    low = max(value - _unit(figure), 0.0)
    return Share(round(low, 10), value, low == 0, True, stated, "range")


_BOUNDS: tuple[tuple[tuple[str, ...], tuple[str, ...], Callable[[str, str], Share]], ...] = (
    (_GE, _GE_AFTER, _at_least),
    (_LE, _LE_AFTER, _at_most),
    (_GT, (), _above),
    (_LT, (), _below),
    (_APPROX, ("左右",), _about),
    (_NEARLY, (), _nearly),
)


def _refuse_impossible(norm: str) -> None:
    """Unreadable words are kept, but not a figure over 100 % in them: no stake is that."""
    for figure in re.findall(r"(\d+(?:\.\d+)?)\s*%", norm):
        if float(figure) > 100:
            raise ShareError(f"a share of {figure}% is outside 0-100")


# -- stored shares ----------------------------------------------------------------------------


def explicit_share(
    text: str | None,
    low: float | None = None,
    high: float | None = None,
    low_exclusive: bool = False,
    high_exclusive: bool = False,
) -> Share:
    """A curated share: its words read as `parse_share` reads them, the interval replaced by
    the curator's explicit `share_min` / `share_max` where given (for words only a person
    can read, e.g. "36.08% (direct), 2.46% through an affiliate")."""
    parsed = parse_share(text)
    if low is None and high is None:
        return parsed
    lo = parsed.min if low is None else float(low)
    hi = parsed.max if high is None else float(high)
    kind: ShareKind = parsed.kind if parsed.known else ("exact" if lo == hi else "range")
    return Share(lo, hi, low_exclusive, high_exclusive, parsed.stated or text, kind)


def share_of(props: Mapping[str, Any]) -> Share:
    """The share an edge's properties record: the share fields, else an older graph's single
    `share` number (read as exact), else not stated. Never 0 for a missing share."""
    kind = props.get("share_kind")
    if kind in SHARE_KINDS and _number(props.get("share_min")) and _number(props.get("share_max")):
        try:
            return Share(
                float(props["share_min"]),
                float(props["share_max"]),
                bool(props.get("share_min_exclusive")),
                bool(props.get("share_max_exclusive")),
                props.get("share_text"),
                kind,
            )
        except ShareError:
            return _unreadable(props.get("share_text"))
    legacy = props.get("share")
    if legacy is None or legacy == "":
        return NOT_STATED
    try:
        return parse_share(legacy)
    except ShareError:
        return _unreadable(str(legacy))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _unreadable(text: Any) -> Share:
    stated = None if text is None else str(text)
    return Share(0.0, 100.0, min_exclusive=True, stated=stated, kind="unreadable")
