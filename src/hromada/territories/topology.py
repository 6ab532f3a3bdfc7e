"""A small TopoJSON writer and reader for the boundaries shipped with Hromada.

Shared borders are stored once (as arcs), so simplifying an arc moves both neighbours'
border together and no gap opens between them. Coordinates are quantized to an integer grid
and delta-encoded, as the TopoJSON specification describes, which keeps the file small.

`encode` turns GeoJSON polygons (keyed by KATOTTG code) into a topology; `merge` dissolves
groups of polygons of a layer into their outline (the oblasts from their raions); `decode`
turns a layer back into GeoJSON geometries.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Point = tuple[int, int]
Ring = list[Point]
# A polygon as lists of arc indexes per ring (~i is arc i walked backwards).
ArcPolygon = list[list[int]]


def _polygons(geometry: Mapping[str, Any]) -> list[Any]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


class _Grid:
    def __init__(self, layers: Mapping[str, Mapping[str, Mapping[str, Any]]], size: int) -> None:
        xs, ys = [], []
        for layer in layers.values():
            for geometry in layer.values():
                for polygon in _polygons(geometry):
                    for ring in polygon:
                        xs += [p[0] for p in ring]
                        ys += [p[1] for p in ring]
        self.x0, self.y0 = min(xs), min(ys)
        self.kx = (max(xs) - self.x0) / (size - 1) or 1.0
        self.ky = (max(ys) - self.y0) / (size - 1) or 1.0

    def ring(self, coordinates: Sequence[Sequence[float]]) -> Ring | None:
        ring: Ring = []
        for x, y in coordinates:
            point = (round((x - self.x0) / self.kx), round((y - self.y0) / self.ky))
            if not ring or ring[-1] != point:
                ring.append(point)
        if ring[0] != ring[-1]:
            ring.append(ring[0])
        return ring if len(set(ring)) >= 3 else None


def _junctions(rings: Iterable[Ring]) -> set[Point]:
    """Points where a ring meets a different neighbour than elsewhere: arcs end there."""
    neighbours: dict[Point, frozenset[Point]] = {}
    found: set[Point] = set()
    for ring in rings:
        open_ring = ring[:-1]
        count = len(open_ring)
        for n, point in enumerate(open_ring):
            pair = frozenset((open_ring[n - 1], open_ring[(n + 1) % count]))
            seen = neighbours.setdefault(point, pair)
            if seen != pair:
                found.add(point)
    return found


def _cut(ring: Ring, junctions: set[Point]) -> list[Ring]:
    open_ring = ring[:-1]
    starts = [n for n, point in enumerate(open_ring) if point in junctions]
    if not starts:
        first = open_ring.index(min(open_ring))  # the same start for a ring shared whole
        turned = open_ring[first:] + open_ring[:first]
        return [[*turned, turned[0]]]
    turned = open_ring[starts[0] :] + open_ring[: starts[0]]
    cuts = [n - starts[0] for n in starts] + [len(open_ring)]
    closed = [*turned, turned[0]]
    return [closed[a : b + 1] for a, b in itertools.pairwise(cuts)]


def _distance(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def _simplify(arc: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker keeping the ends and, for an arc with a middle, its farthest point."""
    if len(arc) <= 3:
        return arc
    keep = [False] * len(arc)
    keep[0] = keep[-1] = True
    farthest = max(range(1, len(arc) - 1), key=lambda n: _distance(arc[n], arc[0], arc[-1]))
    keep[farthest] = True
    stack = [(0, farthest), (farthest, len(arc) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        index = max(range(first + 1, last), key=lambda n: _distance(arc[n], arc[first], arc[last]))
        if _distance(arc[index], arc[first], arc[last]) > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(arc, keep, strict=True) if kept]


class _Arcs:
    def __init__(self) -> None:
        self.arcs: list[Ring] = []
        self.index: dict[tuple[Point, ...], int] = {}

    def add(self, arc: Ring) -> int:
        key = tuple(arc)
        if key in self.index:
            return self.index[key]
        backwards = key[::-1]
        if backwards in self.index:
            return ~self.index[backwards]
        if key[0] == key[-1]:  # a closed arc met again from another start or direction
            for turned in _turns(key):
                if turned in self.index:
                    return self.index[turned]
                if turned[::-1] in self.index:
                    return ~self.index[turned[::-1]]
        self.index[key] = len(self.arcs)
        self.arcs.append(arc)
        return len(self.arcs) - 1


def _turns(closed: tuple[Point, ...]) -> Iterable[tuple[Point, ...]]:
    open_ring = closed[:-1]
    for n in range(1, len(open_ring)):
        turned = open_ring[n:] + open_ring[:n]
        yield (*turned, turned[0])


def encode(
    layers: Mapping[str, Mapping[str, Mapping[str, Any]]],
    *,
    size: int = 100_000,
    tolerance: float = 0.0,
) -> dict[str, Any]:
    """A TopoJSON topology of `layers` ({layer: {code: GeoJSON geometry}}).

    `size` is the quantization grid, `tolerance` the Douglas-Peucker tolerance in grid units.
    """
    grid = _Grid(layers, size)
    quantized: dict[str, dict[str, list[list[Ring]]]] = {}
    for name, layer in layers.items():
        quantized[name] = {}
        for code, geometry in layer.items():
            polygons = []
            for polygon in _polygons(geometry):
                rings = [grid.ring(ring) for ring in polygon]
                if rings[0] is not None:
                    polygons.append([ring for ring in rings if ring is not None])
            quantized[name][code] = polygons
    every = [r for q in quantized.values() for ps in q.values() for p in ps for r in p]
    junctions = _junctions(every)
    arcs = _Arcs()
    objects: dict[str, Any] = {}
    for name, found in quantized.items():
        geometries = []
        for code, parts in found.items():
            shapes = [[[arcs.add(a) for a in _cut(r, junctions)] for r in p] for p in parts]
            geometries.append(_geometry(code, shapes))
        objects[name] = {"type": "GeometryCollection", "geometries": geometries}
    simplified = [_simplify(arc, tolerance) if tolerance else arc for arc in arcs.arcs]
    return {
        "type": "Topology",
        "transform": {"scale": [grid.kx, grid.ky], "translate": [grid.x0, grid.y0]},
        "objects": objects,
        "arcs": [_deltas(arc) for arc in simplified],
    }


def _geometry(code: str, polygons: list[ArcPolygon]) -> dict[str, Any]:
    if len(polygons) == 1:
        return {"type": "Polygon", "id": code, "arcs": polygons[0]}
    return {"type": "MultiPolygon", "id": code, "arcs": polygons}


def _deltas(arc: Ring) -> list[list[int]]:
    out = [[arc[0][0], arc[0][1]]]
    out += [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(arc)]
    return out


def merge(
    topology: dict[str, Any], layer: str, groups: Mapping[str, Sequence[str]], *, name: str
) -> None:
    """Add to `topology` the layer `name`: per group, the outline of its members in `layer`.

    An arc walked by two members of a group is an inner border and is dropped; the rest are
    joined end to start into rings. `groups` is {new code: [member codes]}.
    """
    members = {g["id"]: g for g in topology["objects"][layer]["geometries"]}
    ends = [_ends(arc) for arc in topology["arcs"]]
    geometries = []
    for code, codes in groups.items():
        shapes = [p for c in codes if c in members for p in _arc_polygons(members[c])]
        used = [i for p in shapes for r in p for i in r]
        count = Counter(i if i >= 0 else ~i for i in used)
        outer = [i for i in used if count[i if i >= 0 else ~i] == 1]
        rings = _stitch(outer, ends)
        if rings:
            geometries.append(_geometry(code, [[ring] for ring in rings]))
    topology["objects"][name] = {"type": "GeometryCollection", "geometries": geometries}


def _arc_polygons(geometry: Mapping[str, Any]) -> list[ArcPolygon]:
    return [geometry["arcs"]] if geometry["type"] == "Polygon" else list(geometry["arcs"])


def _ends(deltas: list[list[int]]) -> tuple[Point, Point]:
    x = y = 0
    points = []
    for dx, dy in deltas:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points[0], points[-1]


def _stitch(arcs: list[int], ends: list[tuple[Point, Point]]) -> list[list[int]]:
    def start(i: int) -> Point:
        return ends[i][0] if i >= 0 else ends[~i][1]

    def end(i: int) -> Point:
        return ends[i][1] if i >= 0 else ends[~i][0]

    by_start: dict[Point, list[int]] = defaultdict(list)
    for i in arcs:
        by_start[start(i)].append(i)
    rings, left = [], set(arcs)
    for first in arcs:
        if first not in left:
            continue
        ring, current = [first], first
        left.discard(first)
        while end(current) != start(first):
            following = [i for i in by_start[end(current)] if i in left]
            if not following:
                break
            current = following[0]
            left.discard(current)
            ring.append(current)
        if end(current) == start(first):
            rings.append(ring)
    return rings


def decode(topology: Mapping[str, Any], layer: str) -> dict[str, dict[str, Any]]:
    """{code: GeoJSON Polygon or MultiPolygon} of one layer, coordinates in degrees."""
    (kx, ky), (x0, y0) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = [_absolute(arc, kx, ky, x0, y0) for arc in topology["arcs"]]

    def ring(indexes: list[int]) -> list[list[float]]:
        points: list[list[float]] = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += part if not points else part[1:]
        return points

    out = {}
    for geometry in topology["objects"][layer]["geometries"]:
        # A ring that simplification flattened (fewer than four points) is left out.
        shapes = [[ring(r) for r in p] for p in _arc_polygons(geometry)]
        polygons = [[r for r in p if len(r) >= 4] for p in shapes if len(p[0]) >= 4]
        if not polygons:
            continue
        if len(polygons) == 1:
            out[geometry["id"]] = {"type": "Polygon", "coordinates": polygons[0]}
        else:
            out[geometry["id"]] = {"type": "MultiPolygon", "coordinates": polygons}
    return out


def _absolute(
    deltas: list[list[int]], kx: float, ky: float, x0: float, y0: float
) -> list[list[float]]:
    x = y = 0
    points = []
    for dx, dy in deltas:
        x, y = x + dx, y + dy
        points.append([round(x * kx + x0, 5), round(y * ky + y0, 5)])
    return points
