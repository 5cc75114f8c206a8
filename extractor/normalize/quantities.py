"""Number parsing shared by the normalisers.

Papers write counts in many ways: "12,345", "12 345" (thin or no-break spaces too),
"1.2 million", "87 K", "12k", "twelve thousand", "two hundred and fifty", "a single",
"dual", "a dozen". :func:`parse_number` turns any of these into a number, or ``None``
when the text is not a number. :func:`parse_count` is the stricter variant for counts of
things (images, GPUs): it only returns whole numbers.

Ambiguous notations are treated conservatively:

* ``"12,345"`` / ``"1,234,567"``: comma groups of exactly three digits are thousands;
  any other comma use ("2,3", "12,5") is not a number (a list, or a European decimal
  we cannot tell from a list) and gives ``None``.
* ``"12.345"``: a single dot is a decimal point for :func:`parse_number` (12.345), as
  in English-language papers; only :func:`parse_count`, which needs a whole number,
  reads one dot followed by exactly three digits as European thousands (12345).
  Two or more dots with three-digit groups ("1.234.567") are always thousands.
* ``"M"`` means million only in upper case ("30 M images"); "30 m" is metres.
"""
from __future__ import annotations

import re
from typing import Optional, Union

Number = Union[int, float]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Whole phrases that are numbers on their own.
_PHRASES = {
    "a single": 1, "single": 1, "one single": 1, "a pair of": 2, "a pair": 2, "pair of": 2,
    "dual": 2, "double": 2, "twin": 2, "triple": 3, "quad": 4, "quadruple": 4,
    "a dozen": 12, "one dozen": 12, "dozen": 12, "half a dozen": 6, "a half dozen": 6,
    "a hundred": 100, "one hundred": 100, "a thousand": 1_000, "a million": 1_000_000,
    "half a million": 500_000, "a billion": 1_000_000_000,
}
_SCALE_SUFFIX = {"k": 1_000, "thousand": 1_000, "million": 1_000_000, "mio": 1_000_000,
                 "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}
_SPACES = "\u00a0\u202f\u2009\u2007 "
_SPACE_RE = re.compile(f"[{_SPACES}]+")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_SPACE_THOUSANDS = re.compile(f"^\\d{{1,3}}(?:[{_SPACES}]\\d{{3}})+$")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_ONE_DOT_THREE = re.compile(r"^\d{1,3}\.\d{3}$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_DIGITS_SCALE = re.compile(
    f"^(?P<num>[\\d.,{_SPACES}]*\\d)[{_SPACES}]*(?P<scale>thousand|million|billion|mio|mln|bn|k|K|M)\\.?$"
)
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def _tidy(text: str) -> str:
    return text.strip().strip("~\u2248\u223c").strip()


def _parse_digits(text: str, count: bool) -> Optional[Number]:
    """Digits with optional thousands separators; None if not such a number."""
    if _COMMA_THOUSANDS.match(text):
        return int(text.replace(",", ""))
    if _SPACE_THOUSANDS.match(text):
        return int(_SPACE_RE.sub("", text))
    if _DOT_THOUSANDS.match(text):
        return int(text.replace(".", ""))
    if count and _ONE_DOT_THREE.match(text):
        return int(text.replace(".", ""))
    if _PLAIN.match(text):
        if "." in text:
            value = float(text)
            return int(value) if value.is_integer() and not count else value
        return int(text)
    return None


def _parse_words(text: str) -> Optional[int]:
    """English number words: "twelve thousand", "two hundred and fifty", "a dozen"."""
    low = " ".join(text.lower().split())
    if low in _PHRASES:
        return _PHRASES[low]
    words = [w for w in _WORD_SPLIT.split(low) if w]
    if not words:
        return None
    if words[0] in ("hundred", "and") or words[0] in _SCALES:
        return None  # "thousand" alone is not a count ("thousands of images" is vaguer still)
    if words[0] in ("a", "an", "one") and len(words) > 1 and words[1] in ("hundred", "thousand", "million", "billion"):
        words = ["one"] + words[1:]
    total = 0
    current = 0
    seen = False
    last = None  # kind of the previous word, to refuse "two three" or "fifty twenty"
    for word in words:
        if word == "and":
            if last not in ("hundred", "scale"):
                return None
            continue
        if word in _UNITS:
            if last in ("unit",):
                return None
            if last == "tens" and _UNITS[word] >= 10:
                return None
            if last == "tens" and _UNITS[word] == 0:
                return None
            current += _UNITS[word]
            last = "unit"
        elif word in _TENS:
            if last in ("unit", "tens"):
                return None
            current += _TENS[word]
            last = "tens"
        elif word == "hundred":
            if last == "hundred":
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif word in _SCALES:
            if last == "scale" and not current:
                return None
            total += (current or 1) * _SCALES[word]
            current = 0
            last = "scale"
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


def parse_number(text: str) -> Optional[Number]:
    """A number written in digits or words, or ``None``.

    >>> parse_number("12,345"), parse_number("1.2 million"), parse_number("a dozen")
    (12345, 1200000, 12)
    """
    return _parse(text, count=False)


def parse_count(text: str) -> Optional[int]:
    """A whole-number count, or ``None`` (also for "1.5" or "2.25 images").

    Unlike :func:`parse_number`, reads "12.345" as European thousands (12345), since a
    count cannot have a fraction.
    """
    value = _parse(text, count=True)
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    return value


def _parse(text: str, count: bool) -> Optional[Number]:
    if not isinstance(text, str):
        return None
    text = _tidy(text)
    if not text:
        return None
    if text[0].isdigit():
        value = _parse_digits(text, count)
        if value is not None:
            return value
        m = _DIGITS_SCALE.match(text)
        if m is None:
            return None
        scale_word = m.group("scale")
        base = _parse_digits(m.group("num").strip(_SPACES), count=False)
        if base is None:
            return None
        scale = 1_000_000 if scale_word == "M" else _SCALE_SUFFIX[scale_word.lower()]
        return _whole(base * scale)
    # "1.2 million" is handled above; here: words, maybe with a digit-free scale
    words_value = _parse_words(text)
    if words_value is not None:
        return words_value
    # "half a million", "a quarter million" and similar are rare: not numbers here
    return None


def _whole(value: Number) -> Number:
    if isinstance(value, float):
        rounded = round(value)
        if abs(value - rounded) < 1e-6:
            return int(rounded)
    return value


__all__ = ["parse_number", "parse_count", "Number"]
