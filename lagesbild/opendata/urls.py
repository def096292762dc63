"""The open-data addresses: /dcat/ (catalogue), /flode/ (Atom feeds), /inbaddning/ (embeddable charts,
the only place other sites may frame) and /oppna-data/ (bulk download)."""

from django.urls import path, re_path

from . import views

app_name = "opendata"
urlpatterns = [
    re_path(r"^dcat/catalog\.(?P<extension>rdf|ttl|jsonld)$", views.catalogue, name="catalogue"),
    path("flode/", views.feed_list, name="feeds"),
    path("flode/data.atom", views.feed_all, name="feed-all"),
    path("flode/indikatorer/<slug:indicator_id>.atom", views.feed_indicator, name="feed-indicator"),
    path("flode/lan/<str:code>.atom", views.feed_county, name="feed-county"),
    path("flode/rapporter.atom", views.feed_reports, name="feed-reports"),
    path("inbaddning/indikatorer/<slug:indicator_id>/", views.embed, name="embed"),
    path(
        "inbaddning/indikatorer/<slug:indicator_id>/diagram.svg",
        views.embed_svg,
        name="embed-svg",
    ),
    path("indikatorer/<slug:indicator_id>/inbaddning/", views.embed_code, name="embed-code"),
    path("oppna-data/lagesbild-data.zip", views.bulk_download, name="bulk"),
]
