"""The token lists a name is stored as and queried as.

Why one module for both sides: what counts as the same name before any token is compared
(legal forms dropped, CJK read as pinyin and as glossed pinyin, a bracketed acronym a name
of its own, place synonyms and acronym expansions) must be decided alike for the stored and
the queried name, or a name would not find itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rigour.text.translit import ascii_text

from loaders.resolution.normalize import (
    gloss_form,
    has_cjk,
    list_latin,
    name_variants,
    normalize,
    pinyin_form,
)

__all__ = ["Synonyms", "entry_forms", "query_forms", "text_forms"]


def text_forms(text: str) -> list[str]:
    """One spelling normalised, plus pinyin and glossed pinyin for CJK."""
    norm = normalize(text)
    if not norm:
        return []
    forms = [norm]
    if has_cjk(norm):
        for f in (pinyin_form(text), gloss_form(text)):
            if f and f not in forms:
                forms.append(f)
    elif not norm.isascii():
        # Cyrillic, Greek, Arabic ...: also the Latin spelling (rigour's transliteration,
        # which OpenSanctions uses: "Шевченко" -> "Shevchenko"), so a name meets its Latin form.
        # Cyrillic also as the lists romanise it ("Хохлов": rigour's Hohlov, the lists' Khokhlov).
        for latin in (normalize(ascii_text(text)), normalize(list_latin(text))):
            if latin and latin not in forms:
                forms.append(latin)
    return forms


def query_forms(name: str) -> list[list[str]]:
    """Token lists to compare: the input without a final bracketed acronym (an acronym alone
    would meet every namesake of it), plus, for Chinese input, pinyin forms."""
    return [f.split() for f in text_forms(name_variants(name)[0])]


def entry_forms(text: str) -> list[str]:
    """Stored forms of one name/alias: the name, and its bracketed acronym as a name of its
    own ("... 38th Research Institute (CETC 38)" is also "CETC 38")."""
    forms: list[str] = []
    for variant in name_variants(text):
        forms.extend(f for f in text_forms(variant) if f not in forms)
    return forms


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Tokens read as another token (``synonyms``) or as several (``expansions``), on both
    the stored and the queried side: equivalent names of one thing that no spelling
    distance links (Luopu = Lop, "cetc" = china electronics technology group)."""

    synonyms: Mapping[str, str]
    expansions: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(
        cls,
        synonyms: Mapping[str, str] | None = None,
        expansions: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Synonyms:
        """Only the entries that change a token: an index without any reads names as is."""
        return cls(
            {k: v for k, v in (synonyms or {}).items() if k != v},
            {k: tuple(v) for k, v in (expansions or {}).items() if v and v != (k,)},
        )

    def query(self, name: str) -> list[list[str]]:
        """The token lists a query probes and aligns."""
        return self.tokens(query_forms(name))

    def stored(self, text: str) -> list[str]:
        """The distinct texts one name or alias is stored as."""
        return self.texts(entry_forms(text))

    def tokens(self, forms: list[list[str]]) -> list[list[str]]:
        if not self.synonyms and not self.expansions:
            return forms
        syn, exp = self.synonyms, self.expansions
        out: list[list[str]] = []
        for form in forms:
            mapped = [syn.get(t, t) for t in form]
            if exp:
                mapped = [x for t in mapped for x in exp.get(t, (t,))]
            if mapped not in out:
                out.append(mapped)
        return out

    def texts(self, forms: list[str]) -> list[str]:
        if not self.synonyms and not self.expansions:
            return forms
        mapped = [" ".join(t) for t in self.tokens([f.split() for f in forms])]
        return list(dict.fromkeys(mapped))
