"""dataportal.se harvests the catalogue: it validates against the shipped DCAT-AP shapes, follows the
harvesting rules (absolute IRIs, no blank nodes for the things the portal keeps, exact licence IRIs, an
organisation IRI as publisher) and has every property DCAT-AP-SE 3.0.1 makes mandatory."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

import lagesbild.opendata
from lagesbild.indicators.models import Indicator

SHAPES = Path(lagesbild.opendata.__file__).parent / "shapes" / "dcat-ap.shapes.ttl"
VCARD = "http://www.w3.org/2006/vcard/ns#"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"


@pytest.fixture
def catalogue(anonymous_visitor) -> Graph:
    response = anonymous_visitor.get("/dcat/catalog.rdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/rdf+xml"
    return Graph().parse(data=response.content, format="xml")


def shapes() -> Graph:
    graph = Graph().parse(SHAPES, format="turtle")
    for cls in (DCAT.Catalog, DCAT.CatalogRecord, DCAT.Dataset, DCAT.Distribution):
        graph.add((cls, RDF.type, RDFS.Class))  # as the DCAT vocabulary declares (shapes/README.md)
    return graph


def test_the_catalogue_validates_against_the_dcat_ap_shapes(catalogue):
    conforms, _graph, report = validate(catalogue, shacl_graph=shapes(), inference="rdfs")
    assert conforms, report


def test_the_shapes_do_catch_a_catalogue_that_breaks_them(catalogue):
    """The validation can fail: a dataset without its description is caught."""
    dataset = next(catalogue.subjects(RDF.type, DCAT.Dataset))
    catalogue.remove((dataset, DCTERMS.description, None))
    conforms, _graph, report = validate(catalogue, shacl_graph=shapes(), inference="rdfs")
    assert not conforms and "description" in report


def test_the_harvesting_rules_hold(catalogue):
    assert not [t for t in catalogue if any(isinstance(n, BNode) for n in t)], "no blank nodes"
    for node in {n for t in catalogue for n in t if isinstance(n, URIRef)}:
        assert str(node).startswith(("http://", "https://", "mailto:")), node
    licences = set(catalogue.objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/licenses/by/4.0/")}


def test_every_indicator_and_register_is_a_dataset_and_the_api_a_data_service(catalogue):
    datasets = set(catalogue.subjects(RDF.type, DCAT.Dataset))
    names = {str(d).rsplit("/", 1)[1] for d in datasets}
    assert set(Indicator.objects.values_list("id", flat=True)) <= names
    assert {"stodverksamheter", "aktiviteter", "publikationer", "alla-observationer"} <= names
    services = set(catalogue.subjects(RDF.type, DCAT.DataService))
    endpoints = {str(catalogue.value(s, DCAT.endpointURL)) for s in services}
    assert any(e.endswith("/api/v1/") for e in endpoints) and any(
        e.endswith("/hsds/") for e in endpoints
    )


def both_languages(graph: Graph, subject, predicate) -> bool:
    languages = {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}
    return {"sv", "en"} <= languages


def test_the_swedish_profile_s_mandatory_properties_are_there(catalogue):
    """DCAT-AP-SE 3.0.1: catalogue (title, description, publisher, dataset, licence), dataset (title,
    description, publisher, contact point), distribution (access URL; licence and format as the
    profile recommends), data service (title, endpoint URL), agent (name), contact (name, e-mail)."""
    (catalog,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert both_languages(catalogue, catalog, predicate)
    assert catalogue.value(catalog, DCTERMS.publisher) and catalogue.value(catalog, DCTERMS.license)
    for dataset in catalogue.subjects(RDF.type, DCAT.Dataset):
        assert both_languages(catalogue, dataset, DCTERMS.title), dataset
        assert both_languages(catalogue, dataset, DCTERMS.description), dataset
        publisher = catalogue.value(dataset, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in catalogue and catalogue.value(
            publisher, FOAF.name
        )
        contact = catalogue.value(dataset, DCAT.contactPoint)
        assert catalogue.value(contact, URIRef(VCARD + "fn"))
        assert str(catalogue.value(contact, URIRef(VCARD + "hasEmail"))).startswith("mailto:")
        assert contact != publisher, "contacts and publishers are kept apart"
        assert catalogue.value(dataset, DCTERMS.spatial) and catalogue.value(dataset, DCAT.theme)
        assert catalogue.value(dataset, DCTERMS.accrualPeriodicity)
        assert list(catalogue.objects(dataset, DCAT.distribution)), dataset
    for distribution in catalogue.subjects(RDF.type, DCAT.Distribution):
        assert catalogue.value(distribution, DCAT.accessURL), distribution
        assert str(catalogue.value(distribution, DCTERMS.format)).startswith(FILE_TYPES)
        assert catalogue.value(distribution, DCTERMS.license)
    for service in catalogue.subjects(RDF.type, DCAT.DataService):
        assert both_languages(catalogue, service, DCTERMS.title)
        assert catalogue.value(service, DCAT.endpointURL)


def test_an_indicator_with_figures_has_its_years_as_temporal_coverage(catalogue):
    dataset = next(
        d for d in catalogue.subjects(RDF.type, DCAT.Dataset) if str(d).endswith("/dodligt-vald")
    )
    period = catalogue.value(dataset, DCTERMS.temporal)
    assert str(catalogue.value(period, DCAT.startDate)).endswith("-01-01")


def test_turtle_and_json_ld_twins_hold_the_same_graph(anonymous_visitor, catalogue):
    from rdflib.compare import isomorphic

    turtle = Graph().parse(data=anonymous_visitor.get("/dcat/catalog.ttl").content, format="turtle")
    jsonld = Graph().parse(
        data=anonymous_visitor.get("/dcat/catalog.jsonld").content, format="json-ld"
    )
    assert isomorphic(turtle, catalogue) and isomorphic(jsonld, catalogue)
