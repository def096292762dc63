"""The DCAT-AP-SE 3.0.1 catalogue that dataportal.se harvests, built with rdflib.

One dataset per indicator and per county register (support services, activities, publications), the
two APIs as data services. Following the harvesting rules (DCAT-AP-SE `docs/harvesting.md`): every
IRI is absolute, the catalogue, datasets, distributions, publisher and contact point are never blank
nodes, licences are the exact IRIs of their vocabulary (`http://creativecommons.org/licenses/by/4.0/`),
and the publisher is the organisation's IRI from the settings (LAGESBILD_PUBLISHER_URI; dataportal.se
recommends `http://dataportal.se/organisation/SE<orgnr>`). Titles and descriptions are in Swedish and
English; formats are the EU file-type IRIs; themes the EU data themes; spatial coverage Sweden.

The graph is kept per content version and address, so the catalogue is rebuilt only when the data
behind it changes."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from lagesbild.core.models import Area, ContentVersion
from lagesbild.core.versioning import versioned_cache
from lagesbild.indicators import summaries
from lagesbild.indicators.models import Indicator

SCHEMA = Namespace("http://schema.org/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
THEME = Namespace(EU + "data-theme/")
FREQUENCY = Namespace(EU + "frequency/")
LANGUAGE = Namespace(EU + "language/")
SWEDEN = URIRef(EU + "country/SWE")
IANA = "http://www.iana.org/assignments/media-types/"
AREAS = (Area.OBSERVATIONS, Area.CATALOGUE, Area.TERRITORIES, Area.DIRECTORY, Area.REGISTERS)
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jsonstat": ("JSON", "application/json"),
    "zip": ("ZIP", "application/zip"),
    "rdf": ("RDF_XML", "application/rdf+xml"),
    "ttl": ("RDF_TURTLE", "text/turtle"),
    "jsonld": ("JSON_LD", "application/ld+json"),
}
SERIALISATIONS = {
    "rdf": ("pretty-xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def both(graph: Graph, subject, predicate, sv: str, en: str) -> None:
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en or sv, lang="en")))


class Catalogue:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.graph = Graph()
        for prefix, namespace in (
            ("dcat", DCAT),
            ("dcterms", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
            ("skos", SKOS),
            ("schema", SCHEMA),
        ):
            self.graph.bind(prefix, namespace)
        self.catalog = self.iri("/dcat/catalog")
        self.publisher = URIRef(settings.PUBLISHER_URI)
        self.contact = self.iri("/dcat/kontakt")
        self.licence = URIRef(settings.DATA_LICENSE)
        self.modified = dict(ContentVersion.objects.values_list("area", "changed_at"))

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def add(self, *triple) -> None:
        self.graph.add(triple)

    # --- Shared things ---------------------------------------------------------------------------

    def shared(self) -> None:
        g = self.graph
        self.add(self.publisher, RDF.type, FOAF.Agent)
        self.add(self.publisher, RDF.type, FOAF.Organization)
        both(g, self.publisher, FOAF.name, settings.PUBLISHER_NAME, settings.PUBLISHER_NAME_EN)
        self.add(self.contact, RDF.type, VCARD.Organization)
        self.add(self.contact, RDF.type, VCARD.Kind)
        self.add(self.contact, VCARD.fn, Literal(settings.PUBLISHER_NAME))
        self.add(self.contact, VCARD.hasEmail, URIRef(f"mailto:{settings.CONTACT_EMAIL}"))
        self.add(self.licence, RDF.type, DCTERMS.LicenseDocument)
        self.add(SWEDEN, RDF.type, DCTERMS.Location)
        for code, sv, en in (
            (
                "JUST",
                "Rättvisa, rättsliga system och allmän säkerhet",
                "Justice, legal system and public safety",
            ),
            ("SOCI", "Befolkning och samhälle", "Population and society"),
            ("HEAL", "Hälsa", "Health"),
        ):
            self.add(THEME[code], RDF.type, SKOS.Concept)
            both(g, THEME[code], SKOS.prefLabel, sv, en)
        for frequency, label in (("ANNUAL", "annual"), ("IRREG", "irregular")):
            self.add(FREQUENCY[frequency], RDF.type, DCTERMS.Frequency)
            self.add(FREQUENCY[frequency], RDFS.label, Literal(label, lang="en"))
        for language in ("SWE", "ENG"):
            self.add(LANGUAGE[language], RDF.type, DCTERMS.LinguisticSystem)

    def catalogue(self) -> None:
        g = self.graph
        self.add(self.catalog, RDF.type, DCAT.Catalog)
        both(
            g,
            self.catalog,
            DCTERMS.title,
            "Lägesbild – öppna data om mäns våld mot kvinnor",
            "Lägesbild – open data on men's violence against women",
        )
        both(
            g,
            self.catalog,
            DCTERMS.description,
            "Indikatorer för uppföljningen av den nationella strategin mot mäns våld mot kvinnor "
            "(skr. 2016/17:10) för riket, länen och kommunerna, med källa för varje värde, samt "
            "länsstyrelsernas register över stödverksamheter, aktiviteter och publikationer.",
            "Indicators following up Sweden's national strategy against men's violence against women "
            "(skr. 2016/17:10) for the nation, the counties and the municipalities, with the source "
            "of every value, and the county boards' registers of support services, activities and "
            "publications.",
        )
        self.add(self.catalog, DCTERMS.publisher, self.publisher)
        self.add(self.catalog, DCTERMS.license, self.licence)
        self.add(self.catalog, DCTERMS.spatial, SWEDEN)
        self.add(self.catalog, DCTERMS.language, LANGUAGE.SWE)
        self.add(self.catalog, DCTERMS.language, LANGUAGE.ENG)
        self.add(self.catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme"))
        homepage = self.iri("/")
        self.add(self.catalog, FOAF.homepage, homepage)
        self.add(homepage, RDF.type, FOAF.Document)
        latest = max(self.modified.values(), default=None)
        if latest:
            self.add(self.catalog, DCTERMS.modified, Literal(latest, datatype=XSD.dateTime))

    # --- Datasets --------------------------------------------------------------------------------

    def dataset(
        self,
        iri: URIRef,
        *,
        title: tuple[str, str],
        description: tuple[str, str],
        landing: str,
        themes: tuple[str, ...],
        frequency: str,
        keywords: list[str],
        area: str,
    ) -> URIRef:
        g = self.graph
        self.add(self.catalog, DCAT.dataset, iri)
        self.add(iri, RDF.type, DCAT.Dataset)
        both(g, iri, DCTERMS.title, *title)
        both(g, iri, DCTERMS.description, *description)
        self.add(iri, DCTERMS.publisher, self.publisher)
        self.add(iri, DCAT.contactPoint, self.contact)
        self.add(iri, DCTERMS.spatial, SWEDEN)
        self.add(iri, DCTERMS.accrualPeriodicity, FREQUENCY[frequency])
        self.add(iri, DCTERMS.language, LANGUAGE.SWE)
        for theme in themes:
            self.add(iri, DCAT.theme, THEME[theme])
        for word in keywords:
            self.add(iri, DCAT.keyword, Literal(word, lang="sv"))
        page = self.iri(landing)
        self.add(iri, DCAT.landingPage, page)
        self.add(page, RDF.type, FOAF.Document)
        if self.modified.get(area):
            self.add(iri, DCTERMS.modified, Literal(self.modified[area], datatype=XSD.dateTime))
        return iri

    def distribution(
        self,
        dataset: URIRef,
        name: str,
        url: str,
        extension: str,
        title: tuple[str, str],
        *,
        download: bool = True,
        service: URIRef | None = None,
    ) -> None:
        g = self.graph
        iri = URIRef(f"{dataset}/distribution/{name}")
        file_type, media = FORMATS[extension]
        self.add(dataset, DCAT.distribution, iri)
        self.add(iri, RDF.type, DCAT.Distribution)
        both(g, iri, DCTERMS.title, *title)
        address = self.iri(url)
        self.add(iri, DCAT.accessURL, address)
        if download:
            self.add(iri, DCAT.downloadURL, address)
        self.add(iri, DCTERMS.format, FILE_TYPE[file_type])
        self.add(FILE_TYPE[file_type], RDF.type, DCTERMS.MediaTypeOrExtent)
        self.add(iri, DCAT.mediaType, URIRef(IANA + media))
        self.add(URIRef(IANA + media), RDF.type, DCTERMS.MediaTypeOrExtent)
        self.add(iri, DCTERMS.license, self.licence)
        if service is not None:
            self.add(iri, DCAT.accessService, service)

    def temporal(self, dataset: URIRef, first: int | None, last: int | None) -> None:
        if first is None:
            return
        period = URIRef(f"{dataset}/period")
        self.add(dataset, DCTERMS.temporal, period)
        self.add(period, RDF.type, DCTERMS.PeriodOfTime)
        for predicate, value in (
            (DCAT.startDate, f"{first}-01-01"),
            (DCAT.endDate, f"{last}-12-31"),
            (SCHEMA.startDate, f"{first}-01-01"),
            (SCHEMA.endDate, f"{last}-12-31"),
        ):
            self.add(period, predicate, Literal(value, datatype=XSD.date))

    def indicators(self, api: URIRef) -> None:
        years = summaries.years_by_indicator()
        for indicator in Indicator.objects.select_related("goal").order_by("goal_id", "id"):
            iri = self.iri(f"/dcat/datamangd/indikator/{indicator.id}")
            landing = reverse("lab:indicator", args=[indicator.id])
            description_sv = indicator.description_sv or indicator.name_sv
            self.dataset(
                iri,
                title=(indicator.name_sv, indicator.name_en),
                description=(
                    f"{description_sv} Källa: {indicator.data_source} ({indicator.agency}). "
                    f"Målsättning {indicator.goal_id}: {indicator.goal.name_sv}.",
                    f"{indicator.description_en or indicator.name_en} Source: "
                    f"{indicator.data_source} ({indicator.agency}). Goal {indicator.goal_id}: "
                    f"{indicator.goal.name_en}.",
                ),
                landing=landing,
                themes=("JUST", "SOCI"),
                frequency="ANNUAL",
                keywords=["mäns våld mot kvinnor", "jämställdhet", indicator.area or "indikator"],
                area=Area.OBSERVATIONS,
            )
            self.temporal(iri, *years.get(indicator.id, (None, None)))
            for extension in ("csv", "xlsx", "json"):
                self.distribution(
                    iri,
                    extension,
                    reverse("lab:download", args=[indicator.id, extension]),
                    extension,
                    (
                        f"{indicator.name_sv} ({extension.upper()})",
                        f"{indicator.name_en} ({extension.upper()})",
                    ),
                )
            self.distribution(
                iri,
                "api",
                f"/api/v1/observations?indicator={indicator.id}",
                "json",
                ("Observationer genom API:et", "Observations through the API"),
                download=False,
                service=api,
            )
            self.add(api, DCAT.servesDataset, iri)

    def registers(self, hsds: URIRef) -> None:
        registers = (
            (
                "stodverksamheter",
                (
                    "Stödverksamheter mot mäns våld mot kvinnor",
                    "Support services against men's violence against women",
                ),
                (
                    "Länsstyrelsernas matris över särskilda stödverksamheter: huvudman, målgrupp, utsatthet, "
                    "upptagningsområde och öppettider. Skyddade adresser lämnas aldrig ut.",
                    "The county boards' matrix of targeted support services: principal, target group, type "
                    "of exposure, catchment area and opening hours. Protected addresses are never published.",
                ),
                "/hitta-stod/",
                Area.DIRECTORY,
                [
                    (
                        "hsds",
                        "/hsds/services?format=ndjson",
                        "json",
                        ("HSDS 3.0 (NDJSON)", "HSDS 3.0 (NDJSON)"),
                    )
                ],
            ),
            (
                "aktiviteter",
                ("Länsstyrelsernas aktiviteter", "The county boards' activities"),
                (
                    "Länsstyrelsernas aktiviteter per deluppdrag, år och län, med målgrupper och räckvidd.",
                    "The county boards' activities per sub-assignment, year and county, with target "
                    "groups and reach.",
                ),
                "/aktiviteter/",
                Area.REGISTERS,
                [
                    (
                        ext,
                        f"/aktiviteter.{ext}",
                        ext,
                        (f"Aktiviteter ({ext.upper()})", f"Activities ({ext.upper()})"),
                    )
                    for ext in ("csv", "json", "xlsx")
                ],
            ),
            (
                "publikationer",
                ("Kunskapsbanken: publikationer", "Knowledge bank: publications"),
                (
                    "Publikationer om mäns våld mot kvinnor från länsstyrelserna, med serie, år, beskrivning och ämnen.",
                    "Publications on men's violence against women from the county boards, with series, "
                    "year, description and topics.",
                ),
                "/publikationer/",
                Area.REGISTERS,
                [
                    (
                        ext,
                        f"/publikationer.{ext}",
                        ext,
                        (f"Publikationer ({ext.upper()})", f"Publications ({ext.upper()})"),
                    )
                    for ext in ("csv", "json")
                ],
            ),
        )
        for slug, title, description, landing, area, distributions in registers:
            iri = self.iri(f"/dcat/datamangd/register/{slug}")
            self.dataset(
                iri,
                title=title,
                description=description,
                landing=landing,
                themes=("SOCI", "JUST"),
                frequency="IRREG",
                keywords=["mäns våld mot kvinnor", "länsstyrelsen"],
                area=area,
            )
            for name, url, extension, dist_title in distributions:
                self.distribution(
                    iri,
                    name,
                    url,
                    extension,
                    dist_title,
                    service=hsds if name == "hsds" else None,
                )
            if slug == "stodverksamheter":
                self.add(hsds, DCAT.servesDataset, iri)

    def bulk(self) -> None:
        iri = self.iri("/dcat/datamangd/alla-observationer")
        self.dataset(
            iri,
            title=("Alla observationer i Lägesbild", "All observations in Lägesbild"),
            description=(
                "Alla publika observationer, indikatorer och territorier som CSV med metadata enligt "
                "Frictionless Data Package, i en zip-fil som byggs om när data ändras.",
                "Every public observation, indicator and territory as CSV with Frictionless Data "
                "Package metadata, in one zip file rebuilt whenever the data changes.",
            ),
            landing="/",
            themes=("JUST", "SOCI"),
            frequency="ANNUAL",
            keywords=["mäns våld mot kvinnor", "bulknedladdning"],
            area=Area.OBSERVATIONS,
        )
        self.distribution(
            iri,
            "zip",
            reverse("opendata:bulk"),
            "zip",
            ("Alla öppna data (zip)", "All open data (zip)"),
        )

    def service(
        self, slug: str, endpoint: str, description_url: str, title: tuple[str, str]
    ) -> URIRef:
        g = self.graph
        iri = self.iri(f"/dcat/datatjanst/{slug}")
        self.add(self.catalog, DCAT.service, iri)
        self.add(iri, RDF.type, DCAT.DataService)
        both(g, iri, DCTERMS.title, *title)
        both(
            g,
            iri,
            DCTERMS.description,
            "Öppet JSON-API utan nyckel; kan bara läsas. Beskrivs i OpenAPI.",
            "Open JSON API without keys; read-only. Described in OpenAPI.",
        )
        self.add(iri, DCAT.endpointURL, self.iri(endpoint))
        self.add(iri, DCAT.endpointDescription, self.iri(description_url))
        self.add(iri, DCTERMS.publisher, self.publisher)
        self.add(iri, DCAT.contactPoint, self.contact)
        self.add(iri, DCTERMS.license, self.licence)
        return iri

    def build(self) -> Graph:
        self.shared()
        self.catalogue()
        api = self.service(
            "api", "/api/v1/", "/api/v1/openapi.json", ("Lägesbilds API", "The Lägesbild API")
        )
        hsds = self.service(
            "hsds",
            "/hsds/",
            "/hsds/openapi.json",
            ("Stödverksamheter i HSDS 3.0", "Support services in HSDS 3.0"),
        )
        self.indicators(api)
        self.registers(hsds)
        self.bulk()
        assert not any(isinstance(node, BNode) for triple in self.graph for node in triple)
        return self.graph


def catalogue_graph(base: str) -> Graph:
    return Catalogue(base).build()


def serialised(base: str, extension: str) -> bytes:
    """The catalogue as RDF/XML, Turtle or JSON-LD, kept per content version and address."""
    fmt, _media = SERIALISATIONS[extension]

    def compute() -> bytes:
        text = catalogue_graph(base).serialize(format=fmt)
        return text.encode("utf-8") if isinstance(text, str) else text

    return versioned_cache("opendata:dcat", AREAS, f"{base}:{extension}", compute)
