from django.core.management.base import BaseCommand, CommandError

from lagesbild.core.errors import user_errors
from lagesbild.surveys.mail import REMIND_AFTER_DAYS, send_reminders
from lagesbild.surveys.models import Survey, SurveyStatus


class Command(BaseCommand):
    help = (
        "Skickar påminnelser med e-post till inbjudna kommuner som inte har skickat in sitt svar på en öppen "
        "enkät och inte har kontaktats de senaste dagarna. Kör till exempel en gång per dag."
    )

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, help="bara enkäten med detta id")
        parser.add_argument(
            "--days",
            type=int,
            default=REMIND_AFTER_DAYS,
            help=f"påminn den som inte kontaktats på så här många dagar (standard {REMIND_AFTER_DAYS})",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="visa vilka som skulle påminnas utan att skicka"
        )

    @user_errors
    def handle(self, *args, survey=None, days=REMIND_AFTER_DAYS, dry_run=False, **options):
        if days < 0:
            raise CommandError("--days kan inte vara negativt.")
        surveys = Survey.objects.filter(status=SurveyStatus.OPEN).select_related("county")
        if survey is not None:
            found = Survey.objects.filter(pk=survey).first()
            if found is None:
                raise CommandError(f"Det finns ingen enkät med id {survey}.")
            if found.status != SurveyStatus.OPEN:
                raise CommandError(
                    f"Enkäten {survey} ({found.title}) är inte öppen; påminnelser skickas bara för öppna enkäter."
                )
            surveys = surveys.filter(pk=survey)
        total, failed = 0, []
        for item in surveys:
            try:
                sending = send_reminders(item, after_days=days, dry_run=dry_run)
            except Exception as error:  # one survey's problem must not stop the others' reminders
                failed.append(item)
                self.stderr.write(
                    f"{item.title} ({item.county.name}): påminnelserna kunde inte skickas: {error}"
                )
                continue
            total += len(sending.sent)
            verb = "skulle få" if dry_run else "fick"
            for invitation in sending.sent:
                self.stdout.write(
                    f"{item.title} ({item.county.name}): {invitation.municipality.name} {verb} en påminnelse "
                    f"till {invitation.email}"
                )
        verb = "skulle skickas" if dry_run else "skickade"
        self.stdout.write(self.style.SUCCESS(f"{total} påminnelser {verb}."))
        if failed:
            raise CommandError(
                f"Påminnelserna för {len(failed)} enkäter kunde inte skickas (se ovan); "
                "de andra enkäternas skickades."
            )
