"""The document as a Word file (python-docx), so analysts can keep editing the report they send out.

Same content and numbers as the PDF: a title page, a table of contents (a TOC field Word fills in
with page numbers when the file is opened; until then it lists the sections), page numbers in the
footer, real footnotes, tables with a repeated header row, and figures as SVG with a PNG copy for
word processors that cannot show SVG (Word 2016+ and LibreOffice show the vector graphic)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from lagesbild.core.marking import example_notice

from ..document import (
    AnalystText,
    BulletList,
    Document,
    Figure,
    Footnote,
    Generated,
    Link,
    Notice,
    Paragraph,
    Section,
    Strong,
    Table,
)

FONT = "Arial"  # metric-compatible with Liberation Sans, the PDF's font
ACCENT = RGBColor(0x00, 0x4F, 0x8C)
MUTED = RGBColor(0x59, 0x59, 0x59)
INK = RGBColor(0x1B, 0x1B, 0x1F)
TEXT_WIDTH = Cm(16)
SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


# --- Styles ---------------------------------------------------------------------------------------


def _plain_fonts(rpr) -> None:
    """Replaces theme fonts with the report's font, so headings and text use one typeface."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(name), FONT)


def _border(ppr, side: str, size: int, colour: str, space: int = 8) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", str(size)),
        ("w:space", str(space)),
        ("w:color", colour),
    ):
        edge.set(qn(name), value)
    borders.append(edge)


def _no_border(ppr) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is not None:
        ppr.remove(borders)


def _shade(element_pr, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    element_pr.append(shading)


def _paragraph_style(
    doc, name: str, *, size: float, bold=False, italic=False, colour=INK, before=0, after=4
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size, style.font.bold, style.font.italic, style.font.color.rgb = (
        Pt(size),
        bold,
        italic,
        colour,
    )
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
    return style


def _set_up_styles(doc, language: str) -> None:
    defaults = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    _plain_fonts(defaults)
    lang = defaults.find(qn("w:lang"))
    lang.set(qn("w:val"), "sv-SE" if language == "sv" else "en-GB")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 17), (2, 13), (3, 11), (4, 10)):
        style = doc.styles[f"Heading {level}"]
        _plain_fonts(style.element.get_or_add_rPr())
        style.font.size, style.font.color.rgb, style.font.bold = Pt(size), INK, True
        style.paragraph_format.space_before = Pt({1: 0, 2: 18, 3: 14, 4: 12}[level])
        style.paragraph_format.space_after = Pt(6)
        if level == 1:
            style.paragraph_format.page_break_before = True
            _border(style.element.get_or_add_pPr(), "bottom", 12, "004F8C", 4)
    caption = doc.styles["Caption"]
    _plain_fonts(caption.element.get_or_add_rPr())
    caption.font.size, caption.font.bold, caption.font.color.rgb = Pt(10), True, INK
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(10), Pt(4)
    caption.paragraph_format.keep_with_next = True
    _paragraph_style(doc, "Källa", size=8, colour=MUTED, after=10)
    _paragraph_style(doc, "Tabellnot", size=8, after=1)
    _paragraph_style(doc, "Saknas", size=10, italic=True, colour=MUTED)
    _paragraph_style(doc, "Datering", size=8, colour=MUTED, after=8)
    generated = _paragraph_style(doc, "Genererad text", size=10, after=4)
    _border(generated.element.get_or_add_pPr(), "left", 18, "767676")
    _shade(generated.element.get_or_add_pPr(), "F6F6F6")
    generated.paragraph_format.left_indent = Cm(0.3)
    label = _paragraph_style(
        doc,
        "Genererad rubrik",
        size=7,
        bold=True,
        colour=RGBColor(0x4A, 0x4A, 0x4A),
        before=8,
        after=2,
    )
    label.font.all_caps = True
    _border(label.element.get_or_add_pPr(), "left", 18, "767676")
    _shade(label.element.get_or_add_pPr(), "F6F6F6")
    label.paragraph_format.left_indent = Cm(0.3)
    label.paragraph_format.keep_with_next = True
    notice = _paragraph_style(
        doc, "Exempeldata", size=10, bold=True, colour=RGBColor(0x4D, 0x3D, 0x00), before=4, after=6
    )
    _shade(notice.element.get_or_add_pPr(), "FFF4CE")
    _border(notice.element.get_or_add_pPr(), "left", 36, "8A6D00")
    for name in ("TOC 1", "TOC 2"):  # Word's own names: updating the field keeps these styles
        entry = _paragraph_style(doc, name, size=10, after=2)
        entry.paragraph_format.left_indent = Cm(0 if name.endswith("1") else 0.6)
    contents = doc.styles["TOC Heading"]  # Word's own, based on Heading 1: no page break, no border
    _plain_fonts(contents.element.get_or_add_rPr())
    contents.font.size, contents.font.bold, contents.font.color.rgb = Pt(17), True, INK
    contents.paragraph_format.page_break_before = False
    contents.paragraph_format.space_before = Pt(0)
    title = doc.styles["Title"]
    _plain_fonts(title.element.get_or_add_rPr())
    title.font.size, title.font.bold, title.font.color.rgb = Pt(26), True, INK
    title.paragraph_format.space_before = Pt(90)
    _no_border(title.element.get_or_add_pPr())
    subtitle = doc.styles["Subtitle"]
    _plain_fonts(subtitle.element.get_or_add_rPr())
    subtitle.font.size, subtitle.font.italic, subtitle.font.color.rgb = Pt(16), False, INK
    _paragraph_style(doc, "Kolofon", size=8.5, colour=MUTED, after=4)


# --- Fields, links, footnotes -----------------------------------------------------------------------


def _field_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _instruction(run, text: str) -> None:
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = text
    run._r.append(instruction)


def _simple_field(paragraph, code: str, shown: str) -> None:
    begin = paragraph.add_run()
    _field_char(begin, "begin")
    _instruction(paragraph.add_run(), f" {code} ")
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run(shown)
    _field_char(paragraph.add_run(), "end")


def _hyperlink(paragraph, text: str, url: str) -> None:
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "004F8C")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


class Footnotes:
    """Word's footnotes part, which python-docx does not make: written once every note is known."""

    def __init__(self):
        self.notes: list[Footnote] = []

    def reference(self, paragraph, note: Footnote) -> None:
        self.notes.append(note)
        run = paragraph.add_run()
        run.font.superscript = True
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(note.number))
        run._r.append(reference)

    def attach(self, doc) -> None:
        if not self.notes:
            return
        separators = (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        )
        notes = "".join(
            f'<w:footnote w:id="{n.number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve"> {escape(n.text)}</w:t></w:r></w:p></w:footnote>'
            for n in self.notes
        )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w", "r")}>{separators}{notes}</w:footnotes>'
        part = Part(
            PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), doc.part.package
        )
        doc.part.relate_to(part, RT.FOOTNOTES)
        settings = doc.settings.element
        properties = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        settings.find(qn("w:compat")).addprevious(properties)


def _table_row(cells, size: int, repeat: bool = False) -> str:
    """One table row as WordprocessingML: text, bold for headers and sums, numbers right-aligned."""
    out = []
    for text, bold, right in cells:
        alignment = '<w:jc w:val="right"/>' if right else ""
        weight = "<w:b/>" if bold else ""
        out.append(
            f'<w:tc><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>{alignment}</w:pPr>'
            f'<w:r><w:rPr>{weight}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            "</w:p></w:tc>"
        )
    header = "<w:trPr><w:tblHeader/></w:trPr>" if repeat else ""
    return f"<w:tr>{header}{''.join(out)}</w:tr>"


# --- The writer ------------------------------------------------------------------------------------


class DocxWriter:
    def __init__(self, document: Document):
        self.document = document
        self.labels = document.draft or document.imprint.generated_labels
        self.doc = new_docx()
        self.footnotes = Footnotes()
        _set_up_styles(self.doc, document.language)
        # python-docx looks a style up by name on every use, which dominates the time of a long report.
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}
        self._page_setup()

    def add(self, text: str = "", style: str | None = None):
        """A new paragraph with the style set directly by id."""
        paragraph = self.doc.add_paragraph(text)
        if style:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.4)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(self.document.subtitle)
        run.font.size, run.font.color.rgb = Pt(8), MUTED
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.document.example:
            run = footer.add_run(self.document.example_notice + "   ")
            run.bold, run.font.size = True, Pt(8)
        _simple_field(footer, "PAGE", "1")
        settings = self.doc.settings.element
        settings.find(qn("w:compat")).addprevious(
            parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        )
        settings.find(qn("w:decimalSymbol")).set(
            qn("w:val"), "," if self.document.language == "sv" else "."
        )
        settings.find(qn("w:listSeparator")).set(
            qn("w:val"), ";" if self.document.language == "sv" else ","
        )
        properties = self.doc.core_properties
        properties.title, properties.author = self.document.subtitle, self.document.issuer
        properties.language = "sv-SE" if self.document.language == "sv" else "en-GB"
        properties.subject = self.document.title

    # --- text ------------------------------------------------------------------------------------

    def _runs(self, paragraph, parts) -> None:
        for part in parts:
            if isinstance(part, str):
                paragraph.add_run(part)
            elif isinstance(part, Strong):
                paragraph.add_run(part.text).bold = True
            elif isinstance(part, Link):
                _hyperlink(paragraph, part.text, part.url)
            elif isinstance(part, Footnote):
                self.footnotes.reference(paragraph, part)

    def paragraph(self, parts, style: str | None = None):
        paragraph = self.add(style=style)
        self._runs(paragraph, parts)
        return paragraph

    def bullets(self, block: BulletList, style: str | None = None) -> None:
        for item in block.items:
            paragraph = self.paragraph(item, "List Bullet")
            if style == "Genererad text":
                _border(paragraph._p.get_or_add_pPr(), "left", 18, "767676")
                _shade(paragraph._p.get_or_add_pPr(), "F6F6F6")

    def example_label(self) -> None:
        self.add(example_notice(), "Exempeldata").paragraph_format.keep_with_next = True

    # --- figures and tables ------------------------------------------------------------------------

    def figure(self, block: Figure) -> None:
        caption = self.add(style="Caption")
        caption.add_run(block.label + " ")
        caption.add_run(block.caption)
        if block.example:
            self.example_label()
        holder = self.add()
        holder.paragraph_format.keep_with_next = True
        shape = holder.add_run().add_picture(io.BytesIO(block.png), width=TEXT_WIDTH)
        shape._inline.docPr.set("descr", block.description or block.caption)
        self._attach_svg(shape, block)
        self.add(block.source, "Källa")

    def _attach_svg(self, shape, block: Figure) -> None:
        part = Part(
            PackURI(f"/word/media/figur{block.number}.svg"),
            "image/svg+xml",
            block.svg.encode("utf-8"),
            self.doc.part.package,
        )
        rel = self.doc.part.relate_to(part, RT.IMAGE)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        blip.append(
            parse_xml(
                f'<a:extLst {nsdecls("a", "r")}><a:ext uri="{SVG_EXTENSION}">'
                f'<asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" r:embed="{rel}"/></a:ext></a:extLst>'
            )
        )

    def table(self, block: Table) -> None:
        for part in block.parts():
            self.table_part(part)

    def table_part(self, block: Table) -> None:
        caption = self.add(style="Caption")
        caption.add_run(block.label + " ")
        caption.add_run(block.caption)
        if block.example:
            self.example_label()
        size = 15 if len(block.columns) > 6 else 17  # half-points: 7,5 and 8,5 pt
        header = [(text, True, index > 0) for index, text in enumerate(block.columns)]
        rows = [_table_row(header, size, repeat=True)]
        rows += [
            _table_row(
                [(c.text + (f" ({c.note})" if c.note else ""), c.strong, c.numeric) for c in cells],
                size,
            )
            for cells in block.rows
        ]
        grid = "".join("<w:gridCol/>" for _column in block.columns)
        table = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblBorders><w:top w:val="single" w:sz="8" w:color="1B1B1F"/><w:bottom w:val="single" w:sz="8" '
            'w:color="1B1B1F"/><w:insideH w:val="single" w:sz="4" w:color="CDCDCD"/></w:tblBorders>'
            '<w:tblLayout w:type="autofit"/><w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/>'
            f'</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:firstColumn="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"{''.join(rows)}</w:tbl>"
        )
        self.doc.element.body.sectPr.addprevious(table)
        for line in block.note_lines():
            self.add(line, "Tabellnot")
        self.add(block.source, "Källa")

    # --- blocks and sections -----------------------------------------------------------------------

    def block(self, block, style: str | None = None) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block.parts, style)
        elif isinstance(block, BulletList):
            self.bullets(block, style)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Notice):
            self.add(block.text, "Exempeldata")
        elif isinstance(block, Generated):
            if not self.labels:
                for inner in block.blocks:
                    self.block(inner)
                return
            self.add(_("Genererad text ur Lägesbilds data"), "Genererad rubrik")
            for inner in block.blocks:
                self.block(inner, "Genererad text")
        elif isinstance(block, AnalystText):
            if not block.blocks:
                if block.placeholder:
                    self.add(block.placeholder, "Saknas")
                return
            for inner in block.blocks:
                self.block(inner)
            if block.byline:
                self.add(block.byline, "Datering")

    def section(self, section: Section) -> None:
        self.add(section.heading, f"Heading {min(section.level, 4)}")
        for block in section.blocks:
            self.block(block)
        for child in section.sections:
            self.section(child)

    # --- title page and contents -------------------------------------------------------------------

    def title_page(self) -> None:
        document, edition = self.document, self.document.imprint
        if edition.logo:
            logo = self.add()
            picture = edition.logo
            if edition.logo_type == "svg":
                import vl_convert

                picture = vl_convert.svg_to_png(edition.logo.decode("utf-8"), scale=2)
            logo.add_run().add_picture(io.BytesIO(picture), height=Cm(1.6))
        issuer = self.add()
        run = issuer.add_run(document.issuer)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(12), ACCENT
        _border(issuer._p.get_or_add_pPr(), "bottom", 24, "004F8C", 6)
        if edition.series:
            self.add(" ".join(x for x in (edition.series, edition.series_number) if x), "Kolofon")
        self.add(document.title, "Title")
        self.add(document.subtitle, "Subtitle")
        if document.example:
            notice = self.add(document.example_notice, "Exempeldata")
            notice.paragraph_format.space_before = Pt(30)
            notice.runs[0].font.size = Pt(13)
        spacer = self.add()
        spacer.paragraph_format.space_before = Pt(150 if not document.example else 100)
        for line in document.about:
            self.add(line, "Datering")
        if edition.isbn:
            self.add(f"ISBN {edition.isbn}", "Datering")
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        spacer = self.add()
        spacer.paragraph_format.space_before = Pt(420)
        for line in document.colophon():
            self.add(line, "Kolofon")
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        """A real table of contents: a TOC field over heading levels 1–2, which Word fills with page
        numbers when the file is opened (`updateFields`); until then it lists the headings."""
        self.add(_("Innehåll"), "TOC Heading")
        entries = [(s.heading, s.level) for s in self.document.walk() if s.level <= 2]
        for index, (text, level) in enumerate(entries):
            paragraph = self.add(style=f"TOC {level}")
            if index == 0:
                _field_char(paragraph.add_run(), "begin")
                _instruction(paragraph.add_run(), ' TOC \\o "1-2" \\h \\z \\u ')
                _field_char(paragraph.add_run(), "separate")
            paragraph.add_run(text)
            if index == len(entries) - 1:
                _field_char(paragraph.add_run(), "end")

    def render(self) -> bytes:
        figures = self.document.figures()
        [
            figure.svg for figure in figures
        ]  # drawn here, in this thread: the lab's renderer reads the data version
        with ThreadPoolExecutor(
            max_workers=2
        ) as pool:  # the bitmap copies need no database; vl-convert releases the GIL
            list(pool.map(lambda figure: figure.png, figures))
        with translation.override(self.document.language):
            self.title_page()
            self.contents()
            for section in self.document.sections:
                self.section(section)
            self.footnotes.attach(self.doc)
            buffer = io.BytesIO()
            self.doc.save(buffer)
            return buffer.getvalue()


def render_docx(document: Document) -> bytes:
    return DocxWriter(document).render()
