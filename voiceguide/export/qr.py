"""A QR code of an address, for a printed page (the programme summary's feed): segno, pure
Python, made as an SVG data URI that the page holds itself."""

from __future__ import annotations


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI (error correction M, as the page's codes)."""
    import segno

    uri: str = segno.make(text, error="m").svg_data_uri(scale=4, border=2)
    return uri
