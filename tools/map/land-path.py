#!/usr/bin/env python3
"""Turns Natural Earth's 1:110m land (world-atlas's land-110m.json, TopoJSON) into the SVG path the region map draws.

The path is in equirectangular degrees shifted to positive numbers (x = longitude + 180, y = 90 - latitude), one decimal,
so the map scales it to any size with one transform. A ring that crosses the antimeridian (Chukotka, Fiji) is unwrapped
so that it stays in one piece, and drawn once more a world-width over, so each side of the map shows its half. Natural Earth is in the public domain; world-atlas is ISC-licensed.
Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       python3 tools/map/land-path.py package/land-110m.json > src/AcrGeo.Engine/Data/land-110m.path
"""
import json
import sys

topology = json.load(open(sys.argv[1]))
scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]


def arc_points(index):
    points, x, y = [], 0, 0
    for dx, dy in topology["arcs"][index if index >= 0 else ~index]:
        x, y = x + dx, y + dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return points if index >= 0 else points[::-1]


def ring(indexes):
    points = []
    for index in indexes:
        part = arc_points(index)
        points.extend(part if not points else part[1:])
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]
    elif geometry["type"] == "GeometryCollection":
        for inner in geometry["geometries"]:
            yield from polygons(inner)


def unwrapped(points):
    result = []
    for lon, lat in points:
        if result:
            while lon - result[-1][0] > 180:
                lon -= 360
            while lon - result[-1][0] < -180:
                lon += 360
        result.append((lon, lat))
    return result


def path(points, shift):
    seen, text = None, []
    for lon, lat in points:
        point = f"{lon + shift + 180:.1f} {90 - lat:.1f}"
        if point != seen:
            text.append(point)
            seen = point
    return "M" + "L".join(text) + "Z" if len(text) > 2 else ""


out = []
for polygon in polygons(topology["objects"]["land"]):
    for indexes in polygon:
        points = unwrapped(ring(indexes))
        # Antarctica goes once around the pole: it is not cut, it is closed along the map's bottom edge.
        if abs(points[-1][0] - points[0][0]) > 180:
            points = [(max(-180, min(180, lon)), lat) for lon, lat in points]
            points = [(points[0][0], -90)] + points + [(points[-1][0], -90)]
        out.append(path(points, 0))
        if min(lon for lon, _ in points) < -180:
            out.append(path(points, 360))
        if max(lon for lon, _ in points) > 180:
            out.append(path(points, -360))
print("".join(out))
