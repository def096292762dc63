"""The issue's "done when", as one story: a Stockholm county editor runs a survey end to end with
three municipalities answering through their personal links, publishes a result as a county figure
that then shows in the indicator lab, records an activity and adds a publication the public can find;
and the report's survey figures and activities are there from the start."""

import re

from lagesbild.activities.models import Activity
from lagesbild.indicators.models import BatchKind, ImportBatch, Indicator, Observation, Origin
from lagesbild.publications.models import Publication
from lagesbild.surveys.models import Question, Survey

from .builders import a_day

LINK = re.compile(r"http://testserver(/enkat/[^/\s]+/)")


def the_link_in(message) -> str:
    return LINK.search(message.body).group(1)


def test_a_county_editor_runs_a_survey_publishes_a_figure_records_an_activity_and_adds_a_publication(
    client, stockholm_editor, mailoutbox, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(stockholm_editor)

    # The editor builds the questionnaire: a yes/no question with a conditional follow-up, and a number.
    created = client.post(
        "/enkater/ny/",
        {
            "title": "Baskunskaper 2025",
            "year": "2025",
            "opens_on": a_day(0).isoformat(),
            "closes_on": a_day(20).isoformat(),
            "results_public": "on",
        },
    )
    survey = Survey.objects.get(title="Baskunskaper 2025")
    assert created.status_code == 302 and survey.county_id == "01"
    client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {"kind": "janej", "text": "Erbjuder kommunen baskunskaper?", "required": "on"},
    )
    offers = Question.objects.get(survey=survey, text="Erbjuder kommunen baskunskaper?")
    client.post(
        f"/enkater/{survey.pk}/fragor/ny/",
        {
            "kind": "janej",
            "text": "Om ja: med webbkursen?",
            "required": "on",
            "parent": offers.pk,
            "show_if": "ja",
        },
    )
    client.post(
        f"/enkater/{survey.pk}/fragor/ny/", {"kind": "tal", "text": "Hur många gick kursen?"}
    )
    assert survey.questions.count() == 3

    # Three municipalities are invited and the survey is opened: each gets its personal link by e-mail.
    client.post(
        f"/enkater/{survey.pk}/inbjudningar/",
        {
            "lines": "Södertälje; kvinnofrid@sodertalje.se\nBotkyrka; samordnare@botkyrka.se\nnacka; vald@nacka.se"
        },
    )
    opened = client.post(f"/enkater/{survey.pk}/status/oppna/")
    assert opened.status_code == 302 and len(mailoutbox) == 3
    links = {message.to[0]: the_link_in(message) for message in mailoutbox}
    client.logout()

    # They answer without an account; Botkyrka saves a draft first and comes back later.
    follow_up = Question.objects.get(survey=survey, parent=offers)
    number = Question.objects.get(survey=survey, kind="tal")
    client.post(links["samordnare@botkyrka.se"], {offers.field_name: "ja", "action": "spara"})
    for email, (answer, web_course, trained) in {
        "kvinnofrid@sodertalje.se": ("ja", "ja", "40"),
        "samordnare@botkyrka.se": ("ja", "nej", "12"),
        "vald@nacka.se": ("nej", "", "0"),
    }.items():
        sent = client.post(
            links[email],
            {
                offers.field_name: answer,
                follow_up.field_name: web_course,
                number.field_name: trained,
                "action": "skicka",
            },
        )
        assert sent.status_code == 200 and "Svaret är inskickat" in sent.content.decode()

    # The editor sees who has answered, closes the survey and publishes the share that said yes.
    client.force_login(stockholm_editor)
    status_page = client.get(f"/enkater/{survey.pk}/inbjudningar/").content.decode()
    assert status_page.count("Svar inskickat") == 3
    client.post(f"/enkater/{survey.pk}/status/stang/")
    published = client.post(
        f"/enkater/{survey.pk}/fragor/{offers.pk}/publicera/",
        {
            "answer": "ja",
            "year": "2025",
            "target": "ny",
            "goal": "4",
            "name_sv": "Andel kommuner som erbjuder baskunskaper om mäns våld mot kvinnor",
            "name_en": "Share of municipalities offering basic knowledge about men's violence against women",
        },
    )
    assert published.status_code == 302
    indicator = Indicator.objects.get(
        name_sv="Andel kommuner som erbjuder baskunskaper om mäns våld mot kvinnor"
    )
    assert (indicator.origin, indicator.levels, indicator.goal_id) == (Origin.USER, ["lan"], 4)
    figure = Observation.objects.get(indicator=indicator, territory_id="01", period_start=2025)
    assert figure.value == 67  # two of three municipalities
    assert figure.batch.kind == BatchKind.SURVEY
    assert figure.batch.source == "Baskunskaper 2025, Länsstyrelsen i Stockholms län, 2025"

    # The figure shows in the indicator lab, to anyone, with the survey as its source.
    client.logout()
    lab = client.get(f"/indikatorer/{indicator.pk}/")
    assert lab.status_code == 200
    page = lab.content.decode()
    assert "Andel kommuner som erbjuder baskunskaper" in page and "67" in page

    # The editor records an activity and adds a publication with its full text as a PDF.
    client.force_login(stockholm_editor)
    client.post(
        "/aktiviteter/hantera/ny/",
        {
            "kind": "utbildning",
            "title": "FREDA-utbildning för socialtjänsten",
            "year": str(a_day(1).year),
            "start_date": a_day(1).isoformat(),
            "sub_assignment": "5",
            "goal": "2",
            "participants": "42",
            "participants_qualifier": "exakt",
            "rackvidd-TOTAL_FORMS": "2",
            "rackvidd-INITIAL_FORMS": "0",
            "rackvidd-0-qualifier": "exakt",
            "rackvidd-1-qualifier": "exakt",
        },
    )
    assert Activity.objects.get(title="FREDA-utbildning för socialtjänsten").county_id == "01"
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
    with pdf.open("rb") as upload:
        client.post(
            "/publikationer/hantera/ny/",
            {
                "title": "Baskunskaper i länets kommuner 2025",
                "publisher": "Länsstyrelsen i Stockholms län",
                "series": "Rapport",
                "number": "2025:3",
                "year": "2025",
                "status": "publicerad",
                "description_sv": "Resultatet av enkäten om baskunskaper.",
                "file": upload,
            },
        )
    client.logout()

    # The public finds both.
    assert (
        "FREDA-utbildning för socialtjänsten"
        in client.get("/aktiviteter/", {"lan": "01", "ar": a_day(1).year}).content.decode()
    )
    found = client.get("/publikationer/", {"q": "baskunskaper"}).content.decode()
    assert "Baskunskaper i länets kommuner 2025" in found and "Rapport 2025:3" in found
    publication = Publication.objects.get(number="2025:3")
    full_text = client.get(f"/publikationer/{publication.pk}/")
    assert "Läs fulltexten (PDF)" in full_text.content.decode()

    # The report's survey figures and its 2018 activities were loaded by init.
    shipped = Survey.objects.get(key="stockholm-2018-baskunskaper")
    assert sorted(q.reported_share for q in shipped.questions.all()) == [13, 14, 59, 64, 73]
    assert Activity.objects.filter(county_id="01", year=2018, key__isnull=False).count() == 19
    assert (
        ImportBatch.objects.filter(
            kind=BatchKind.SURVEY, source__startswith="Baskunskaper 2025"
        ).count()
        == 1
    )
