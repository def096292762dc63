"""The document model on its own: numbering, analysts' plain text, table notes and SVG ids."""

from lagesbild.reports.document import (
    AnalystText,
    BulletList,
    Cell,
    Document,
    Footnote,
    Generated,
    Paragraph,
    Section,
    Table,
    blocks_from_text,
    unique_svg_ids,
)


def a_document() -> Document:
    from datetime import date

    return Document(
        title="T",
        subtitle="S",
        issuer="I",
        issued=date(2019, 3, 18),
        sections=[
            Section(
                "a",
                "Första",
                [Paragraph.of("x", Footnote("not ett"))],
                [
                    Section("b", "Under", [Table("t", ["A"], [[Cell("1")]])]),
                    Section(
                        "c", "Under två", [Generated([Paragraph.of("y", Footnote("not två"))])]
                    ),
                ],
            ),
            Section("d", "Andra", [Table("u", ["A"], [[Cell("2")]]), AnalystText("d", [])]),
        ],
    ).number()


def test_sections_tables_and_footnotes_are_numbered_in_reading_order():
    document = a_document()
    assert [(s.number, s.level) for s in document.walk()] == [
        ("1", 1),
        ("1.1", 2),
        ("1.2", 2),
        ("2", 1),
    ]
    assert [t.number for t in document.tables()] == [1, 2]
    assert [n.number for n in document.footnotes()] == [1, 2]
    assert document.section("c").heading == "1.2\u00a0Under två"


def test_analyst_text_blank_lines_make_paragraphs_and_dashes_make_bullets():
    blocks = blocks_from_text("Första stycket\nfortsätter här.\n\n- en punkt\n- en till\n\nSista.")
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Första stycket fortsätter här."
    assert isinstance(blocks[1], BulletList) and blocks[1].items == [["en punkt"], ["en till"]]
    assert blocks[2].text == "Sista."


def test_a_note_every_figure_of_a_table_carries_is_said_once_as_a_remark():
    table = Table(
        "t",
        ["Period", "Län"],
        [
            [Cell("2016"), Cell("8 %", note=1, numeric=True)],
            [Cell("2018"), Cell("21 %", note=1, numeric=True)],
        ],
        notes=["Rapport 2019:6."],
    )
    table.general_notes()
    assert table.remarks == ["Rapport 2019:6."] and table.notes == []
    assert all(cell.note is None for row in table.rows for cell in row)
    assert table.note_lines() == ["Anm. Rapport 2019:6."]


def test_notes_that_differ_between_cells_stay_numbered():
    table = Table(
        "t",
        ["Period", "Län"],
        [
            [Cell("2016"), Cell("82 %", note=1, numeric=True)],
            [Cell("2017"), Cell("88 %", note=2, numeric=True)],
        ],
        notes=["a", "b"],
    )
    assert table.general_notes().note_lines() == ["(1) a", "(2) b"]


def test_ids_inside_an_svg_get_a_prefix_so_many_figures_can_share_a_page():
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g><use href="#clip1"/></svg>'
    assert unique_svg_ids(svg, "figur3-") == (
        '<svg><clipPath id="figur3-clip1"><rect/></clipPath>'
        '<g clip-path="url(#figur3-clip1)"></g><use href="#figur3-clip1"/></svg>'
    )
