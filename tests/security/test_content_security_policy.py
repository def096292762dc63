"""Every answer carries a Content-Security-Policy that allows only the platform's own files; only the
embeddable charts may be framed by other sites."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/en/indikatorer/ntu-hot/",
        "/hitta-stod/",
        "/rapporter/01/2018/",
        "/api/v1/",
        "/api/v1/docs",
        "/konto/logga-in/",
        "/finns-inte/",
        "/arbetsyta/",  # a redirect to the login page
    ],
)
def test_an_anonymous_visitor_gets_the_policy_on_every_answer(anonymous_visitor, address):
    policy = anonymous_visitor.get(address)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy and "http" not in policy


def test_only_an_embeddable_chart_may_be_framed_elsewhere(anonymous_visitor):
    embed = anonymous_visitor.get("/inbaddning/indikatorer/ntu-hot/")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = anonymous_visitor.get("/indikatorer/ntu-hot/")
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
