"""Analysts write their own text for any section on the report's web page. It is saved with history,
shown in every format, never replaced by generated text, and only the county's editors and national
admins may write it."""

import html

import pytest
from django.urls import reverse

from lagesbild.reports.content.county import build_county_report
from lagesbild.reports.models import MAX_COMMENTARY_LENGTH, Commentary
from lagesbild.reports.render import render
from lagesbild.territories.models import Territory

from .reading import docx_text, html_text

EDIT_STOCKHOLM = reverse("reports:commentary", args=["01", 2018])
STOCKHOLM_PAGE = reverse("reports:report", args=["01", 2018])
ANALYSIS = "Kvinnors utsatthet för sexualbrott är hög.\n\n- Fler förebyggande insatser behövs.\n- Pojkar och män involveras."


def stockholm_texts():
    return {c.section: c.text for c in Commentary.objects.of_report("01", 2018)}


def test_the_stockholm_editor_writes_the_analysis_and_the_report_shows_it_beside_the_generated_text(
    client, stockholm_editor
):
    client.force_login(stockholm_editor)
    form = client.get(EDIT_STOCKHOLM)
    assert (
        form.status_code == 200
        and "Genererad text (skrivs av plattformen)" in form.content.decode()
    )
    response = client.post(
        EDIT_STOCKHOLM, {"analys": ANALYSIS, "forord": "Stockholm 18 mars 2019"}, follow=True
    )
    assert "Texten sparades i 2 avsnitt." in response.content.decode()
    assert stockholm_texts() == {"analys": ANALYSIS, "forord": "Stockholm 18 mars 2019"}
    page = html_text(client.get(STOCKHOLM_PAGE).content)
    assert "Kvinnors utsatthet för sexualbrott är hög. Fler förebyggande insatser behövs." in page
    assert "Analys och rekommendationer" in page and "Förord" in page  # written, so now shown
    assert "Störst är skillnaden mot riket" in page  # the generated summary is still there


def test_the_saved_text_is_in_the_word_file_and_the_pdf(stockholm_editor):
    from lagesbild.reports.models import save_commentaries

    save_commentaries(
        "01", 2018, {"rekommendationer": "Fler regionala indikatorer behövs."}, stockholm_editor
    )
    document = build_county_report(Territory.objects.get(code="01"), 2018)
    assert "Fler regionala indikatorer behövs." in docx_text(render(document, "docx"))
    section = document.section("rekommendationer")
    assert section.blocks[0].blocks[0].text == "Fler regionala indikatorer behövs."


def test_generating_the_report_never_changes_what_the_analyst_wrote(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post(
        EDIT_STOCKHOLM, {"indikator-ntu-sexualbrott": "Egen tolkning: 11,6 procent i analysen."}
    )
    saved = Commentary.objects.get(section="indikator-ntu-sexualbrott")
    history_before = saved.history.count()
    for fmt in ("html", "pdf", "docx"):
        client.get(reverse("reports:download", args=["01", 2018, fmt]))
    client.get(STOCKHOLM_PAGE)
    saved.refresh_from_db()
    assert (
        saved.text == "Egen tolkning: 11,6 procent i analysen."
        and saved.history.count() == history_before
    )


def test_posting_the_same_text_again_changes_nothing_and_adds_no_history(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post(EDIT_STOCKHOLM, {"analys": ANALYSIS})
    response = client.post(
        EDIT_STOCKHOLM, {"analys": ANALYSIS.replace("\n", "\r\n") + "  "}, follow=True
    )
    assert "Inget ändrades." in response.content.decode()
    assert Commentary.objects.get(section="analys").history.count() == 1


def test_changing_the_text_keeps_the_earlier_version_in_the_history(client, stockholm_editor):
    client.force_login(stockholm_editor)
    client.post(EDIT_STOCKHOLM, {"analys": "Första versionen."})
    client.post(EDIT_STOCKHOLM, {"analys": "Andra versionen."})
    history = Commentary.objects.get(section="analys").history.order_by("history_date")
    assert [h.text for h in history] == ["Första versionen.", "Andra versionen."]
    assert history.last().history_user == stockholm_editor


def test_skane_editor_may_not_write_in_stockholms_report_and_nothing_is_saved(client, skane_editor):
    client.force_login(skane_editor)
    assert client.get(EDIT_STOCKHOLM).status_code == 403
    response = client.post(EDIT_STOCKHOLM, {"analys": "Skånes text i Stockholms rapport"})
    assert (
        response.status_code == 403
        and "lägesrapporten för Stockholms län 2018 ansvaras för av Stockholms län"
        in response.content.decode()
    )
    assert not Commentary.objects.exists()


def test_skane_editor_writes_in_skanes_own_report(client, skane_editor):
    client.force_login(skane_editor)
    client.post(reverse("reports:commentary", args=["12", 2018]), {"analys": "Skånes analys."})
    assert (
        Commentary.objects.get(territory_id="12", year=2018, section="analys").text
        == "Skånes analys."
    )


def test_a_national_admin_may_write_in_any_county_report_and_in_the_national_compilation(
    client, national_admin
):
    client.force_login(national_admin)
    client.post(EDIT_STOCKHOLM, {"analys": "Nationell kommentar"})
    client.post(
        reverse("reports:commentary", args=["riket", 2018]),
        {"analys": "Nationella rekommendationer"},
    )
    assert Commentary.objects.get(territory_id="01").text == "Nationell kommentar"
    assert Commentary.objects.get(territory_id="00").text == "Nationella rekommendationer"


def test_a_county_editor_may_not_write_in_the_national_compilation(client, stockholm_editor):
    client.force_login(stockholm_editor)
    response = client.get(reverse("reports:commentary", args=["riket", 2018]))
    assert (
        response.status_code == 403
        and "Bara den nationella administratören kan ändra dem" in response.content.decode()
    )


def test_a_municipal_coordinator_may_not_write_in_the_county_report(client, municipal_respondent):
    client.force_login(municipal_respondent)
    assert client.post(EDIT_STOCKHOLM, {"analys": "x"}).status_code == 403
    assert not Commentary.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(anonymous_visitor):
    response = anonymous_visitor.get(EDIT_STOCKHOLM)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/?next=")
    anonymous_visitor.post(EDIT_STOCKHOLM, {"analys": "x"})
    assert not Commentary.objects.exists()


def test_the_report_page_offers_editing_only_to_those_who_may_edit(
    client, stockholm_editor, skane_editor
):
    client.force_login(stockholm_editor)
    assert EDIT_STOCKHOLM in client.get(STOCKHOLM_PAGE).content.decode()
    client.force_login(skane_editor)
    assert EDIT_STOCKHOLM not in client.get(STOCKHOLM_PAGE).content.decode()


def test_a_too_long_text_is_refused_with_a_message_and_nothing_is_saved(client, stockholm_editor):
    client.force_login(stockholm_editor)
    response = client.post(
        EDIT_STOCKHOLM, {"analys": "x" * (MAX_COMMENTARY_LENGTH + 1), "forord": "Kort."}
    )
    assert response.status_code == 400
    assert "Texten sparades inte" in response.content.decode()
    assert not Commentary.objects.exists()


@pytest.mark.parametrize(
    "section", ["forord", "mal-2", "indikator-mhv-tillfragade-om-vald", "verksamheter", "tackning"]
)
def test_every_kind_of_section_has_a_field_for_the_analysts_text(client, stockholm_editor, section):
    client.force_login(stockholm_editor)
    assert f'name="{section}"' in client.get(EDIT_STOCKHOLM).content.decode()


def opened_form(client) -> dict:
    """The form as the browser posts it back unchanged: every text and the fingerprint it was opened with."""
    import re

    page = client.get(EDIT_STOCKHOLM).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+__oppnad)" value="([^"]*)"', page))
    texts = {
        name: html.unescape(text)
        for name, text in re.findall(
            r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', page, re.S
        )
    }
    return {**fields, **texts}


def test_two_analysts_editing_different_sections_at_once_keep_both_texts(
    client, stockholm_editor, national_admin
):
    client.force_login(stockholm_editor)
    stina = opened_form(client)
    client.force_login(national_admin)
    nora = opened_form(client)
    client.post(EDIT_STOCKHOLM, {**nora, "analys": "Noras analys."})
    client.force_login(stockholm_editor)
    client.post(EDIT_STOCKHOLM, {**stina, "forord": "Stinas förord."})
    assert stockholm_texts() == {"analys": "Noras analys.", "forord": "Stinas förord."}


def test_a_section_changed_by_someone_else_meanwhile_is_not_overwritten(
    client, stockholm_editor, national_admin
):
    client.force_login(stockholm_editor)
    stina = opened_form(client)
    client.force_login(national_admin)
    client.post(EDIT_STOCKHOLM, {**opened_form(client), "analys": "Noras analys."})
    client.force_login(stockholm_editor)
    response = client.post(
        EDIT_STOCKHOLM, {**stina, "analys": "Stinas analys.", "forord": "Stinas förord."}
    )
    assert (
        response.status_code == 400
        and "Någon annan har ändrat texten sedan du öppnade sidan" in response.content.decode()
    )
    assert stockholm_texts() == {"analys": "Noras analys."}


def test_text_pasted_from_a_word_processor_with_control_characters_goes_into_every_format(
    client, stockholm_editor
):
    client.force_login(stockholm_editor)
    client.post(EDIT_STOCKHOLM, {"analys": "Rad ett\x0bRad två\x07 med klocka\r\n\r\nNytt stycke."})
    assert (
        Commentary.objects.get(section="analys").text
        == "Rad ett\nRad två med klocka\n\nNytt stycke."
    )
    for fmt in ("docx", "pdf", "html"):
        assert client.get(reverse("reports:download", args=["01", 2018, fmt])).status_code == 200
