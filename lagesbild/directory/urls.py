"""Public pages at /hitta-stod/, editing at /verksamheter/ (login required), the HSDS API at /hsds/."""

from django.urls import path, re_path

from .views import analysis, editing, hsds, public

app_name = "directory"

TWIN = r"(?P<fmt>json|csv|xlsx)"

urlpatterns = [
    path("hitta-stod/", public.search_page, name="search"),
    path("hitta-stod/lattlast/", public.easy_search_page, name="easy"),
    path("hitta-stod/verksamhet/<uuid:pk>/", public.service_page, name="service"),
    path("hitta-stod/kommun/<str:code>/", public.info_sheet, name="sheet"),
    re_path(
        r"^hitta-stod/matris\.(?P<fmt>csv|xlsx)$", public.matrix_download, name="matrix_download"
    ),
    path("hitta-stod/analys/", analysis.overview, name="analysis"),
    re_path(rf"^hitta-stod/analys\.{TWIN}$", analysis.overview, name="analysis_twin"),
    path("hitta-stod/analys/<str:code>/", analysis.scope, name="analysis_scope"),
    re_path(
        rf"^hitta-stod/analys/(?P<code>\d{{2}})\.{TWIN}$",
        analysis.scope,
        name="analysis_scope_twin",
    ),
    path("verksamheter/", editing.service_list, name="manage"),
    path("verksamheter/ny/", editing.create, name="create"),
    path("verksamheter/godkannanden/", editing.approvals, name="approvals"),
    path("verksamheter/godkannanden/<int:pk>/", editing.decide, name="decide"),
    path("verksamheter/inaktuella/", editing.stale, name="stale"),
    path("verksamheter/importera/", editing.import_matrix, name="import"),
    re_path(r"^verksamheter/matris\.(?P<fmt>csv|xlsx)$", editing.export, name="export"),
    path("verksamheter/<uuid:pk>/", editing.edit, name="edit"),
    path("verksamheter/<uuid:pk>/historik/", editing.history, name="history"),
    path("verksamheter/<uuid:pk>/kontrollerad/", editing.verify, name="verify"),
    path("verksamheter/<uuid:pk>/arkivera/", editing.archive, name="archive"),
    path("verksamheter/<uuid:pk>/godkannande/", editing.request_approval, name="request_approval"),
    path("hsds/", hsds.root, name="hsds_root"),
    path("hsds/openapi.json", hsds.openapi, name="hsds_openapi"),
    path("hsds/profile/", hsds.profile, name="hsds_profile"),
    path("hsds/services", hsds.services, name="hsds_services"),
    path("hsds/services/<str:pk>", hsds.service, name="hsds_service"),
    path("hsds/organizations", hsds.organizations, name="hsds_organizations"),
    path("hsds/organizations/<str:pk>", hsds.organization, name="hsds_organization"),
    path("hsds/taxonomies", hsds.taxonomies, name="hsds_taxonomies"),
    path("hsds/taxonomies/<str:pk>", hsds.taxonomy, name="hsds_taxonomy"),
    path("hsds/taxonomy_terms", hsds.taxonomy_terms, name="hsds_taxonomy_terms"),
    path("hsds/taxonomy_terms/<str:pk>", hsds.taxonomy_term, name="hsds_taxonomy_term"),
]
