"""Reading reports the way a person does: the text of the PDF, the Word file and the HTML page."""

from __future__ import annotations

import html
import io
import re
import zipfile

NBSP = "\u00a0"


def normalised(text: str) -> str:
    """Non-breaking spaces as spaces and every run of white space as one, so line breaks do not matter."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return normalised(
        "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    )


def pdf_headings(content: bytes) -> list[str]:
    from pypdf import PdfReader

    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(normalised(item.title))

    walk(PdfReader(io.BytesIO(content)).outline)
    return titles


def pdf_page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def docx_document(content: bytes):
    import docx

    return docx.Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    """Body paragraphs, every table cell and the footnotes, in that order."""
    document = docx_document(content)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if "word/footnotes.xml" in archive.namelist():
            parts += re.findall(
                r"<w:t[^>]*>([^<]*)</w:t>", archive.read("word/footnotes.xml").decode("utf-8")
            )
    return normalised("\n".join(html.unescape(p) for p in parts))


def docx_headings(content: bytes) -> list[str]:
    return [
        normalised(p.text)
        for p in docx_document(content).paragraphs
        if p.style.name.startswith("Heading")
    ]


def docx_captions(content: bytes) -> list[str]:
    return [
        normalised(p.text) for p in docx_document(content).paragraphs if p.style.name == "Caption"
    ]


def html_text(content: bytes | str) -> str:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    text = re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    return normalised(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def html_headings(content: bytes | str) -> list[str]:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    found = re.findall(r'<h[2-6] id="avsnitt-[^"]*-rubrik">(.*?)</h[2-6]>', text, flags=re.S)
    return [normalised(html.unescape(h)) for h in found]


def html_captions(content: bytes | str) -> list[str]:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    found = re.findall(
        r"<(?:figcaption|caption)[^>]*>(.*?)</(?:figcaption|caption)>", text, flags=re.S
    )
    return [normalised(html.unescape(re.sub(r"<[^>]+>", "", c))) for c in found]
