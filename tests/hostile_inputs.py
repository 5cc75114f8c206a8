"""Generators for hostile and broken inputs (no binary files in the repo).

Each ``make_*`` function writes one file and returns its path. The PDFs come from
fpdf2 (see ``tests/pdfgen.py``) and are then damaged in a described, deterministic
way, so every failure a test sees can be recreated from this file alone. All text is
invented for these tests.
"""
from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Union

from fpdf import FPDF

from tests import pdfgen

PathLike = Union[str, Path]

METHODS_LINES = [
    "3 Methods",
    "The classifier was trained for 40 epochs on one NVIDIA Tesla V100 GPU",
    "with TensorFlow 2.4 and a batch size of 64; the learning rate was 0.001.",
]


def _write(path: PathLike, data: bytes) -> Path:
    target = Path(path)
    target.write_bytes(data)
    return target


def make_zero_bytes(path: PathLike) -> Path:
    return _write(path, b"")


def make_html_as_pdf(path: PathLike) -> Path:
    """What a browser saves when a paywall or login page answers a PDF link."""
    return _write(path, b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        b"<title>Access denied</title></head>\n<body><p>Please sign in to read "
                        b"this article.</p></body></html>\n")


def tiny_png() -> bytes:
    """A valid 4x4 grey PNG, built by hand."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes([0x80] * 4) for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def make_png_as_pdf(path: PathLike) -> Path:
    return _write(path, tiny_png())


def make_text_pdf(path: PathLike, pages: int = 1, lines=METHODS_LINES) -> Path:
    """A plain PDF with a text layer: ``pages`` pages, each with the methods lines."""
    pdf = pdfgen._new_pdf("Hostile input test paper")
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.text(72, 80, f"Sorting bat calls by species, part {number}")
        pdf.set_font("Times", size=10)
        y = 120.0
        for line in lines:
            pdf.text(72, y, line)
            y += 13
    return pdfgen._save(pdf, path)


def make_truncated(path: PathLike, source: PathLike, keep: float) -> Path:
    """The first ``keep`` share of a real PDF's bytes (an interrupted download)."""
    data = Path(source).read_bytes()
    return _write(path, data[: int(len(data) * keep)])


def make_broken_xref(path: PathLike, source: PathLike) -> Path:
    """Every xref offset shifted and startxref pointing past the end of the file."""
    data = Path(source).read_bytes()

    def shift(m: "re.Match[bytes]") -> bytes:
        return b"%010d %s n" % (int(m.group(1)) + 7, m.group(2))

    data = re.sub(rb"(\d{10}) (\d{5}) n", shift, data)
    data = re.sub(rb"startxref\s+\d+", b"startxref\n" + str(len(data) * 3).encode(), data)
    return _write(path, data)


def make_garbled_trailer(path: PathLike, source: PathLike) -> Path:
    """The xref table and trailer overwritten with junk: nothing says where the objects are."""
    data = Path(source).read_bytes()
    cut = data.rfind(b"xref")
    junk = bytes((i * 37 + 11) % 256 for i in range(len(data) - cut))
    return _write(path, data[:cut] + junk + b"\n%%EOF\n")


def make_user_password(path: PathLike) -> Path:
    return pdfgen.make_encrypted(path)


def make_owner_password_only(path: PathLike) -> Path:
    """Encrypted with an owner password only: anyone may open and read it (copy limits aside)."""
    pdf = pdfgen._new_pdf("Owner password only")
    pdf.add_page()
    pdf.set_font("Times", size=10)
    y = 100.0
    for line in METHODS_LINES:
        pdf.text(72, y, line)
        y += 13
    pdf.set_encryption(owner_password="owner-only-secret")
    return pdfgen._save(pdf, path)


def make_image_only(path: PathLike, pages: int = 2) -> Path:
    """A scan: every page is one embedded raster image, no text layer at all."""
    pdf = pdfgen._new_pdf("Scanned article")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(tiny_png()), x=36, y=36, w=540, h=720)
    return pdfgen._save(pdf, path)


def make_many_pages(path: PathLike, pages: int = 500) -> Path:
    """A long PDF: ``pages`` pages of short text, the methods lines on the last page."""
    pdf = pdfgen._new_pdf("A very long report")
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Times", size=10)
        if number == pages:
            y = 100.0
            for line in METHODS_LINES:
                pdf.text(72, y, line)
                y += 13
        else:
            pdf.text(72, 100, f"Appendix table {number}: field counts per site and night.")
    return pdfgen._save(pdf, path)


def make_latin1_text(path: PathLike) -> Path:
    text = ("3 Méthodes\n\nLe réseau a été entraîné sur une carte NVIDIA GeForce RTX 2080 Ti "
            "avec PyTorch 1.8, pendant 30 époques à 5 °C près.\n")
    return _write(path, text.encode("latin-1"))


def make_binary_junk(path: PathLike, size: int = 4096) -> Path:
    """Bytes of a deterministic pseudo-random sequence (no NUL-free text in sight)."""
    state = 2463534242
    out = bytearray()
    for _ in range(size):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(state & 0xFF)
    return _write(path, bytes(out))


def make_good_text(path: PathLike) -> Path:
    return _write(path, ("\n\n".join(["3 Methods", " ".join(METHODS_LINES[1:])]) + "\n").encode("utf-8"))



def make_truncated_readable(path: PathLike, source: PathLike) -> Path:
    """A PDF cut just before its final ``startxref`` and ``%%EOF``: every object and the
    trailer arrived, so a reader that rebuilds the cross-reference table can read it all."""
    data = Path(source).read_bytes()
    return _write(path, data[: data.rindex(b"startxref")])
