"""The stored index: entities, their name forms, and token <-> form postings in flat arrays.

Why flat (CSR) arrays: to stay lean at millions of names, whose (token, form) pairs number
millions more; in an int32 array with offsets a pair costs 4 bytes, in Python lists a
pointer and an int object each. Built once, never changed: every other part of the
resolver only reads them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from loaders.resolution.decision import IndexEntry
from loaders.resolution.normalize import PLACE_PREFIXES

__all__ = ["Postings", "common", "csr"]


def csr(
    keys: array[int], values: array[int], n_keys: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """An inverted index from parallel (key, value) arrays: `post[off[k]:off[k + 1]]` are key
    k's values in the order they were added (a stable sort, so postings built in id order
    stay sorted and can be searched by bisection), and `counts[k]` how many there are."""
    k = np.frombuffer(keys, dtype=np.int32)
    v = np.frombuffer(values, dtype=np.int32)
    post = v[np.argsort(k, kind="stable")].astype(np.int32)
    counts = np.bincount(k, minlength=n_keys)
    off = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return post, off, counts


def common(
    a: npt.NDArray[np.int32], b: npt.NDArray[np.int32], mark: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int32]:
    """The values two sorted lists of form ids share, in order: the shorter list is marked
    in a zeroed array over the forms and the longer one read through it. Binary search of
    one list in the other took a query of common words (a Western name) a fifth of its time;
    `mark` is left zeroed again."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    mark[short] = True
    try:
        return long[mark[long]]
    finally:
        mark[short] = False


@dataclass(slots=True)
class Postings:
    """Entities by index (in the order given), their distinct name forms by form id (an
    entity's forms are contiguous: `first_form[e]:first_form[e + 1]`), and tokens by id.

    `token_forms[token_forms_off[k]:token_forms_off[k + 1]]` are the forms holding token k,
    in form id order; `form_tokens[form_tokens_off[f]:form_tokens_off[f + 1]]` are form f's
    distinct tokens (the same pairs read the other way, so the pre-ranking reads a pooled
    form's tokens instead of probing every key's postings).
    """

    ids: list[str]
    names: list[str]
    aliases: list[tuple[str, ...]]
    labels: list[tuple[str, ...]]
    first_form: array[int]  # per entity, then one past the last: the number of forms
    form_text: list[str]
    form_entity: npt.NDArray[np.int32]
    form_source: npt.NDArray[np.uint16]  # 0: the entity's name; i: its alias i - 1
    form_tokens: npt.NDArray[np.int32]
    form_tokens_off: npt.NDArray[np.int64]
    vocab: dict[str, int]  # token -> id
    words: list[str]  # id -> token
    df: npt.NDArray[np.int32]  # per token, the forms holding it
    token_forms: npt.NDArray[np.int32]
    token_forms_off: npt.NDArray[np.int64]

    @classmethod
    def build(cls, entries: Iterable[IndexEntry], stored: Callable[[str], list[str]]) -> Postings:
        """Index entries, each name and alias stored as the texts `stored` makes of it."""
        build = _Builder(stored)
        for entry in entries:
            build.add(entry)
        return build.done()

    def stored_text(self, e: int, fid: int) -> str:
        """The name or alias of entity `e` that form `fid` was made from, as given."""
        src = int(self.form_source[fid])
        return self.names[e] if src == 0 else self.aliases[e][src - 1]

    def person(self, e: int) -> bool:
        """Entity *e* is a person and nothing else (an untyped list row may be either)."""
        return e >= 0 and self.labels[e] == ("Person",)

    def entity_places(self, e: int) -> frozenset[str]:
        """Chinese place prefixes in any stored form of entity *e* (its own location)."""
        lo, hi = self.first_form[e], self.first_form[e + 1]
        return frozenset(
            t for f in range(lo, hi) for t in self.form_text[f].split() if t in PLACE_PREFIXES
        )


class _Builder:
    """The tables as entries are added: plain arrays of pairs, turned into numpy at the end."""

    def __init__(self, stored: Callable[[str], list[str]]) -> None:
        self.stored = stored
        self.ids: list[str] = []
        self.names: list[str] = []
        self.aliases: list[tuple[str, ...]] = []
        self.labels: list[tuple[str, ...]] = []
        self.label_intern: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.first_form = array("i")
        self.form_text: list[str] = []
        self.form_ent = array("i")
        self.form_src = array("H")
        self.pair_tok = array("i")
        self.pair_form = array("i")
        self.vocab: dict[str, int] = {}
        self.words: list[str] = []

    def add(self, entry: IndexEntry) -> None:
        """One entity's distinct name forms (name, then aliases) and their token postings."""
        eidx = len(self.ids)
        self.first_form.append(len(self.form_text))
        self.ids.append(entry.id)
        self.names.append(entry.name)
        self.aliases.append(tuple(entry.aliases))
        labels = tuple(entry.labels)
        self.labels.append(self.label_intern.setdefault(labels, labels))
        vocab, words, form_text = self.vocab, self.words, self.form_text
        form_ent, form_src = self.form_ent, self.form_src
        pair_tok, pair_form = self.pair_tok, self.pair_form
        seen: set[str] = set()
        for src, text in enumerate((entry.name, *entry.aliases)):
            if src > 65535:
                break
            for f in self.stored(text):
                if f in seen:
                    continue
                seen.add(f)
                fid = len(form_text)
                form_text.append(f)
                form_ent.append(eidx)
                form_src.append(src)
                # In the text's order, not a set's: a set's order follows the process's hash
                # seed, and token ids decide blocking's ties and the order masses are summed in
                # (last-bit differences that break exact ties), so two processes would block
                # a name differently.
                for t in dict.fromkeys(f.split()):
                    tid = vocab.get(t)
                    if tid is None:
                        tid = len(words)
                        vocab[t] = tid
                        words.append(t)
                    pair_tok.append(tid)
                    pair_form.append(fid)

    def done(self) -> Postings:
        n_text = len(self.form_text)
        self.first_form.append(n_text)
        form_ent = np.frombuffer(self.form_ent, dtype=np.int32).copy()
        form_src = np.frombuffer(self.form_src, dtype=np.uint16).copy()
        post, post_off, counts = csr(self.pair_tok, self.pair_form, len(self.words))
        # The pairs were added form by form: read in that order they are each form's tokens.
        form_tok = np.frombuffer(self.pair_tok, dtype=np.int32).copy()
        per_form = np.bincount(
            np.frombuffer(self.pair_form, dtype=np.int32), minlength=max(n_text, 1)
        )
        form_tok_off = np.zeros(n_text + 1, dtype=np.int64)
        np.cumsum(per_form[:n_text], out=form_tok_off[1:])
        return Postings(
            self.ids,
            self.names,
            self.aliases,
            self.labels,
            self.first_form,
            self.form_text,
            form_ent,
            form_src,
            form_tok,
            form_tok_off,
            self.vocab,
            self.words,
            counts.astype(np.int32),
            post,
            post_off,
        )
