#!/usr/bin/env python3
"""Turns Natural Earth's 1:110m land (world-atlas's land-110m.json, TopoJSON) into the SVG path the region map draws.

The path is in equirectangular degrees shifted to positive numbers (x = longitude + 180, y = 90 - latitude), one decimal,
so the map scales it to any size with one transform. Natural Earth is in the public domain; world-atlas is ISC-licensed.
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


out = []
for polygon in polygons(topology["objects"]["land"]):
    for indexes in polygon:
        seen, text = None, []
        for lon, lat in ring(indexes):
            point = f"{lon + 180:.1f} {90 - lat:.1f}"
            if point != seen:
                text.append(point)
                seen = point
        if len(text) > 2:
            out.append("M" + "L".join(text) + "Z")
print("".join(out))
