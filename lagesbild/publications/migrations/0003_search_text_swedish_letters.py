"""Rebuilds every publication's search text with å, ä and ö kept as letters of their own, so that a
search for "våld" no longer finds Valdemarsvik (lagesbild.core.text.swedish_fold)."""

from django.db import migrations

from lagesbild.core.text import swedish_fold

FIELDS = (
    "title",
    "subtitle",
    "publisher",
    "contributors",
    "series",
    "number",
    "description_sv",
    "description_en",
)


def rebuild(apps, schema_editor):
    Publication = apps.get_model("publications", "Publication")
    changed = []
    for publication in Publication.objects.only("id", *FIELDS):
        series = " ".join(
            part for part in (publication.series, publication.number) if part
        )
        publication.search_text = swedish_fold(
            " ".join(
                [
                    publication.title,
                    publication.subtitle,
                    publication.publisher,
                    publication.contributors,
                    series,
                    publication.description_sv,
                    publication.description_en,
                ]
            )
        )
        changed.append(publication)
    Publication.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_change_reason_as_text")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
