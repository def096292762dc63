"""Services, organizations and taxonomies as HSDS 3.0 documents, with the Lägesbild profile's
extension properties (docs/hsds-profile.md).

Ids of the parts of a service (phones, schedules, areas, languages, attributes, locations) are
derived from the service id and the part's own key, so they stay the same between exports and a
consumer can follow changes. A protected address never enters a document: `Service.public_address`
is the only way an address reaches this module."""

from __future__ import annotations

from collections import defaultdict

from lagesbild.core.marking import EXAMPLE_NOTICE
from lagesbild.territories.models import RIKET_CODE, Level

from .. import hours
from ..models import (
    EASY_TO_READ_TERM,
    EXPOSURE,
    INFORMATION_FORMAT,
    SECTOR,
    TARGET_GROUP,
    Service,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
    derived_uuid,
)

VERSION = "3.0"
STATUS = {
    ServiceStatus.PUBLISHED: "active",
    ServiceStatus.DRAFT: "inactive",
    ServiceStatus.ARCHIVED: "defunct",
}
# The attribute link_type for each taxonomy (profile section "Attributes").
LINK_TYPE = {
    EXPOSURE: "exposure_type",
    TARGET_GROUP: "target_group",
    SECTOR: "sector",
    INFORMATION_FORMAT: "information_format",
}
ALL_DAYS = ",".join(hours.HSDS_DAYS)
SCB_URN = "urn:se:scb:{level}:{code}"


def area_uri(territory) -> str:
    return SCB_URN.format(level=territory.level, code=territory.code)


def _drop_empty(document: dict) -> dict:
    return {k: v for k, v in document.items() if v not in (None, "", [])}


def _absolute(base_url: str | None, path: str) -> str | None:
    return f"{base_url.rstrip('/')}{path}" if base_url else None


def taxonomy_document(taxonomy: Taxonomy, base_url: str | None = None) -> dict:
    return _drop_empty(
        {
            "id": str(taxonomy.uuid),
            "name": taxonomy.name_sv,
            "description": taxonomy.description_sv or taxonomy.name_sv,
            "uri": _absolute(base_url, f"/hsds/taxonomies/{taxonomy.uuid}"),
            "version": taxonomy.version,
            "code": taxonomy.id,
            "name_en": taxonomy.name_en,
        }
    )


def term_document(
    term: TaxonomyTerm, base_url: str | None = None, taxonomy: Taxonomy | None = None
) -> dict:
    taxonomy = taxonomy or term.taxonomy
    return _drop_empty(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": term.name_sv,
            "description": term.description_sv or term.name_sv,
            "taxonomy": taxonomy.name_sv,
            "taxonomy_id": str(taxonomy.uuid),
            "language": "sv",
            "term_uri": _absolute(base_url, f"/hsds/taxonomy_terms/{term.uuid}"),
            "name_en": term.name_en,
            "name_easy_to_read": term.name_easy,
        }
    )


def organization_document(organization, base_url: str | None = None) -> dict:
    identifiers = []
    if organization.org_number:
        identifiers.append(
            {
                "id": str(derived_uuid(organization.id, "identifier")),
                "organization_id": str(organization.id),
                "identifier_scheme": "SE-ON",
                "identifier_type": "organisationsnummer",
                "identifier": organization.org_number,
            }
        )
    return _drop_empty(
        {
            "id": str(organization.id),
            "name": organization.name,
            "description": organization.description
            or f"Huvudman för stödverksamheter: {organization.name}.",
            "website": organization.website,
            "email": organization.email,
            "uri": _absolute(base_url, f"/hsds/organizations/{organization.id}"),
            "organization_identifiers": identifiers,
        }
    )


class TermCache:
    """Taxonomies by id, so that documents for many services cost no query per term."""

    def __init__(self):
        self.taxonomies = {t.id: t for t in Taxonomy.objects.all()}
        self.easy_to_read = TaxonomyTerm.objects.filter(
            taxonomy_id=INFORMATION_FORMAT, code=EASY_TO_READ_TERM
        ).first()


def _attribute(service_id: str, term: TaxonomyTerm, terms: TermCache, base_url: str | None) -> dict:
    return {
        "id": str(derived_uuid(service_id, "attribute", term.uuid)),
        "link_id": service_id,
        "link_entity": "service",
        "link_type": LINK_TYPE[term.taxonomy_id],
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": term_document(term, base_url, terms.taxonomies[term.taxonomy_id]),
    }


def attributes(service: Service, terms: TermCache, base_url: str | None = None) -> list[dict]:
    sid = str(service.id)
    chosen = [service.sector, *service.exposure_types.all(), *service.target_groups.all()]
    if service.easy_to_read and terms.easy_to_read:
        chosen.append(terms.easy_to_read)
    return [_attribute(sid, term, terms, base_url) for term in chosen]


def schedules(service: Service) -> list[dict]:
    """One weekly schedule per distinct opening interval, listing the days it applies to."""
    sid = str(service.id)
    notes = service.opening_notes
    if service.always_open:
        return [
            _drop_empty(
                {
                    "id": str(derived_uuid(sid, "schedule", "always")),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": ALL_DAYS,
                    "opens_at": "00:00",
                    "closes_at": "23:59",
                    "description": "Öppet dygnet runt",
                    "notes": notes,
                }
            )
        ]
    days_by_interval: dict[tuple[int, int], list[int]] = defaultdict(list)
    for period in service.periods:
        days_by_interval[(period.opens, period.closes)].append(period.day)
    documents = []
    for (opens, closes), days in sorted(
        days_by_interval.items(), key=lambda item: (min(item[1]), item[0])
    ):
        documents.append(
            _drop_empty(
                {
                    "id": str(derived_uuid(sid, "schedule", opens, closes)),
                    "service_id": sid,
                    "freq": "WEEKLY",
                    "wkst": "MO",
                    "byday": ",".join(hours.HSDS_DAYS[d] for d in sorted(days)),
                    "opens_at": hours.clock(opens),
                    "closes_at": "23:59" if closes == hours.END_OF_DAY else hours.clock(closes),
                    "notes": notes,
                }
            )
        )
    if not documents and notes:
        documents.append(
            {
                "id": str(derived_uuid(sid, "schedule", "notes")),
                "service_id": sid,
                "description": notes,
            }
        )
    return documents


def service_areas(service: Service) -> list[dict]:
    sid = str(service.id)
    return [
        {
            "id": str(derived_uuid(sid, "area", t.code)),
            "service_id": sid,
            "name": "Hela landet" if t.code == RIKET_CODE else t.name,
            "uri": area_uri(t),
            "extent_type": "text",
            "description": {
                Level.RIKET: "Hela landet",
                Level.LAN: "Hela länet",
                Level.KOMMUN: "Kommun",
            }[t.level],
        }
        for t in sorted(service.catchment_areas.all(), key=lambda t: t.code)
    ]


def service_at_locations(service: Service) -> list[dict]:
    address = service.public_address()
    if address is None:
        return []
    sid = str(service.id)
    location_id = str(derived_uuid(sid, "location"))
    location = _drop_empty(
        {
            "id": location_id,
            "location_type": "physical",
            "name": service.name,
            "latitude": address["latitude"],
            "longitude": address["longitude"],
        }
    )
    if address["street_address"] and address["postal_code"] and address["city"]:
        location["addresses"] = [
            {
                "id": str(derived_uuid(sid, "address")),
                "location_id": location_id,
                "address_1": address["street_address"],
                "city": address["city"],
                "postal_code": address["postal_code"],
                "country": "SE",
                "address_type": "physical",
                "state_province": service.county.name
                if service.county.level == Level.LAN
                else "Sverige",
            }
        ]
    return [
        {
            "id": str(derived_uuid(sid, "service_at_location")),
            "service_id": sid,
            "location_id": location_id,
            "location": location,
        }
    ]


def service_summary(service: Service, base_url: str | None = None) -> dict:
    """The one-to-one fields (the `service_list` form used in pages of results)."""
    return _drop_empty(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.website,
            "email": service.email,
            "status": STATUS[service.status],
            "assured_date": service.verified_at.isoformat() if service.verified_at else None,
            "alert": EXAMPLE_NOTICE if service.is_example else None,
            "last_modified": service.modified.isoformat(timespec="milliseconds"),
            "organization": organization_document(service.organization, base_url),
            # Profile extensions.
            "catchment_level": service.catchment_level,
            "county_code": service.county_id,
            "location_confidential": service.location_confidential,
            "example_data": service.is_example,
        }
    ) | {"location_confidential": service.location_confidential, "example_data": service.is_example}


def service_document(
    service: Service, base_url: str | None = None, terms: TermCache | None = None
) -> dict:
    """The fully nested service."""
    terms = terms or TermCache()
    sid = str(service.id)
    document = service_summary(service, base_url)
    document.update(
        _drop_empty(
            {
                "phones": [
                    {
                        "id": str(derived_uuid(sid, "phone")),
                        "service_id": sid,
                        "number": service.phone,
                    }
                ]
                if service.phone
                else [],
                "schedules": schedules(service),
                "service_areas": service_areas(service),
                "service_at_locations": service_at_locations(service),
                "languages": [
                    {
                        "id": str(derived_uuid(sid, "language", lang.code)),
                        "service_id": sid,
                        "name": lang.name_sv,
                        "code": lang.code,
                    }
                    for lang in service.languages.all()
                ],
                "attributes": attributes(service, terms, base_url),
            }
        )
    )
    return document


def services_for_documents(queryset):
    """The queryset with everything a document needs fetched in a fixed number of queries."""
    return queryset.select_related("organization", "sector", "county").prefetch_related(
        "exposure_types",
        "target_groups",
        "languages",
        "catchment_areas",
    )
