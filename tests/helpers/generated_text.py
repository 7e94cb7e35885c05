"""Generated names and notes as people type and paste them: accents in either encoding, every
script, and the hazards issue 15 lists (control, text-direction and invisible characters,
look-alikes in full-width letters). Shared by the forms' and CSV import's tests."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

ACCENTED = "éèêëáàâäãåíìîïóòôöõúùûüñçÉÈÁÀÖÜÑÇøØ"
_LETTERS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + ACCENTED)
HAZARDS = (
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b"  # C0 / C1 controls: BEL, ESC, CSI ...
    "\u202a\u202b\u202d\u202e\u2066\u2067\u2068\u2069"  # text-direction controls
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # invisible characters
)
ANY_CHARACTER = st.characters(codec="utf-8", exclude_categories=("Cs",))


def full_width(text: str) -> str:
    """ASCII letters and digits as their full-width compatibility forms ('Ana' -> 'Ａｎａ')."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


@st.composite
def _with_hazard(draw: st.DrawFn, text: st.SearchStrategy[str]) -> str:
    base = draw(text)
    at = draw(st.integers(0, len(base)))
    return base[:at] + draw(st.sampled_from(HAZARDS)) + base[at:]


_WORDS = st.lists(st.text(_LETTERS, min_size=2, max_size=8), min_size=1, max_size=3).map(" ".join)
_EITHER_ENCODING = st.tuples(_WORDS, st.sampled_from(["NFC", "NFD"])).map(
    lambda pair: unicodedata.normalize(pair[1], pair[0])
)


def names(existing: str) -> st.SearchStrategy[str]:
    """Names a user might enter next to the existing name: fine ones, hazards, look-alikes."""
    return st.one_of(
        _EITHER_ENCODING,
        _with_hazard(_EITHER_ENCODING),
        st.text(ANY_CHARACTER, max_size=12),
        st.text(st.sampled_from("\u200b\ufeff \t"), min_size=1, max_size=4),
        st.sampled_from([existing.upper(), full_width(existing), existing.replace(" ", "  ")]),
    )


_LINES = st.lists(st.text(ANY_CHARACTER.filter(lambda c: c not in "\r\n"), max_size=25), max_size=3)
NOTES = st.one_of(
    _EITHER_ENCODING,
    _LINES.map("\n".join),
    _with_hazard(_LINES.map("\n".join)),
    st.text(ANY_CHARACTER, min_size=1, max_size=40),
)
"""Notes: every script, several lines, tabs, and now and then a control character."""
