"""The hromada's own figure under each published position's impact model, in its profile PDF
(registered with hromada.analytics.report_sections, so analytics imports nothing of ours)."""

from __future__ import annotations

from hromada.analytics.report_sections import ReportSection
from hromada.legislation.impact import own_figures
from hromada.territories.models import Level, Territory


def impact_section(territory: Territory) -> ReportSection | None:
    if territory.level != Level.HROMADA:
        return None
    figures = own_figures(territory)  # published positions only
    if not figures:
        return None
    return ReportSection("legislation/pdf_impact.html", {"figures": figures})
