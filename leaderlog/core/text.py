"""Characters that can deceive or drive a terminal: which ones they are, how to show them escaped, how to name them.

``terminal_safe`` is applied to everything the command line prints: a name or note
holding ESC, BEL, a C1 control or a bidirectional override (stored by an older
version, or by a database edited behind LeaderLog's back) is shown as ``\\x1b`` or
``\\u202e``, never obeyed by the terminal. Newlines and tabs pass through.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder the text shown after them."""
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
"""Zero-width space / non-joiner / joiner, word joiner, byte-order mark, soft hyphen."""
_KEPT = frozenset("\n\t\u200c\u200d")
# (zero-width joiner and non-joiner are kept: they join emoji sequences and shape
# Persian and Indic words in notes; names refuse them)
# Cc: C0 and C1 controls and DEL; Cf: format characters (bidi, zero-width); Cs: lone
# surrogates (undecodable bytes); Zl / Zp: line and paragraph separators, which some
# terminals and editors break lines on
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unsafe(character: str) -> bool:
    """True for a character terminal_safe escapes: controls but newline and tab, format (bidi, zero-width) but the joiners."""
    return character not in _KEPT and unicodedata.category(character) in _ESCAPED_CATEGORIES


def escape_character(character: str) -> str:
    """\\x1b for a code point below 256, \\u202e up to U+FFFF, \\U0001f3f4 beyond."""
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """text with every control, format, bidi and separator character escaped visibly, newlines and tabs kept.

    A backslash is left as it is: the escapes are for reading, not for parsing back.
    """
    if text.isprintable():
        return text  # the common case, checked in C
    return "".join(escape_character(c) if is_unsafe(c) else c for c in text)


def describe_character(character: str) -> str:
    """'U+001B (ESCAPE)' or 'U+202E (RIGHT-TO-LEFT OVERRIDE)': a character named without showing it."""
    code = ord(character)
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(code, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "TAB",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}


def position_in(text: str, index: int) -> str:
    """Where index is in text, for a message: 'character 5', or 'line 2, character 3' in multi-line text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, character {column}" if "\n" in text else f"character {column}"


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
