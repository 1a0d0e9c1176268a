"""The SVG charts: well-formed, labelled for screen readers, values written as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from habeas.stats import compute_stats
from habeas.stats.charts import bar_chart, column_chart, render_charts, write_charts
from tests.stats.test_compute import PAST, TODAY, people

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_accessible_and_writes_its_values():
    root = parse(
        bar_chart(
            "Persons by status",
            [("Imprisoned", 120), ("<Released & co>", 7)],
            category_label="status",
        )
    )
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Persons by status"
    assert desc is not None and "Imprisoned: 120" in desc.text and "<Released & co>: 7" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    shown = texts(root)
    assert {"Imprisoned", "120", "<Released & co>", "7", "status", "persons"} <= set(shown)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    widths = [float(r.get("width")) for r in bars]
    assert widths[0] > widths[1] > 0 and abs(widths[0] / widths[1] - 120 / 7) < 0.1


def test_long_lists_end_with_an_other_bar():
    items = [(f"region {i}", 20 - i) for i in range(20)]
    root = parse(bar_chart("Regions", items, max_bars=5))
    # The first four, then the 16 others summed: 16 + 15 + … + 1 = 136.
    assert "other (16)" in texts(root) and "136" in texts(root)


def test_a_column_chart_labels_its_axes_and_columns():
    root = parse(
        column_chart("Verdicts", ["2024-01", "2024-02", "2024-03"], [3, 0, 12], y_label="verdicts")
    )
    shown = texts(root)
    assert {"month", "verdicts", "2024-01", "2024-03", "3", "12"} <= set(shown)
    tips = [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")]
    assert tips == ["2024-01: 3 verdicts", "2024-02: 0 verdicts", "2024-03: 12 verdicts"]


def test_empty_charts_say_so():
    assert "No data." in texts(parse(bar_chart("Nothing", [])))
    assert "No data." in texts(parse(column_chart("Nothing", [], [])))


def test_render_and_write_every_chart(tmp_path):
    stats = compute_stats(people(), PAST, today=TODAY)
    charts = render_charts(stats, months=12)
    assert set(charts) == {
        "status.svg", "articles.svg", "regimes.svg", "regions.svg", "facilities.svg",
        "gender.svg", "age.svg", "monthly-new-cases.svg", "monthly-verdicts.svg",
        "monthly-releases.svg", "sentence-length.svg",
    }  # fmt: skip
    for svg in charts.values():
        parse(svg)
    verdicts = parse(charts["monthly-verdicts.svg"])
    assert len(list(verdicts.iter(f"{SVG}g"))) == 12  # the last 12 months only
    paths = write_charts(stats, tmp_path / "charts")
    assert sorted(p.name for p in paths) == sorted(charts)
    assert (tmp_path / "charts" / "status.svg").read_text(encoding="utf-8").startswith("<svg")
    assert date.fromisoformat(stats["as_of"]) == PAST
