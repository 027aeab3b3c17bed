"""TopoJSON decoding (dashboard/topojson.py) on hand-made topologies: quantized and delta-encoded arcs,
shared arcs read backwards (`~i`), rings, lines and points."""

from __future__ import annotations

import pytest

from dashboard import topojson

# Two unit squares side by side, sharing the arc x=1 (arc 0), quantized: scale 0.5, translate (10, 20).
# In integers: arc 0 runs (2,0) -> (2,2); arc 1 runs (2,2) -> (0,2) -> (0,0) -> (2,0); arc 2 (2,0) -> (4,0)
# -> (4,2) -> (2,2). The left square is arcs 0, 1 (its ring closes); the right one is arc 2 and arc 0 backwards.
SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "368", "properties": {"name": "Left"}},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "id": "760", "properties": {"name": "Right"}},
                {"type": None, "properties": {"name": "Nothing"}},
            ],
        },
        "road": {"type": "LineString", "arcs": [1, 2]},
        "town": {"type": "Point", "coordinates": [2, 4]},
    },
}
LEFT = [(11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]
RIGHT = [(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)]


def test_quantized_arcs_are_summed_and_scaled() -> None:
    arcs = topojson.decode_arcs(SQUARES)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_polygons_share_their_border_and_a_negative_index_reads_it_backwards() -> None:
    left, right, nothing = topojson.features(SQUARES, "countries")
    assert left["id"] == "368" and left["properties"] == {"name": "Left"}
    assert left["geometry"] == {"type": "Polygon", "coordinates": [LEFT]}
    assert right["geometry"] == {"type": "MultiPolygon", "coordinates": [[RIGHT]]}
    assert nothing["geometry"] is None and "id" not in nothing
    shared = {(11.0, 20.0), (11.0, 21.0)}
    assert shared <= set(LEFT) & set(RIGHT)


def test_lines_join_their_arcs_and_points_are_scaled() -> None:
    (road,) = topojson.features(SQUARES, "road")
    assert road["geometry"]["type"] == "LineString"
    coords = road["geometry"]["coordinates"]
    assert coords[0] == (11.0, 21.0) and coords[-1] == (11.0, 21.0) and len(coords) == 7  # one shared point dropped
    (town,) = topojson.features(SQUARES, "town")
    assert town["geometry"] == {"type": "Point", "coordinates": (11.0, 22.0)}


def test_a_topology_without_transform_has_absolute_arcs() -> None:
    plain = {"type": "Topology", "arcs": [[[0.5, 1.5], [2.5, 3.5]]], "objects": {}}
    assert topojson.decode_arcs(plain) == [[(0.5, 1.5), (2.5, 3.5)]]


@pytest.mark.parametrize(
    ("arcs", "ring"),
    [
        ([[(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)]], [(0.0, 0.0), (1.0, 0.0), (0.0, 0.0), (0.0, 0.0)]),  # still 4
        ([[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]], [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]),  # closed
    ],
)
def test_a_ring_simplified_to_little_still_closes_with_four_positions(arcs, ring) -> None:
    assert topojson.geometry({"type": "Polygon", "arcs": [[0]]}, arcs)["coordinates"] == [ring]
