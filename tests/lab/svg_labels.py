"""Reading the text labels of a drawn chart the way a reader sees them: where each one sits on the
drawing, with a box as large as its text, so stories can check that no two labels overlap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
TRANSLATE = re.compile(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)")
# An average glyph of a sans-serif face is about 0.55 em wide; digits and capitals a little more.
GLYPH_WIDTH = 0.58


@dataclass(frozen=True)
class LabelBox:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    size: float

    def overlaps(self, other: LabelBox, slack: float = 0.5) -> bool:
        return (
            self.left < other.right - slack
            and other.left < self.right - slack
            and self.top < other.bottom - slack
            and other.top < self.bottom - slack
        )


def _offset(element) -> tuple[float, float]:
    match = TRANSLATE.search(element.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def label_boxes(svg: str) -> list[LabelBox]:
    """Every horizontal text of the drawing with its box in the drawing's own pixels."""
    boxes: list[LabelBox] = []

    def walk(element, x: float, y: float) -> None:
        dx, dy = _offset(element)
        x, y = x + dx, y + dy
        if element.tag == f"{SVG}text":
            if "rotate" in element.get("transform", ""):
                return  # the value axis's title, drawn upright along the axis
            text = "".join(element.itertext()).strip()
            if not text:
                return
            size = float(element.get("font-size", "12px").rstrip("px"))
            width = GLYPH_WIDTH * size * len(text)
            anchor = element.get("text-anchor", "start")
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            baseline = element.get("dominant-baseline") or ""
            top = y - size / 2 if "middle" in baseline else y - 0.8 * size
            boxes.append(LabelBox(text, left, top, left + width, top + size, size))
            return
        for child in element:
            walk(child, x, y)

    walk(ET.fromstring(svg), 0.0, 0.0)
    return boxes


def overlapping_labels(svg: str) -> list[tuple[str, str]]:
    boxes = label_boxes(svg)
    return [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
