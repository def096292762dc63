"""Rebuilds every service's search text with å, ä and ö kept as letters of their own, so that a search
for "våld" no longer finds Valdemarsvik (lagesbild.core.text.swedish_fold)."""

from django.db import migrations

from lagesbild.core.text import swedish_fold

BATCH = 2000


def rebuild(apps, schema_editor):
    Service = apps.get_model("directory", "Service")
    rows = Service.objects.select_related("organization").only(
        "id", "name", "alternate_name", "description", "organization__name"
    )
    changed = []
    for service in rows.iterator(chunk_size=BATCH):
        organization = service.organization.name if service.organization_id else ""
        service.search_text = swedish_fold(
            " ".join([service.name, service.alternate_name, organization, service.description])
        )
        changed.append(service)
        if len(changed) >= BATCH:
            Service.objects.bulk_update(changed, ["search_text"])
            changed = []
    Service.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_change_reason_as_text")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
