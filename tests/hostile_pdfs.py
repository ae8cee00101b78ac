"""PDFs made to be hard to read: drawn the way word processors draw text, damaged,
locked, empty of text, or built to exhaust a reader (a million pages, a gigabyte inside a
kilobyte). Written from scratch here, as bytes, or with fpdf2, so each test makes the file
it needs and nothing large is committed."""

from __future__ import annotations

import functools
import zlib

from fpdf import FPDF
from PIL import Image

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 11 Tf 50 700 Td (Chin tuck: hold for 5 seconds and repeat 10 times.) Tj ET\n"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def one_page(
    content: bytes, *, entries: bytes = b"/Filter /FlateDecode", xobjects: bytes = b"", more=()
) -> bytes:
    """One A4 page drawing `content` (already encoded as `entries` says), Helvetica as /F1."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> %s >> >>" % xobjects,
            stream(content, entries),
            FONT,
            *more,
        ]
    )


@functools.cache
def spaces_deflated(size: int) -> bytes:
    """`size` spaces, deflated (about a thousandth of that), made a megabyte at a time."""
    packer = zlib.compressobj(9)
    block = b" " * 2**20
    return b"".join(packer.compress(block) for _ in range(size // 2**20)) + packer.flush()


def word_processor_page() -> bytes:
    """A page drawn as word processors draw it: each word placed by a TJ array with kerning,
    a bullet in the Symbol font followed by the item's text at a tab, a bold word within a
    line (a font change in mid-line), and the page number at the foot."""
    content = b"""
    BT /F2 14 Tf 1 0 0 1 72 760 Tm [(Chin)-250(T)30(uck)] TJ ET
    BT /F1 11 Tf 1 0 0 1 72 735 Tm [(Sit)-278(upright)-278(with)-278(your)-278(shoulders)-278(relaxed)
      -278(and)-278(your)-278(eyes)-278(looking)-278(straight)-278(ahead.)-278(Gently)] TJ ET
    BT /F1 11 Tf 1 0 0 1 72 721.6 Tm [(slide)-278(your)-278(chin)-278(back)-278(without)-278(tipping)
      -278(your)-278(head.)-278(Hold)-278(for)-278(5)-278(seconds)-278(and)] TJ ET
    BT /F1 11 Tf 1 0 0 1 72 708.2 Tm [(repeat)-278(10)-278(times.)] TJ ET
    BT /F3 11 Tf 1 0 0 1 90 684 Tm (\267) Tj ET
    BT /F1 11 Tf 1 0 0 1 108 684 Tm [(Keep)-278(your)-278(chin)] TJ /F2 11 Tf [( level)] TJ
      /F1 11 Tf [( all the time.)] TJ ET
    BT /F1 9 Tf 1 0 0 1 300 40 Tm (1) Tj ET
    """
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >> >> >>",
            stream(zlib.compress(content), b"/Filter /FlateDecode"),
            font % b"Helvetica",
            font % b"Helvetica-Bold",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
        ]
    )


def deflate_bomb() -> bytes:
    """A page whose content stream unpacks to a gigabyte: 1 MB in the file."""
    return one_page(spaces_deflated(2**30))


def nested_bomb() -> bytes:
    """The same gigabyte deflated twice: 2 kB in the file."""
    return one_page(
        zlib.compress(spaces_deflated(2**30), 9), entries=b"/Filter [/FlateDecode /FlateDecode]"
    )


def many_operations() -> bytes:
    """Three million drawing operations on one page, in 27 kB."""
    return one_page(zlib.compress(b"1 2 m 3 4 l S\n" * 1_000_000, 9))


def form_drawn_again_and_again() -> bytes:
    """A form too big to parse, drawn 400 times: each time pypdf parses it afresh and gives
    up, so no operation is ever counted; only the clock stops it."""
    form = stream(
        zlib.compress(b"1 " * 390_000 + TEXT, 9),
        b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode"
        b" /Resources << /Font << /F1 5 0 R >> >>",
    )
    page = zlib.compress(b"/X1 Do\n" * 400 + TEXT, 9)
    return one_page(page, xobjects=b"/XObject << /X1 6 0 R >>", more=(form,))


def page_tree_of(count: int) -> bytes:
    """One page listed `count` times in the page tree (6 bytes a page)."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b"3 0 R " * count, count),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(TEXT),
            FONT,
        ]
    )


def pages(count: int) -> bytes:
    """A real document of `count` pages, each with a line of text."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for number in range(1, count + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"Exercise {number}: hold for 20 seconds.")
    return bytes(pdf.output())


def text_pages(count: int, lines: int) -> bytes:
    """`count` pages of `lines` lines of tiny text each, one sentence a line."""
    sentence = b"(Lie on your back and hold for 30 seconds, then rest.) '\n"
    content = zlib.compress(b"BT /F1 1 Tf 1.2 TL 20 830 Td\n" + sentence * lines + b"ET\n", 9)
    kids = b" ".join(b"%d 0 R" % (3 + n) for n in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
    contents, font = 3 + count, 4 + count
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
        b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font)
    ] * count
    objects += [stream(content, b"/Filter /FlateDecode"), FONT]
    return raw_pdf(objects)


def locked(*, user_password: str | None) -> bytes:
    """A handout encrypted (RC4) with an owner password and, if given, a user password."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Chin Tuck\nDraw your chin back. Hold for 5 seconds. Repeat 10 times.")
    pdf.set_encryption(owner_password="physio", user_password=user_password)
    return bytes(pdf.output())


def scanned() -> bytes:
    """A page that is only a picture, as a scanner makes: no text layer at all."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("L", (400, 560), 230), x=10, y=10, w=190)
    return bytes(pdf.output())
