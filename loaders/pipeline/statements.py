"""The relationships a list entry states about its own subject, read from its own words.

Parsing only: `statements_of(record)` returns typed `Statement`s; `with_subject(record)`
rewrites an entry whose name is a statement ("X (CETC 13) subordinate institution: Y",
"Y (a subsidiary of X)", "Y, branch of X") so that its subject is the named institution Y
(what it resolves as) and the parent X becomes a statement. Resolving the targets and writing
the claims is `loaders.pipeline.claims`' job.

What counts as a statement, and why only these:

* the 1260H `Parent Name` (carried by `loaders.sources.dod1260h` in `record.extra`);
* "subordinate institution: Y" / "a subordinate institute of X" / "Subordinate institution
  of X" (MEU remarks), "a subsidiary of X", "X, branch of Y" / "X—Branch of Y" and an alias
  "Branch of X <the entry's own name>": the list names the parent;
* OFAC's "Linked To: X": a link in OFAC's words, never ownership;
* a name made of a parent's full name and a numbered or ordinal unit ("China Electronics
  Technology Group Corporation 38th Research Institute"): a claim only when that parent
  resolves with confidence (`confident_only`).

"Branch" inside a name without a separator ("... Siberian Branch of the Russian Academy of
Sciences") is part of the name and states nothing; neither does a shared word or prefix, nor
a shared address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from loaders.sources import ListRecord

__all__ = ["REL_TYPE", "ClaimKind", "Statement", "statements_of", "with_subject"]


class ClaimKind(StrEnum):
    LISTED_PARENT = "listed_parent"
    SUBORDINATE = "subordinate_institution"
    SUBSIDIARY = "subsidiary"
    BRANCH = "branch"
    NAMED_UNIT = "named_unit"
    LINKED_TO = "linked_to"


REL_TYPE: dict[ClaimKind, str] = {
    ClaimKind.LISTED_PARENT: "SUBSIDIARY_OF",
    ClaimKind.SUBORDINATE: "SUBSIDIARY_OF",
    ClaimKind.SUBSIDIARY: "SUBSIDIARY_OF",
    ClaimKind.BRANCH: "BRANCH_OF",
    ClaimKind.NAMED_UNIT: "SUBSIDIARY_OF",
    ClaimKind.LINKED_TO: "LINKED_TO",
}


@dataclass(frozen=True, slots=True)
class Statement:
    """One stated relationship: subject (the entry) -> target named `names` (forms of one
    name, the first as listed), in `kind`, with its basis in the list's words."""

    kind: ClaimKind
    names: tuple[str, ...]
    basis: str
    field: str
    confident_only: bool = False
    # `names` are alternative readings of where the parent's name ends ("Branch of X Y"):
    # a confident one stands; none is a review item with the list's words, never a guess.
    alternatives: bool = False
    # Other parties the entry's remarks name as the subjects ("Y and Z are subsidiaries of X").
    subjects: tuple[str, ...] = ()
    as_listed: str = ""  # the target as the list writes it, when it differs from names[0]

    @property
    def target_as_listed(self) -> str:
        return self.as_listed or self.names[0]


_SUBORDINATE_NAME = re.compile(
    r"^(?P<parent>.+?)\s+subordinate institutions?:\s*(?P<sub>.*)$", re.I
)
_PAREN_OF = re.compile(
    r"^(?P<sub>.+?)\s*\(\s*(?:a|an)\s+(?P<rel>subordinate institute|subordinate institution|"
    r"subsidiary|branch)\s+of\s+(?P<parent>[^()]+)\)\s*$",
    re.I,
)
_BRANCH_SUFFIX = re.compile(
    r"^(?P<sub>.+?)\s*(?:,|—|–|\s-\s)\s*(?:a\s+)?branch of\s+(?P<parent>.+)$", re.I
)
_BRANCH_PREFIX = re.compile(r"^branch of\s+(?P<rest>.+)$", re.I)
_SUBSIDIARY_PREFIX = re.compile(r"^subsidiary\s+(?P<rest>.+\s+of\s+.+)$", re.I)
# Only a remark that opens with the relationship speaks of the entry itself; "(Y is a
# subsidiary of X ...)" speaks of Y, another party.
_REMARK_OF = re.compile(
    r"(?:^|;)\s*(?:(?:a|an)\s+)?(?P<rel>subordinate institution|subordinate institute|subsidiary)"
    r"\s+of\s+(?P<parent>[^;()]+?)\s*(?=;|$)",
    re.I,
)
_OTHERS_OF = re.compile(
    r"\((?P<subs>[^;()]+?)\s+(?P<rel>is a subsidiary|are subsidiaries)\s+of\s+"
    r"(?P<parent>[^;()]+?)(?=\s+and\s+operate|\s*[;)]|$)",
    re.I,
)
_LINKED_TO = re.compile(r"Linked To:\s*(?P<target>[^;]+)")
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th)|no\.\s*\d+"
)
_UNIT_NOUNS = r"(?:institute|academy|bureau|factory|plant|department|division|base|center|centre)"
# The parent's full name (ending in an organisation word), then a numbered unit ("38th Research
# Institute") or a named one ("Phasotron Scientific Research Institute"). Longest parent first.
_UNIT = re.compile(
    r"^(?P<parent>.+\b(?:corporation|group|company|corp\.?|limited|ltd\.?|administration))"
    rf"\s*,?\s+(?:the\s+)?(?P<unit>(?:(?:{_ORDINALS})\s+|[A-Z][\w'-]*\s+).*\b{_UNIT_NOUNS}\b.*)$",
    re.I,
)
# A parenthesis that belongs to the name ("Group (Limited)"), not a short form of it.
_NAME_PART = re.compile(r"^(?:limited|ltd\.?|group|inc\.?|holdings?|hong kong|bvi)$", re.I)
_KIND_OF = {
    "subordinate institute": ClaimKind.SUBORDINATE,
    "subordinate institution": ClaimKind.SUBORDINATE,
    "subsidiary": ClaimKind.SUBSIDIARY,
    "branch": ClaimKind.BRANCH,
}


def _strip(text: str) -> str:
    return " ".join(text.split()).strip(" ,;")


def _name_statement(name: str) -> tuple[str, Statement] | None:
    """(the subject's own name, the statement) for a name that states its parent."""
    found = _SUBORDINATE_NAME.match(name)
    if found and _strip(found.group("sub")):
        parent = _strip(found.group("parent"))
        words = f"{parent} subordinate institution: {_strip(found.group('sub'))}"
        return _strip(found.group("sub")), Statement(
            ClaimKind.SUBORDINATE, _forms(parent), f"listed as {words!r}", "name"
        )
    found = _PAREN_OF.match(name)
    if found:
        rel = found.group("rel").casefold()
        words = f"a {rel} of {_strip(found.group('parent'))}"
        kind = _KIND_OF[rel]
        return _strip(found.group("sub")), Statement(
            kind, (_strip(found.group("parent")),), f"listed as {words!r}", "name"
        )
    found = _BRANCH_SUFFIX.match(name)
    if found:
        parent = _strip(found.group("parent"))
        return _strip(found.group("sub")), Statement(
            ClaimKind.BRANCH, (parent,), f"listed as 'branch of {parent}'", "name"
        )
    return None


def _forms(parent: str) -> tuple[str, ...]:
    """'Institute (CETC 13)' -> the name and its parenthesised short form."""
    found = re.match(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)\s*$", parent)
    if not found or _NAME_PART.match(found.group("short").strip()):
        return (parent,)
    return (_strip(found.group("name")), _strip(found.group("short")))


def with_subject(record: ListRecord) -> ListRecord:
    """The record whose name states a parent, renamed to its own subject; the list's full
    wording is kept in `extra['listed_as']` and at the head of the remarks."""
    found = _name_statement(record.name)
    if found is None:
        return record
    subject, _ = found
    remarks = f"Listed as: {record.name}" + (f" | {record.remarks}" if record.remarks else "")
    extra = {**record.extra, "listed_as": record.name}
    return replace(record, name=subject, remarks=remarks, extra=extra)


def _alias_statements(record: ListRecord) -> list[Statement]:
    """An alias 'Branch of X <the entry's name>' or '<the entry's name> Branch of X'."""
    out = []
    own = record.name.casefold()
    for alias in record.alt_names:
        folded = alias.casefold()
        parent = None
        if folded.startswith("branch of ") and folded.endswith(" " + own):
            parent = _strip(alias[len("branch of ") : len(alias) - len(own)])
        elif folded.startswith(own + " branch of "):
            parent = _strip(alias[len(own) + len(" branch of ") :])
        if parent:
            basis = f"listed with the alias {alias!r}"
            out.append(Statement(ClaimKind.BRANCH, (parent,), basis, "alt_names"))
    return out


def _prefix_branch(record: ListRecord) -> list[Statement]:
    """'Branch of RSK MiG Nizhny Novgorod ... Plant' (the parent is some leading part of the
    rest) and 'Subsidiary X of Y' (the parent follows some ' of '): every split is a
    candidate, longest parent first (`loaders.pipeline.claims` keeps a confident one)."""
    basis = f"listed as {record.name!r}"
    found = _BRANCH_PREFIX.match(record.name)
    if found:
        words = found.group("rest").split()
        names = tuple(" ".join(words[:i]) for i in range(len(words) - 1, 0, -1))
        rest = found.group("rest")
        return [
            Statement(ClaimKind.BRANCH, names, basis, "name", alternatives=True, as_listed=rest)
        ]
    found = _SUBSIDIARY_PREFIX.match(record.name)
    if found:
        parts = found.group("rest").split(" of ")
        names = tuple(" of ".join(parts[i:]) for i in range(1, len(parts)))
        rest = found.group("rest")
        return [
            Statement(ClaimKind.SUBSIDIARY, names, basis, "name", alternatives=True, as_listed=rest)
        ]
    return []


def _third_parties(remarks: str | None) -> list[Statement]:
    """'(Tradex Co. is a subsidiary of Tajco Company and operates from ...)': the remark names
    both ends; the shared address it mentions is not the basis, the stated subsidiary is."""
    out = []
    for found in _OTHERS_OF.finditer(remarks or ""):
        names = re.split(r",\s*|\s+and\s+", _strip(found.group("subs")))
        subjects = tuple(n for n in (_strip(x) for x in names) if n)
        parent = _strip(found.group("parent"))
        words = f"{_strip(found.group('subs'))} {found.group('rel')} of {parent}"
        basis = f"remarks: {words!r}"
        out.append(Statement(ClaimKind.SUBSIDIARY, (parent,), basis, "remarks", subjects=subjects))
    return out


def _remark_statements(remarks: str | None) -> list[Statement]:
    out = _third_parties(remarks)
    for found in _LINKED_TO.finditer(remarks or ""):
        target = _strip(found.group("target"))
        if target:
            out.append(Statement(ClaimKind.LINKED_TO, (target,), f"Linked To: {target}", "remarks"))
    for found in _REMARK_OF.finditer(remarks or ""):
        rel = found.group("rel").casefold()
        parent = _strip(found.group("parent"))
        if parent:
            words = f"{found.group('rel')} of {parent}"
            out.append(Statement(_KIND_OF[rel], (parent,), f"remarks: {words!r}", "remarks"))
    return out


def _unit_statement(name: str) -> list[Statement]:
    found = _UNIT.match(name)
    if not found or _SUBORDINATE_NAME.match(name):
        return []
    parent = _strip(found.group("parent"))
    basis = f"named as a unit of {parent} in the list entry ({name!r})"
    return [Statement(ClaimKind.NAMED_UNIT, (parent,), basis, "name", confident_only=True)]


def _listed_parent(record: ListRecord) -> list[Statement]:
    parent = record.extra.get("parent_name")
    if not parent:
        return []
    basis = record.extra.get("parent_basis") or "grouped under this parent on the list"
    return [
        Statement(ClaimKind.LISTED_PARENT, _forms(parent), basis, "parent_name", as_listed=parent)
    ]


def statements_of(record: ListRecord) -> list[Statement]:
    """Every relationship the entry states (after `with_subject`)."""
    listed_as = record.extra.get("listed_as")
    named = _name_statement(listed_as) if listed_as else None
    out = [named[1]] if named else []
    out += _listed_parent(record)
    out += _alias_statements(record)
    out += _prefix_branch(record)
    out += _remark_statements(record.remarks if not listed_as else _own_remarks(record))
    if not any(s.kind is not ClaimKind.LINKED_TO for s in out):
        out += _unit_statement(record.name)
    return out


def _own_remarks(record: ListRecord) -> str | None:
    """The remarks without the 'Listed as:' head `with_subject` put there."""
    remarks = record.remarks or ""
    head = f"Listed as: {record.extra.get('listed_as')}"
    return remarks.removeprefix(head).removeprefix(" | ") or None
