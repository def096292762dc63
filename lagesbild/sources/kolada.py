"""Kolada (RKA), API v3: metadata search and key figures (KPIs) by KPI, municipality and year.

Requests use the path form `/data/kpi/{ids}/municipality/{ids}/year/{years}` with at most 25 ids in a
segment, so larger selections are split into several requests. Each answer is paged: the envelope is
`{"values": [...], "count": n, "next_url": url | null}` and paging stops when `next_url` is missing, null
or empty. Kolada's municipality ids become SCB territory codes: `0000` is riket, `00LL` is län LL and
four-digit kommun codes are the same in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path

import httpx
from django.db.models import F

from lagesbild.indicators.models import BatchKind, Indicator, Observation, ObservationStatus, Sex
from lagesbild.territories.models import Level, Territory

from .fetching import (
    BadRequest,
    Fetched,
    FetchOutcome,
    http_client,
    import_fetched,
    require_records,
)
from .http import HttpClient, SourceError
from .importing import BatchInfo
from .mappings import load_mapping

KOLADA_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
PER_PAGE = 5000
MAX_PAGES = 10_000
GENDERS = {"T": Sex.TOTAL, "K": Sex.WOMEN, "M": Sex.MEN}
DELETED_NOTE = "Borttaget i Kolada"
KPI_ID = re.compile(r"[A-Za-z][A-Za-z0-9]{1,19}")


def territory_code(kolada_id: str) -> str:
    """Kolada's municipality id as an SCB territory code."""
    if not isinstance(kolada_id, str) or len(kolada_id) != 4 or not kolada_id.isdigit():
        if isinstance(kolada_id, str) and kolada_id.startswith("G"):
            raise ValueError(
                f"{kolada_id!r} är en kommungrupp i Kolada; grupper kan inte importeras"
            )
        raise ValueError(
            f"{kolada_id!r} är inget kommun-, region- eller riks-id i Kolada (fyra siffror)"
        )
    if kolada_id == "0000":
        return "00"
    if kolada_id.startswith("00"):
        return kolada_id[2:]
    return kolada_id


def kolada_ids(words: list[str]) -> list[str]:
    """Municipality ids for Kolada from SCB codes, Kolada ids or the words riket, lan and kommuner."""
    ids: list[str] = []
    for word in words:
        text = str(word).strip()
        folded = text.casefold()
        if folded == "riket":
            ids.append("0000")
        elif folded in ("lan", "län"):
            ids += [
                f"00{code}"
                for code in Territory.objects.filter(level=Level.LAN).values_list("code", flat=True)
            ]
        elif folded == "kommuner":
            ids += list(Territory.objects.filter(level=Level.KOMMUN).values_list("code", flat=True))
        elif text.isdigit() and len(text) == 2:
            ids.append(f"00{text}")
        elif text.isdigit() and len(text) == 4:
            ids.append(text)
        else:
            raise BadRequest(
                f"{text!r} är ingen kommun för Kolada: ange 0000 eller 00 (riket), 00LL eller LL (län), "
                "en fyrsiffrig kommunkod, eller orden riket, lan, kommuner"
            )
    return list(dict.fromkeys(ids))


def chunks(items: list, size: int = MAX_IDS) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


@dataclass
class KoladaQuery:
    kpis: list[str]
    municipalities: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    from_date: str | None = None

    def __post_init__(self):
        given = sum(1 for part in (self.kpis, self.municipalities, self.years) if part)
        if not self.kpis:
            raise BadRequest("ange minst en KPI (--kpi)")
        odd = [k for k in self.kpis if not KPI_ID.fullmatch(k)]
        if odd:
            raise BadRequest(
                f"{odd[0]!r} är inget KPI-id i Kolada (bokstäver och siffror, t.ex. N00945)"
            )
        if given < 2:
            raise BadRequest("Kolada kräver två av tre delar: KPI och kommun, eller KPI och år")
        if self.from_date:
            try:
                date.fromisoformat(self.from_date)
            except ValueError:
                raise BadRequest(
                    f"--from-date {self.from_date!r} är inget datum (ÅÅÅÅ-MM-DD)"
                ) from None

    def paths(self) -> list[str]:
        """One path per combination of at most 25 ids in each segment."""
        paths = []
        for kpis, municipalities, years in product(
            chunks(self.kpis), chunks(self.municipalities), chunks(self.years)
        ):
            path = "/data/kpi/" + ",".join(kpis)
            if municipalities:
                path += "/municipality/" + ",".join(municipalities)
            if years:
                path += "/year/" + ",".join(map(str, years))
            paths.append(path)
        return paths

    def as_dict(self) -> dict:
        return {
            "kpis": self.kpis,
            "municipalities": self.municipalities,
            "years": self.years,
            "from_date": self.from_date,
        }


@dataclass(frozen=True)
class KpiTarget:
    indicator: Indicator
    scale: float = 1.0
    breakdown: str = ""


def kpi_targets(
    kpis: list[str],
    *,
    indicator: str | None = None,
    scale: float | None = None,
    breakdown: str | None = None,
    mapping: Path | None = None,
) -> dict[str, KpiTarget]:
    """The indicator each KPI is imported into: the one given, or the mapping file's."""
    document = load_mapping("kolada", mapping)
    pinned = {e["kpi"]: e for e in document["kpis"] if e["kpi"]}
    confirmed = {e["kpi"]: e for e in document.get("confirmed", [])}
    targets: dict[str, KpiTarget] = {}
    for kpi in kpis:
        entry = pinned.get(kpi, {})
        indicator_id = indicator or entry.get("indicator")
        if indicator_id is None and kpi in confirmed:
            raise BadRequest(
                f"KPI {kpi} ({confirmed[kpi]['title']}) är bekräftad men ingen indikator i katalogen "
                "motsvarar den ännu; ange --indicator med en indikator som mäter just detta"
            )
        if indicator_id is None:
            raise BadRequest(
                f"KPI {kpi} har ingen indikator i mappningsfilen för Kolada; lägg till den där "
                "eller ange --indicator"
            )
        found = Indicator.objects.filter(pk=indicator_id).first()
        if found is None:
            raise BadRequest(f"indikatorn {indicator_id!r} (för KPI {kpi}) finns inte i katalogen")
        mapped = entry if entry.get("indicator") == indicator_id else {}
        targets[kpi] = KpiTarget(
            found,
            float(scale if scale is not None else mapped.get("scale", 1.0)),
            breakdown if breakdown is not None else mapped.get("breakdown", ""),
        )
    return targets


def unpinned_hints(mapping: Path | None = None) -> list[dict]:
    """Mapping entries whose KPI id has not been confirmed yet, with the words to search for."""
    return [e for e in load_mapping("kolada", mapping)["kpis"] if not e["kpi"]]


def pinned_kpis(mapping: Path | None = None) -> dict[str, dict]:
    """Every KPI id the mapping has confirmed, mapped to an indicator or not, with its entry."""
    document = load_mapping("kolada", mapping)
    found = {e["kpi"]: e for e in document.get("confirmed", [])}
    found.update({e["kpi"]: e for e in document["kpis"] if e["kpi"]})
    return found


class Kolada:
    def __init__(self, client: HttpClient, base_url: str | None = None):
        self.client = client
        self.base_url = (base_url or KOLADA_URL).rstrip("/")

    def search(self, what: str, title: str, region_type: str | None = None) -> list[dict]:
        """KPIs (`what="kpi"`) or municipalities whose title contains the words."""
        params = {"title": title, "per_page": PER_PAGE}
        if region_type:
            params["region_type"] = region_type
        found = []
        for url, values in self.pages(f"{self.base_url}/{what}", params):
            for index, item in enumerate(values):
                if not isinstance(item, dict) or "id" not in item:
                    raise SourceError(url, f"values[{index}] saknar id")
                found.append(item)
        return found

    def pages(self, url: str, params: dict) -> Iterator[tuple[str, list]]:
        """Every page of an answer, following `next_url`."""
        seen = set()
        next_url, next_params = url, params
        for _ in range(MAX_PAGES):
            document = self.client.get_json(next_url, next_params)
            here = self.client.calls[-1].url
            values, following = _envelope(document, here)
            yield here, values
            if not following:
                return
            next_url, next_params = self._follow(here, following), None
            if next_url in seen:
                raise SourceError(
                    here, f"next_url pekar tillbaka på en sida som redan hämtats ({next_url})"
                )
            seen.add(next_url)
        raise SourceError(url, f"fler än {MAX_PAGES} sidor; begränsa urvalet")

    def _follow(self, current: str, next_url: str) -> str:
        """The next page, asked of the same host: a mirror or proxy may hand back the service's own address."""
        target = httpx.URL(current).join(next_url)
        base = httpx.URL(self.base_url)
        if (target.scheme, target.host, target.port) == (base.scheme, base.host, base.port):
            return str(target)
        path = target.raw_path.decode("ascii")
        if "/v3/" not in path:
            raise SourceError(
                current,
                f"next_url pekar på en annan värd ({target.host}) och går inte att "
                "översätta till den angivna adressen",
            )
        return f"{self.base_url}/{path.split('/v3/', 1)[1]}"

    def fetch(self, query: KoladaQuery, targets: dict[str, KpiTarget]) -> Fetched:
        fetched = Fetched()
        params = {"per_page": PER_PAGE}
        if query.from_date:
            params["from_date"] = query.from_date
        deleted: dict[tuple, int] = {}
        for path in query.paths():
            for url, values in self.pages(self.base_url + path, params):
                for index, row in enumerate(values):
                    _decode_row(fetched, url, index, row, targets, deleted)
        _remove_deleted(fetched, deleted)
        if not query.from_date:
            require_records(fetched, self.base_url + query.paths()[0], "KPI, kommuner och år")
        return fetched


def _envelope(document, url: str) -> tuple[list, str | None]:
    if not isinstance(document, dict):
        raise SourceError(url, f"svaret är inte ett JSON-objekt utan {type(document).__name__}")
    values = document.get("values")
    if not isinstance(values, list):
        raise SourceError(url, "svaret saknar listan 'values' (är det Kolada v3?)")
    following = document.get("next_url", document.get("next_page"))
    if following is not None and not isinstance(following, str):
        raise SourceError(url, f"next_url är inte en adress: {following!r}")
    return values, following or None


def _is_deleted(item: dict) -> bool:
    flag = item.get("isdeleted", item.get("is_deleted", False))
    return flag in (True, 1, "1", "true", "True")


def _decode_row(
    fetched: Fetched, url: str, index: int, row, targets: dict[str, KpiTarget], deleted: dict
) -> None:
    where = f"values[{index}]"
    number = index + 1
    if not isinstance(row, dict) or not isinstance(row.get("values"), list):
        fetched.problem(url, number, where, "raden saknar listan 'values' med värden per kön")
        return
    kpi = row.get("kpi")
    target = targets.get(kpi) if isinstance(kpi, str) else None
    if target is None:
        fetched.problem(url, number, f"{where}.kpi", f"KPI {row.get('kpi')!r} efterfrågades inte")
        return
    try:
        territory = territory_code(row.get("municipality"))
    except ValueError as error:
        fetched.problem(url, number, f"{where}.municipality", str(error))
        return
    period = row.get("period")
    if isinstance(period, str) and period.isdigit():
        period = int(period)
    if not isinstance(period, int) or isinstance(period, bool):
        fetched.problem(url, number, f"{where}.period", f"perioden {period!r} är inget år")
        return
    columns = {
        "indicator": f"{where}.kpi",
        "territory": f"{where}.municipality",
        "period": f"{where}.period",
    }
    for position, item in enumerate(row["values"]):
        _decode_value(
            fetched,
            url,
            number,
            f"{where}.values[{position}]",
            item,
            columns,
            target,
            territory,
            period,
            deleted,
            row_deleted=_is_deleted(row),
        )


def _decode_value(
    fetched,
    url,
    number,
    where,
    item,
    columns,
    target: KpiTarget,
    territory,
    period,
    deleted,
    row_deleted,
) -> None:
    if not isinstance(item, dict):
        fetched.problem(url, number, where, "värdet är inget objekt med gender, value och status")
        return
    sex = GENDERS.get(item.get("gender"))
    if sex is None:
        fetched.problem(
            url,
            number,
            f"{where}.gender",
            f"okänt kön {item.get('gender')!r} (Kolada använder T, K och M)",
        )
        return
    indicator = target.indicator
    if sex != Sex.TOTAL and not indicator.by_sex:
        fetched.leave_out(f"värden för K och M till {indicator.id}, som inte är uppdelad på kön")
        return
    key = (indicator.id, territory, period, sex, target.breakdown)
    if row_deleted or _is_deleted(item):
        deleted.setdefault(key, (url, number))
        return
    value = item.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        fetched.problem(url, number, f"{where}.value", f"värdet {value!r} är inget tal")
        return
    status = item.get("status") or ""
    note = f"Kolada-status {status!r}" if status else ""
    fetched.add(
        url,
        number,
        {
            "indicator": indicator.id,
            "territory": territory,
            "period": period,
            "sex": sex,
            "breakdown": target.breakdown,
            "value": None if value is None else round(value * target.scale, 10),
            "status": ObservationStatus.OK if value is not None else ObservationStatus.MISSING,
            "note": note,
        },
        {
            **columns,
            "sex": f"{where}.gender",
            "value": f"{where}.value",
            "status": f"{where}.status",
        },
    )


def _remove_deleted(fetched: Fetched, deleted: dict[tuple, tuple[str, int]]) -> None:
    """A value Kolada has deleted is not imported; one Lägesbild got from Kolada earlier becomes missing,
    through the import path, so the change is kept as a revision."""
    if not deleted:
        return
    fields = ("indicator", "territory", "period", "sex", "breakdown")
    live = {tuple(r.values[f] for f in fields) for r in fetched.records}
    gone = [key for key in deleted if key not in live]
    held = set(
        Observation.objects.filter(
            indicator_id__in={k[0] for k in gone},
            period_start__in={k[2] for k in gone},
            period_end=F("period_start"),
            batch__kind=BatchKind.KOLADA,
        ).values_list("indicator_id", "territory_id", "period_start", "sex", "breakdown")
    )
    for key in gone:
        if key in held:
            url, number = deleted[key]
            fetched.add(
                url,
                number,
                {
                    **dict(zip(fields, key)),
                    "value": None,
                    "status": ObservationStatus.MISSING,
                    "note": DELETED_NOTE,
                },
                {},
            )
    fetched.leave_out(
        "borttagna i Kolada; värden som hämtats därifrån tidigare sätts till saknas", len(deleted)
    )


def fetch_kolada(
    query: KoladaQuery,
    *,
    indicator: str | None = None,
    scale: float | None = None,
    breakdown: str | None = None,
    mapping: Path | None = None,
    base_url: str | None = None,
    dry_run: bool = False,
    client: HttpClient | None = None,
    user=None,
) -> FetchOutcome:
    """Fetches every page for the query, then imports all values or nothing."""
    targets = kpi_targets(
        query.kpis, indicator=indicator, scale=scale, breakdown=breakdown, mapping=mapping
    )
    label = f"Kolada: KPI {', '.join(query.kpis[:5])}" + (" …" if len(query.kpis) > 5 else "")
    with http_client(client) as http:
        kolada = Kolada(http, base_url)
        fetched = kolada.fetch(query, targets)
        urls = [c.url for c in http.calls]
        if not fetched.records and not fetched.problems:
            return FetchOutcome(label, None, fetched.left_out, urls)
        info = BatchInfo(
            kind=BatchKind.KOLADA,
            source=f"Kolada (RKA), {label.removeprefix('Kolada: ')}"[:400],
            user=user,
            parameters={
                "base_url": kolada.base_url,
                **query.as_dict(),
                "indicators": {kpi: t.indicator.id for kpi, t in targets.items()},
                "scale": {kpi: t.scale for kpi, t in targets.items() if t.scale != 1},
            },
        )
        summary = import_fetched(fetched, info, http, label=label, dry_run=dry_run)
    return FetchOutcome(label, summary, fetched.left_out, urls)
