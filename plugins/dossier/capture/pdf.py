"""PDF ("print to PDF", a publisher's PDF edition): its text layer, read with pdfminer.six, is read
as a text capture. Chrome's print margins (date and title above, address and page numbers below)
are taken out of the text: the address becomes the original URL. The time of capture is the PDF's
creation date. A PDF without a text layer (a scan) or one that needs a password is rejected."""

from __future__ import annotations

import io
import logging
import re

from .unwrap import Damaged, Unwrapped, iso_utc

NAME = "pdf"
SUFFIXES = (".pdf",)
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns about every odd font

_MARGIN = 0.08  # of the page's height: where a browser prints its header and footer
_WRAPPED = 0.97  # of the text column's width: a line with the next word would be wider, so the page broke it
_ENDS = tuple('.!?:;"\u201d\u2019)')  # a block ending otherwise, at the foot of a page, goes on over the page
_PRINTED_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?:\s?[AP]M)?\b")
_PAGE_NUMBER = re.compile(r"^\d+\s*/\s*\d+$")
_ADDRESS = re.compile(r"^(?:https?|file)://\S+$")


def sniff(head: bytes) -> bool:
    return head[:1024].lstrip().startswith(b"%PDF-")


def _creation_date(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    m = re.match(r"D:(\d{14})(Z|[+-]\d\d'?\d\d'?)?", str(value or ""))
    if not m:
        return None
    from datetime import datetime

    zone = (m.group(2) or "Z").replace("'", "")
    try:
        return iso_utc(datetime.strptime(m.group(1) + ("+0000" if zone == "Z" else zone), "%Y%m%d%H%M%S%z"))
    except ValueError:  # a creation date that is no date
        return None


def _first_word_width(line) -> float:
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    word = []
    for c in chars:
        if c.get_text().isspace():
            break
        word.append(c)
    return (word[-1].x1 - word[0].x0) if word else 0.0


def _unwrapped(box, width: float) -> str:
    """A text box's lines, with the lines the page's width broke joined again: a line broke because
    the next line's first word would not have fitted after it (after a hyphen, joined without a space)."""
    from pdfminer.layout import LTTextLine

    lines = [ln for ln in box if isinstance(ln, LTTextLine) and ln.get_text().strip()]
    out: list[str] = []
    for i, line in enumerate(lines):
        text = " ".join(line.get_text().split())
        previous = lines[i - 1] if i else None
        space = (previous.x1 - previous.x0) / max(len(previous.get_text()), 1) if previous is not None else 0
        wrapped = previous is not None and (previous.x1 - previous.x0) + space + _first_word_width(line) > _WRAPPED * width
        if wrapped and out:
            out[-1] += text if out[-1].endswith("-") else " " + text
        else:
            out.append(text)
    return "\n".join(out)


def unwrap(data: bytes) -> Unwrapped:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
        blocks: list[str] = []
        address = None
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            boxes = [el for el in page if isinstance(el, LTTextContainer) and el.get_text().strip()]
            band = page.height * _MARGIN
            margins = [b for b in boxes if b.y0 >= page.height - band or b.y1 <= band]
            printed = {
                id(b)
                for b in margins
                if (t := b.get_text().strip()) and (_PRINTED_DATE.match(t) or _PAGE_NUMBER.match(t) or _ADDRESS.match(t))
            }
            # The document title printed beside the date shares its line.
            lines = {round(b.y0) for b in margins if id(b) in printed}
            printed |= {id(b) for b in margins if round(b.y0) in lines}
            body = [b for b in boxes if id(b) not in printed]
            width = max((b.x1 for b in body), default=0) - min((b.x0 for b in body), default=0)
            first = True
            for box in boxes:
                if id(box) in printed:
                    text = box.get_text().strip()
                    if _ADDRESS.match(text) and text.startswith("http") and address is None:
                        address = text
                    continue
                text = _unwrapped(box, width)
                if first and blocks and not blocks[-1].endswith(_ENDS) and text[:1].islower():
                    blocks[-1] += " " + text  # a paragraph the page break cut in two
                else:
                    blocks.append(text)
                first = False
        captured_at = _creation_date(info.get("CreationDate")) if isinstance(info, dict) else None
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise Damaged("encrypted PDF: it needs a password to open, so its text cannot be read") from err
    except Damaged:
        raise
    except Exception as err:  # pdfminer raises many kinds of error on a damaged file
        raise Damaged(f"damaged PDF: {type(err).__name__}: {err}"[:200]) from err
    if not blocks:
        raise Damaged("PDF without text: no text layer to read (a scanned page needs OCR first)")
    return Unwrapped("\n\n".join(blocks).encode("utf-8"), "text", "utf-8", address, captured_at)
