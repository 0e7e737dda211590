"""What a record says about its subject beyond the name, and how two records' evidence weighs.

Names alone cannot tell two namesakes apart, nor join two spellings too far apart for the
resolver. Lists give more: the countries of the addresses, identifiers (registration and tax
numbers, websites, IMO numbers, the USCC in OFAC's remarks), the kind of party (entity,
individual, vessel, aircraft), and the alias lines of the remarks. `weigh` turns two records'
evidence into reasons for and against: a shared identifier is strong evidence for, even
across different spellings; a conflicting identifier of one scheme, disjoint countries,
addresses that share no place, or different kinds of party are strong evidence against. The
load decision (`loaders.resolution.growing`) writes the reasons into its explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Evidence",
    "Weighing",
    "aliases_in",
    "country_code",
    "identifiers_in",
    "places_of",
    "programme_countries",
    "weigh",
]

# "Tax ID No. 7720544208 (Russia)", "Registration Number 1067746239230 (Russia)",
# "Unified Social Credit Code (USCC) 91110108...", "Website www.x.com", "IMO 9187629".
_SCHEMES: tuple[tuple[str, str], ...] = (
    ("uscc", r"Unified Social Credit Code \(USCC\)"),
    ("tax", r"Tax ID No\.?"),
    ("registration", r"(?:Business |Company )?Registration (?:Number|ID|No\.?)"),
    ("registration", r"Company Number"),
    ("registration", r"Government Gazette Number"),
    ("registration", r"Legal Entity Number"),
    ("imo", r"(?:Vessel Registration Identification )?IMO"),
    ("swift", r"SWIFT/BIC"),
    ("website", r"Website"),
    ("email", r"Email Address"),
    ("passport", r"Passport"),
    ("national_id", r"National ID No\.?"),
)
_IDENTIFIER = re.compile(
    r"(?P<label>" + "|".join(f"(?:{p})" for _, p in _SCHEMES) + r")\s+"
    r"(?P<value>[^\s;,()]+)(?:\s+\((?P<country>[^)]{2,40})\))?",
    re.IGNORECASE,
)
_SCHEME_OF = [(re.compile(p, re.IGNORECASE), s) for s, p in _SCHEMES]
# One legal person has one value per scheme and issuing country; several websites or emails
# are common, so those never conflict.
_EXCLUSIVE = frozenset({"uscc", "tax", "registration", "imo"})
_ALIAS = re.compile(
    r"\b[afn]\.k\.a\.,?\s+['\u2018\u2019\"]([^'\u2018\u2019\"]{2,120})['\u2018\u2019\"]"
)
# Countries whose ISO name differs from how addresses write them ("Russian Federation").
_SHORT_COUNTRY_NAMES = frozenset(
    "russia iran syria korea venezuela bolivia tanzania vietnam laos moldova taiwan macau "
    "macao burma czechia turkey".split()
)
_ADDRESS_WORDS = frozenset(
    "street road avenue ave building bldg floor room unit office suite district city province "
    "region oblast highway lane house block park zone tower plaza centre center industrial "
    "str ul ulitsa prospekt pr dom korpus kv".split()
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record's (or one entity's, its records together) evidence beyond the name."""

    countries: frozenset[str] = frozenset()
    identifiers: frozenset[tuple[str, str, str]] = frozenset()  # (scheme, value, country)
    places: frozenset[frozenset[str]] = frozenset()  # per address: its distinctive words
    kind: str | None = None  # entity | individual | vessel | aircraft
    # Countries the sanctions programmes are named after ("BELARUS-EO14038"): a hint that
    # speaks for a record in that country, never against one elsewhere (a programme is
    # about a country, its targets may sit anywhere).
    hinted: frozenset[str] = frozenset()
    # Every address's words together (derived): what two sides' addresses share is what
    # these share, found in one intersection however many records an entity has gathered.
    place_words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "place_words", frozenset().union(*self.places))

    def merged(self, other: Evidence) -> Evidence:
        """An entity's evidence once one more record joined it."""
        return Evidence(
            self.countries | other.countries,
            self.identifiers | other.identifiers,
            self.places | other.places,
            self.kind or other.kind,
            self.hinted | other.hinted,
        )


@dataclass(frozen=True, slots=True)
class Weighing:
    """The reasons for and against two records being one legal person."""

    for_: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    shared_identifier: bool = False
    # Conclusive: two numbers of one scheme from one issuer, or two kinds of party. Other
    # evidence against (countries, addresses) leaves a doubt for a person.
    different: bool = False

    @property
    def conflict(self) -> bool:
        return bool(self.against)

    def text(self) -> str:
        parts = [f"evidence for: {'; '.join(self.for_)}"] if self.for_ else []
        if self.against:
            parts.append(f"evidence against: {'; '.join(self.against)}")
        return "; ".join(parts) if parts else "no evidence beyond the name"


@dataclass(slots=True)
class _Scale:
    for_: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    shared: bool = False
    different: bool = False


def weigh(a: Evidence, b: Evidence) -> Weighing:
    """Two records' evidence, side by side; only what both state can speak for or against."""
    scale = _Scale()
    _weigh_identifiers(a, b, scale)
    if a.countries and b.countries:
        if a.countries & b.countries:
            scale.for_.append(f"same country {sorted(a.countries & b.countries)}")
        elif not _sovereigns(a.countries) & _sovereigns(b.countries):
            # Hong Kong against China is neither: lists write either for one company.
            scale.against.append(
                f"countries differ: {sorted(a.countries)} vs {sorted(b.countries)}"
            )
    elif not (a.countries and b.countries):
        hinted = (a.countries | a.hinted) & (b.countries | b.hinted)
        if hinted and (a.hinted or b.hinted):
            scale.for_.append(f"a programme names the country of the other {sorted(hinted)}")
    if a.places and b.places:
        shared = a.place_words & b.place_words
        if shared:
            scale.for_.append(f"addresses share {sorted(shared)[:4]}")
        elif not scale.shared:
            scale.against.append("addresses share no place")
    if a.kind and b.kind and a.kind != b.kind:
        scale.against.append(f"different kinds of party: {a.kind} vs {b.kind}")
        scale.different = True
    return Weighing(tuple(scale.for_), tuple(scale.against), scale.shared, scale.different)


def _weigh_identifiers(a: Evidence, b: Evidence, scale: _Scale) -> None:
    if not a.identifiers or not b.identifiers:
        return
    values_a = {(s, v) for s, v, _ in a.identifiers}
    values_b = {(s, v) for s, v, _ in b.identifiers}
    shared = values_a & values_b
    if shared:
        scale.shared = True
        scale.for_.append("shared identifier " + ", ".join(f"{s} {v}" for s, v in sorted(shared)))
        return
    for scheme in _EXCLUSIVE:
        mine = {(v, c) for s, v, c in a.identifiers if s == scheme}
        theirs = {(v, c) for s, v, c in b.identifiers if s == scheme}
        same_issuer = {c for _, c in mine} & {c for _, c in theirs}
        if mine and theirs and same_issuer:
            scale.different = True
            scale.against.append(
                f"different {scheme} numbers: {sorted(v for v, _ in mine)} vs "
                f"{sorted(v for v, _ in theirs)}"
            )


def _scheme(label: str) -> str:
    for pattern, scheme in _SCHEME_OF:
        if pattern.fullmatch(label):
            return scheme
    return "other"


def _value(scheme: str, raw: str) -> str:
    raw = raw.strip(".")
    if scheme in ("website", "email"):
        value = raw.casefold().removeprefix("http://").removeprefix("https://")
        return value.removeprefix("www.").rstrip("/")
    return re.sub(r"[^0-9A-Za-z]", "", raw).upper()


def identifiers_in(remarks: str | None) -> frozenset[tuple[str, str, str]]:
    """(scheme, value, issuing country code or "") for each identifier the remarks state."""
    if not remarks:
        return frozenset()
    found: set[tuple[str, str, str]] = set()
    for m in _IDENTIFIER.finditer(remarks):
        scheme = _scheme(m.group("label").strip())
        value = _value(scheme, m.group("value"))
        if (len(value) >= 4 and any(c.isdigit() for c in value)) or scheme in ("website", "email"):
            found.add((scheme, value, country_code(m.group("country") or "") or ""))
    return frozenset(found)


def aliases_in(remarks: str | None) -> tuple[str, ...]:
    """The alias lines of OFAC remarks ("a.k.a. 'OOO FTG'"): names the list itself gives."""
    if not remarks:
        return ()
    return tuple(dict.fromkeys(m.group(1).strip() for m in _ALIAS.finditer(remarks)))


def _sovereigns(codes: frozenset[str]) -> frozenset[str]:
    """The codes with the country each territory belongs to (HK, MO -> CN too)."""
    return frozenset(x for code in codes for x in (code, _sovereign(code)) if x)


@lru_cache(maxsize=1024)
def _sovereign(code: str) -> str | None:
    from rigour.territories import get_territory

    territory = get_territory(code.lower())
    parent = territory.parent if territory is not None else None
    return parent.code.upper() if parent is not None else None


_REGION_PREFIX = re.compile(r"^region:\s*", re.IGNORECASE)


@lru_cache(maxsize=65536)
def country_code(text: str) -> str | None:
    """The ISO 3166 code of the country or territory a text names or codes ("Russia", "RU",
    "Hong Kong", "Region: Crimea", "Dubai"), via OpenSanctions' territory table (rigour).

    The one reading of a country for every parser and for the evidence, so an address and an
    identifier's issuer never disagree. A region or city names its country ("Dubai" is AE,
    "Crimea" UA), never a subdivision code."""
    cleaned = _REGION_PREFIX.sub("", " ".join(re.sub(r"\(.*?\)", " ", text).split()))
    cleaned = cleaned.strip(" .,;:")
    if not cleaned:
        return None
    from rigour.territories import lookup_territory

    territory = lookup_territory(cleaned)
    while territory is not None and "-" in territory.code and territory.parent is not None:
        territory = territory.parent
    return territory.code.upper() if territory is not None else None


def places_of(addresses: tuple[str, ...]) -> frozenset[frozenset[str]]:
    """Per address, the words that locate it (a city, a district), not street furniture."""
    out: set[frozenset[str]] = set()
    for address in addresses:
        words = {
            w
            for w in re.sub(r"[^\w]+", " ", address.casefold()).split()
            if len(w) >= 4 and w.isalpha() and w not in _ADDRESS_WORDS and not _is_country_name(w)
        }
        if words:
            out.add(frozenset(words))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _is_country_name(word: str) -> bool:
    """A country's own name in an address locates nothing the countries do not already say."""
    import pycountry

    if word in _SHORT_COUNTRY_NAMES:
        return True
    try:
        pycountry.countries.lookup(word)
    except LookupError:
        return False
    return True


def programme_countries(programs: tuple[str, ...]) -> frozenset[str]:
    """Countries named by sanctions programme codes ("IRAN", "BELARUS-EO14038", "SYRIA")."""
    found: set[str] = set()
    for program in programs:
        head = re.split(r"[-\s]", program.strip(), maxsplit=1)[0]
        if len(head) >= 4 and head.isalpha():
            code = country_code(head)
            if code:
                found.add(code)
    return frozenset(found)
