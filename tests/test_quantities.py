"""Number parsing shared by the normalisers (extractor/normalize/quantities.py)."""
from __future__ import annotations

import pytest

from extractor.normalize.quantities import parse_count, parse_number


@pytest.mark.parametrize("text,expected", [
    ("12,345", 12345),
    ("1,234,567", 1234567),
    ("12 345", 12345),
    ("12\u00a0345", 12345),          # no-break space
    ("12\u202f345", 12345),          # narrow no-break space
    ("1.234.567", 1234567),          # European thousands, unambiguous with two dots
    ("1.2 million", 1200000),
    ("3.2 million", 3200000),
    ("2 billion", 2000000000),
    ("12k", 12000),
    ("87 K", 87000),
    ("2.5k", 2500),
    ("1.2M", 1200000),
    ("30 M", 30000000),
    ("twelve thousand", 12000),
    ("two hundred and fifty", 250),
    ("one hundred twenty-five thousand", 125000),
    ("ninety-nine", 99),
    ("twenty five", 25),
    ("a hundred thousand", 100000),
    ("a single", 1),
    ("single", 1),
    ("dual", 2),
    ("a pair of", 2),
    ("a dozen", 12),
    ("Twelve", 12),
    ("~1000", 1000),
    ("0", 0),
    ("7", 7),
])
def test_parse_number_reads_counts(text, expected):
    value = parse_number(text)
    assert value == expected
    assert isinstance(value, int)


@pytest.mark.parametrize("text", [
    "", "   ", "several", "dozens", "thousands", "thousand", "hundred", "abc",
    "2,3",        # a list, not a number
    "12,5",       # European decimal or a list: refused
    "1,23,456",   # malformed groups
    "ten five", "fifty twenty", "two three",
    "30 m",       # metres, not millions
    "12 apples",
])
def test_parse_number_refuses_non_numbers(text):
    assert parse_number(text) is None


def test_parse_number_keeps_decimals():
    assert parse_number("1.5") == 1.5
    assert parse_number("0.25") == 0.25
    # one dot and three digits is a decimal for a general number (English papers) ...
    assert parse_number("12.345") == pytest.approx(12.345)


def test_parse_count_reads_one_dot_thousands_but_refuses_fractions():
    # ... but a count cannot be fractional, so parse_count reads European thousands
    assert parse_count("12.345") == 12345
    assert parse_count("1.5") is None
    assert parse_count("2.25") is None
    assert parse_count("1.5 million") == 1500000
    assert parse_count("4.0") == 4
    assert parse_count("12,345") == 12345
    assert parse_count("several") is None


def test_parse_number_ignores_non_strings():
    assert parse_number(None) is None  # type: ignore[arg-type]
    assert parse_count(12) is None  # type: ignore[arg-type]
