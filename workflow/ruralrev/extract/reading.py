"""Reads a raw document as text: a UTF-8 text file (BOM optional) or a PDF through its text layer (pdftext),
with one clear line for a file that is neither (another encoding, a binary, a PDF named .txt)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ruralrev.errors import UserError
from ruralrev.files import read_text


def read_document(path, text_layers: Path | None = None) -> str:
    """Text of a document: a UTF-8 text (BOM optional), or a PDF's text layer (its stored copy in `text_layers`
    where there is one, else read now; see pdftext). UserError if it is neither, a warning if empty."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        stored = Path(text_layers) / f"{path.stem}.txt" if text_layers else None
        if stored is None or not stored.exists():
            from ruralrev.extract.pdftext import read_pdf

            return read_pdf(path)
        path = stored
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror}); check the path and rerun") from None
    advice = "save it as UTF-8 and rerun"
    if data.startswith(b"%PDF-"):
        raise UserError(f"{path}: is a PDF file named {path.suffix or 'without .pdf'}; rename it to {path.stem}.pdf")
    if b"\x00" in data:
        raise UserError(f"{path}: is not UTF-8 text (it contains NUL bytes); {advice}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        read_text(path, "document")  # raises the line naming the byte and how to re-save (GBK, GB18030)
        raise
    if re.search(r"[\x01-\x08\x0e-\x1f\x7f]", text):
        raise UserError(f"{path}: is not UTF-8 text (it contains binary control bytes); {advice}")
    if not text.strip():
        warnings.warn(f"{path}: the document is empty; no claims extracted", stacklevel=2)
    return text
