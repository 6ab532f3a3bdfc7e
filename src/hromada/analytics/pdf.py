"""The community profile as an A4 PDF (WeasyPrint), rendered in well under two seconds.

Measured with `python -m bench.pdf` (docs/benchmark.md), the time went into WeasyPrint, not
into the profile (one hromada's snapshot rows): styling every element against the browser
stylesheet, sizing auto-width tables, and one inline SVG per indicator row. So:
- the tables have fixed column widths (`table-layout: fixed`): no content measuring;
- the trend of each row is text (block characters of the font), not an SVG to parse and draw;
  only the four headline charts are SVG, one rectangle per year;
- the document is styled against a small stylesheet for the few elements it uses
  (`LIGHT_UA`) instead of WeasyPrint's whole HTML one, whose every rule is tried on every
  element;
- fonts are found once per process and thread (`FontConfiguration`), not per request;
  WeasyPrint subsets them with HarfBuzz (libharfbuzz-subset0), never fontTools.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from hromada.analytics.formatting import svg_bars
from hromada.analytics.profile import Profile, ProfileRow
from hromada.analytics.report_sections import sections_for

BLOCKS = "▁▂▃▄▅▆▇█"

# What the profile's template and the registered sections use, and how a browser shows it.
# Elements not listed are inline, as in any HTML stylesheet.
LIGHT_UA = """
html, body, div, section, p, h1, h2, h3, table, ol, ul, li, dl, dt, dd { display: block }
head, title, meta, style, script { display: none }
table { display: table; box-sizing: border-box; border-spacing: 0 }
colgroup { display: table-column-group } col { display: table-column }
thead { display: table-header-group } tbody { display: table-row-group }
tr { display: table-row } td, th { display: table-cell }
li { display: list-item } ol { list-style-type: decimal } ul { list-style-type: disc }
ol, ul { padding-left: 18pt } p, ol, ul, dl { margin: 3pt 0 } dd { margin-left: 12pt }
h1, h2, h3, th, strong, b, dt { font-weight: bold } em, i { font-style: italic }
small { font-size: smaller }
h1 { bookmark-level: 1; bookmark-label: content(text) }
h2 { bookmark-level: 2; bookmark-label: content(text) }
br::before { content: "\\A"; white-space: pre-line }
"""

_per_thread = threading.local()


@dataclass(frozen=True)
class TrendRow:
    row: ProfileRow
    trend: str


def trend_text(series: list[float | None]) -> str:
    """The series as block characters from its lowest (▁) to its highest (█) value, a
    space for a missing year; '' with fewer than two values."""
    present = [value for value in series if value is not None]
    if len(present) < 2:
        return ""
    low = min(present)
    span = (max(present) - low) or 1.0
    steps = len(BLOCKS) - 1
    return "".join(
        " " if value is None else BLOCKS[round((value - low) / span * steps)] for value in series
    )


def _sections(page: Profile, site: str) -> list[SafeString]:
    return [
        mark_safe(  # noqa: S308 - our own templates' output, escaped by them
            render_to_string(section.template, {**section.context, "site": site})
        )
        for section in sections_for(page.territory)
    ]


def profile_html(page: Profile, site: str) -> str:
    """The HTML the PDF is made from; `site` is the address links start with."""
    first = page.years[0] if page.years else ""
    last = page.years[-1] if page.years else ""
    headline = [
        {"row": row, "bars": svg_bars(row.series), "first_year": first, "last_year": last}
        for row in page.headline
    ]
    areas = [
        (area.name, [TrendRow(row, trend_text(row.series)) for row in area.rows])
        for area in page.areas
    ]
    context: dict[str, Any] = {
        "page": page,
        "territory": page.territory,
        "headline": headline,
        "areas": areas,
        "sections": _sections(page, site),
    }
    return render_to_string("analytics/profile_pdf.html", context)


def _fonts() -> tuple[Any, Any]:
    """This thread's fonts and the light stylesheet compiled with them, made once."""
    from weasyprint import CSS  # type: ignore[import-untyped]  # heavy: only for a PDF
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    if getattr(_per_thread, "fonts", None) is None:
        _per_thread.fonts = FontConfiguration()
        _per_thread.stylesheet = CSS(string=LIGHT_UA, font_config=_per_thread.fonts)
    return _per_thread.fonts, _per_thread.stylesheet


@functools.cache
def _light_html() -> Any:
    from weasyprint import HTML

    class LightHTML(HTML):
        # WeasyPrint has no public switch for its user-agent stylesheet; this is the one
        # method it reads it from (WeasyPrint is pinned below 71, and tests/analytics check
        # that the PDF's text and bookmarks are still there).
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_fonts()[1]]

    return LightHTML


def html_to_pdf(html: str, base_url: str) -> bytes:
    fonts, _stylesheet = _fonts()
    pdf: bytes = _light_html()(string=html, base_url=base_url).write_pdf(font_config=fonts)
    return pdf


def profile_pdf_bytes(page: Profile, base_url: str) -> bytes:
    return html_to_pdf(profile_html(page, base_url.rstrip("/")), base_url)
