"""The community profile as an A4 PDF (WeasyPrint); charts are server-side SVG."""

from __future__ import annotations

from django.template.loader import render_to_string

from hromada.analytics.formatting import svg_bars
from hromada.analytics.profile import Profile


def profile_pdf_bytes(page: Profile, base_url: str) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy: only for a PDF

    headline = [
        {
            "row": row,
            "bars": svg_bars(row.series),
            "first_year": page.years[0] if page.years else "",
            "last_year": page.years[-1] if page.years else "",
        }
        for row in page.headline
    ]
    html = render_to_string(
        "analytics/profile_pdf.html",
        {"page": page, "territory": page.territory, "headline": headline},
    )
    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
    return pdf
