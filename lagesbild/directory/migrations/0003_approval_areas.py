"""Catchment approvals name the areas they approved. Approvals given before this release covered the
county as a whole; they are given the part of the service's catchment in that county as it is now,
so nothing published today is unpublished by the upgrade, and any later widening needs a new one."""

from django.db import migrations, models


def approved_areas_as_they_are(apps, schema_editor):
    Approval = apps.get_model("directory", "CatchmentApproval")
    for approval in Approval.objects.filter(status="godkand").select_related("service"):
        service = approval.service
        codes = list(service.catchment_areas.values_list("code", flat=True))
        if service.catchment_level == "riket" or approval.county_id == "00":
            areas = ["00"]
        else:
            areas = sorted(code for code in codes if code[:2] == approval.county_id)
        Approval.objects.filter(pk=approval.pk).update(areas=areas)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_vocabularies"),
    ]

    operations = [
        migrations.AddField(
            model_name="catchmentapproval",
            name="areas",
            field=models.JSONField(blank=True, default=list, verbose_name="godkända områden"),
        ),
        migrations.AddField(
            model_name="historicalcatchmentapproval",
            name="areas",
            field=models.JSONField(blank=True, default=list, verbose_name="godkända områden"),
        ),
        migrations.RunPython(approved_areas_as_they_are, migrations.RunPython.noop),
    ]
