"""The result card of Hitta stöd, built in Python.

Twenty cards per page through the template engine cost more CPU than the whole search query, and
the search must answer within 50 ms (docs/performance.md); format_html gives the same escaped
markup for a fraction. The structure is that of an accessible card: the service's name is the
card's heading and link, facts are a description list, languages carry their `lang`."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

CARD = (
    '<article class="service-card" aria-labelledby="service-{id}">'
    '<h3 id="service-{id}"><a href="{url}">{name}</a>{example}</h3>'
    '<p class="meta">{organization} · {sector}</p>'
    '<dl class="facts">'
    "<dt>{l_support}</dt><dd>{exposures}</dd>"
    "<dt>{l_for}</dt><dd>{targets}</dd>"
    "<dt>{l_area}</dt><dd>{area}</dd>"
    "<dt>{l_hours}</dt><dd>{hours}{notes}</dd>"
    "<dt>{l_languages}</dt><dd>{languages}</dd>"
    "<dt>{l_contact}</dt><dd>{contact}</dd>"
    "</dl></article>"
)


def labels() -> dict:
    """The card's words in the active language, looked up once per page."""
    return {
        "l_support": _("Stöd vid"),
        "l_for": _("Vänder sig till"),
        "l_area": _("Upptagningsområde"),
        "l_hours": _("Öppettider"),
        "l_languages": _("Språk"),
        "l_contact": _("Kontakt"),
        "example": _("Exempeldata"),
        "open": _("Öppet nu"),
        "closed": _("Stängt nu"),
        "unknown": _("Ingen uppgift"),
        "phone": _("Telefon"),
        "website": _("Webbplats"),
        "email": _("E-post"),
        "visiting": _("Besöksadress"),
        "protected": _(
            "Adressen är skyddad och visas inte. Kontakta verksamheten på telefon eller e-post."
        ),
    }


def contact_html(service, words: dict) -> SafeString:
    items = []
    if service.phone:
        digits = service.phone.replace(" ", "").replace("-", "")
        items.append(
            format_html(
                '<li>{}: <a href="tel:{}">{}</a></li>', words["phone"], digits, service.phone
            )
        )
    if service.website:
        items.append(
            format_html(
                '<li><a href="{}" rel="noopener">{}<span class="visually-hidden"> – {}</span></a></li>',
                service.website,
                words["website"],
                service.name,
            )
        )
    if service.email:
        items.append(
            format_html(
                '<li>{}: <a href="mailto:{}">{}</a></li>',
                words["email"],
                service.email,
                service.email,
            )
        )
    if service.location_confidential:
        items.append(format_html("<li>{}</li>", words["protected"]))
    elif service.address:
        address = service.address
        place = (
            f", {address['postal_code']} {address['city']}".rstrip()
            if address["postal_code"] or address["city"]
            else ""
        )
        items.append(
            format_html("<li>{}: {}{}</li>", words["visiting"], address["street_address"], place)
        )
    return format_html('<ul class="contact">{}</ul>', mark_safe("".join(items)))


def card_html(service, words: dict) -> SafeString:
    """One result card; `service` has been through `listing.for_display`."""
    if service.hours_words:
        state = format_html(
            ' <strong class="open-state {}">{}</strong>',
            "is-open" if service.open_now else "is-closed",
            words["open"] if service.open_now else words["closed"],
        )
        opening = format_html("{}{}", service.hours_words, state)
    else:
        opening = words["unknown"]
    return format_html(
        CARD,
        id=service.id,
        url=service.page_url,
        name=service.name,
        example=format_html(' <span class="badge badge-example">{}</span>', words["example"])
        if service.is_example
        else "",
        organization=service.organization.name,
        sector=service.sector_words,
        exposures=service.exposure_words,
        targets=service.target_words,
        area=service.catchment_words,
        hours=opening,
        notes=format_html("<br>{}", service.opening_notes) if service.opening_notes else "",
        languages=service.languages_html,
        contact=contact_html(service, words),
        **{key: value for key, value in words.items() if key.startswith("l_")},
    )


def cards_html(services) -> SafeString:
    words = labels()
    return format_html_join(
        "", "<li>{}</li>", ((card_html(service, words),) for service in services)
    )
