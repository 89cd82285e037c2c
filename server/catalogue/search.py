"""Search over the catalogue in all four locales at once, built once at start.

Every word is folded (``locales.uzbek.fold``: Cyrillic written in Latin, apostrophes dropped,
case folded), so "паспорт", "pasport" and "PASPORT" are one term and "bogʻcha", "bog'cha" and
"bogcha" another.  An inverted index maps each term to the services whose texts hold it, with
the weight of the best place it appears (title over summary over description).  A query word
matches a term exactly, as the start of a longer word (Uzbek adds suffixes: "pasport" ->
"pasportini"), or with one typo (one letter missing, extra, wrong or two swapped), found through
an index of one-letter deletions, so the cost depends on the query and the vocabulary, not on
the number of services.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from locales.uzbek import fold
from server.catalogue.models import ServiceDefinition

if TYPE_CHECKING:
    from server.catalogue.render import LocaleRendering

#: A word: letters and digits, with the apostrophes Uzbek writes inside words.
_WORD: Final = re.compile(r"[\w'`\u2018\u2019\u02bb\u02bc]+")
KEYWORD_WEIGHT: Final = 6
EXACT, PREFIX, STEM, TYPO = 1.0, 0.85, 0.8, 0.7
#: Shortest word matched as a prefix or with a typo ("id" must match exactly).
MIN_FUZZY_LENGTH: Final = 4
MIN_PREFIX_LENGTH: Final = 3
MAX_QUERY_WORDS: Final = 8
MAX_QUERY_LENGTH: Final = 200
#: Longest stretch of the sorted vocabulary a prefix may cover (bounds a one-letter query).
MAX_PREFIX_TERMS: Final = 16
#: What one matched query word adds to a score: more than any weight, so it ranks first.
WORD_MATCHED: Final = 1000.0


_TERM: Final = re.compile(r"\w+")


@lru_cache(maxsize=262_144)
def word_terms(word: str) -> tuple[str, ...]:
    """The folded term(s) of one written word (folding may split it, e.g. at a hyphen)."""
    return tuple(_TERM.findall(fold(word)))


def terms_of(text: str) -> list[str]:
    """The folded terms of ``text``, in order."""
    return [term for word in _WORD.findall(text[:10_000]) for term in word_terms(word)]


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1:] for i in range(len(term))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of at most 1 (one insertion, deletion, change or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1:]
    if a[start + 1:] == b[start + 1:]:
        return True  # one letter changed
    swapped = a[start:start + 2] == b[start:start + 2][::-1]
    return swapped and a[start + 2:] == b[start + 2:]


@dataclass(frozen=True, slots=True)
class SearchResult:
    total: int
    ids: list[str]


class SearchIndex:
    """The inverted index of a catalogue; :meth:`search` ranks service ids for a query."""

    def __init__(
        self, definitions: Iterable[ServiceDefinition], rendered: Mapping[str, LocaleRendering]
    ) -> None:
        self.ids: list[str] = []
        self.postings: dict[str, dict[int, float]] = {}
        for number, definition in enumerate(definitions):
            self.ids.append(definition.id)
            weighted = [(KEYWORD_WEIGHT, keyword) for keyword in definition.keywords]
            for rendering in rendered.values():
                weighted += rendering.search_texts.get(definition.id, [])
            for weight, text in weighted:
                terms = terms_of(text)
                # A word in a short text says more about the service than one in a long text
                # ("Travel passport" over "Replacing a lost passport or ID card").
                value = weight * (1 + 1 / (2 * len(terms))) if terms else 0.0
                for term in terms:
                    posting = self.postings.setdefault(term, {})
                    if posting.get(number, 0.0) < value:
                        posting[number] = value
        self.vocabulary = sorted(self.postings)
        self.deletions: dict[str, list[str]] = {}
        for term in self.vocabulary:
            if len(term) >= MIN_FUZZY_LENGTH:
                for variant in _deletions(term):
                    self.deletions.setdefault(variant, []).append(term)

    def _matches(self, word: str) -> dict[str, float]:
        """Terms ``word`` matches, each with how good the match is."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = EXACT
        if len(word) >= MIN_PREFIX_LENGTH:
            start = bisect.bisect_left(self.vocabulary, word)
            for term in self.vocabulary[start:start + MAX_PREFIX_TERMS]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX)
        # A word the catalogue knows is taken as typed: looking for typos would only add
        # noise ("olish" would also find "otish") and cost.
        if len(word) >= MIN_FUZZY_LENGTH and word not in self.postings:
            for cut in range(len(word) - 1, MIN_FUZZY_LENGTH - 1, -1):
                if word[:cut] in self.postings:  # the query adds a suffix to a known word
                    found.setdefault(word[:cut], STEM)
                    break
            candidates = list(self.deletions.get(word, ()))
            for variant in _deletions(word):
                if variant in self.postings:
                    candidates.append(variant)
                candidates += self.deletions.get(variant, ())
            for term in candidates:
                if term not in found and within_one_edit(word, term):
                    found[term] = TYPO
        return found

    def _best_per_service(self, word: str) -> dict[int, float]:
        """Service number -> the best match quality x weight of ``word`` in that service."""
        best: dict[int, float] = {}
        for term, quality in self._matches(word).items():
            if not best:  # the first term (often the only one): no comparisons needed
                best = {n: quality * w for n, w in self.postings[term].items() if w > 0.0}
                continue
            for number, weight in self.postings[term].items():
                value = quality * weight
                if value > best.get(number, 0.0):
                    best[number] = value
        return best

    def search(
        self, query: str, keep: Callable[[str], bool] | None = None, limit: int | None = None
    ) -> SearchResult:
        """Services matching ``query``, best first: more query words matched, then score.

        ``keep`` filters by service id (category, life event); ``limit`` keeps only the best
        ones, which spares sorting every match (``total`` still counts them all).
        """
        words = list(dict.fromkeys(terms_of(query[:MAX_QUERY_LENGTH])))[:MAX_QUERY_WORDS]
        scores: dict[int, float] = {}
        for word in words:
            best = self._best_per_service(word)
            # Each matched word adds far more than any score can: more words matched wins.
            if not scores:  # the first word (most queries have one): built in one pass
                scores = {number: WORD_MATCHED + value for number, value in best.items()}
                continue
            for number, value in best.items():
                scores[number] = scores.get(number, 0.0) + WORD_MATCHED + value
        if keep is not None:
            scores = {n: score for n, score in scores.items() if keep(self.ids[n])}
        # Best score first, then catalogue order; plain tuples compare in C, without a key.
        keyed = [(-score, number) for number, score in scores.items()]
        ranked = sorted(keyed) if limit is None else heapq.nsmallest(limit, keyed)
        return SearchResult(len(scores), [self.ids[number] for _, number in ranked])
