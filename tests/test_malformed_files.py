"""Whatever a file contains, an import either succeeds or is rejected with reasons, and a rejected
import writes nothing. Hypothesis generates the files."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagesbild.indicators.models import ImportBatch, Observation
from lagesbild.sources.importing import ImportRejected, import_file

from .builders import TEMPLATE_HEADER

cells = st.one_of(
    st.sampled_from(
        [
            "",
            "ntu-hot",
            "01",
            "2019",
            "2016–2018",
            "2019-2016",
            "K",
            "M",
            "T",
            "9,4",
            "12",
            "-3",
            "1e400",
            "valdtakt",
            "ok",
            "saknas",
            "skyddad",
            "99999",
            "%",
            "1 234,5",
            "Stockholm",
            "nan",
            "\u00a0",
        ]
    ),
    st.text(alphabet=string.printable + "åäöÅÄÖ–−\u00a0", max_size=12),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=12), min_size=0, max_size=8)
headers = st.one_of(
    st.just(TEMPLATE_HEADER),
    st.lists(st.sampled_from(TEMPLATE_HEADER + ["x", "", "VÄRDE"]), max_size=11),
)


def render(header: list[str], body: list[list[str]], delimiter: str) -> str:
    def cell(text: str) -> str:
        return (
            '"' + text.replace('"', '""') + '"'
            if any(c in text for c in f'{delimiter}"\n\r')
            else text
        )

    return "\n".join(delimiter.join(cell(c) for c in line) for line in [header, *body]) + "\n"


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=headers, body=rows, delimiter=st.sampled_from([";", ",", "\t"]))
def test_a_generated_file_never_crashes_and_a_rejected_file_writes_nothing(
    tmp_path_factory, header, body, delimiter
):
    path = tmp_path_factory.mktemp("generated") / "genererad.csv"
    path.write_text(render(header, body, delimiter), encoding="utf-8")
    before = (Observation.objects.count(), ImportBatch.objects.count())
    try:
        summary = import_file(path)
    except ImportRejected as rejected:
        assert rejected.errors and all(
            e.file == "genererad.csv" and e.reason for e in rejected.errors
        )
        assert (Observation.objects.count(), ImportBatch.objects.count()) == before
    else:
        assert (
            summary.rows >= 1
            and summary.created + summary.updated + summary.unchanged == summary.rows
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_importer(tmp_path_factory, data):
    directory = tmp_path_factory.mktemp("bytes")
    for name in ("skrap.csv", "skrap.xlsx"):
        path = directory / name
        path.write_bytes(data)
        before = (Observation.objects.count(), ImportBatch.objects.count())
        try:
            import_file(path)
        except ImportRejected as rejected:
            assert rejected.errors[0].file == name
            assert (Observation.objects.count(), ImportBatch.objects.count()) == before
