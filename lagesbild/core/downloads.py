"""The import template's example files, offered for download so users start from a valid file."""

from django.http import FileResponse, Http404

from lagesbild.core.bootstrap import DATA_DIR

TEMPLATE_FILES = {
    "csv": ("importmall-exempel.csv", "text/csv; charset=utf-8"),
    "xlsx": (
        "importmall-exempel.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def import_template(request, fmt: str):
    if fmt not in TEMPLATE_FILES:
        raise Http404("okänt format")
    name, content_type = TEMPLATE_FILES[fmt]
    return FileResponse(
        (DATA_DIR / "templates" / name).open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
