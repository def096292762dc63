"""Loads the taxonomies and languages of lagesbild/directory/vocabulary/ into a new database."""

from django.db import migrations


def load(apps, schema_editor):
    from lagesbild.directory.vocabulary import sync_vocabularies

    sync_vocabularies(
        apps.get_model("directory", "Taxonomy"),
        apps.get_model("directory", "TaxonomyTerm"),
        apps.get_model("directory", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
