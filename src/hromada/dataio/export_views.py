"""`/data/export/`: download observations in the format and with the filter of the query.

Without `format` the page shows the export form. Everyone may export; what they get is
what they may see (published values for the public, see indicators.queries).
"""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from hromada.accounts import permissions
from hromada.dataio.exporting import FORMATS, csv_chunks, json_chunks, write_xlsx
from hromada.dataio.jsonstat import jsonstat_chunks
from hromada.dataio.markers import parse_year
from hromada.dataio.queries import ExportFilter, export_observations
from hromada.indicators.models import Area, Status
from hromada.lib.throttle import throttled


def _year(text: str | None) -> int | None:
    return parse_year(text) if text else None


def _form(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "areas": Area.objects.all(),
        "statuses": Status.choices,
        "formats": sorted(FORMATS),
        "staff": permissions.is_association_staff(request.user),
        "error": error,
    }
    return render(request, "dataio/export.html", context, status=status)


def filter_from(request: HttpRequest) -> ExportFilter:
    query = request.GET
    status = query.get("status", "")
    return ExportFilter(
        indicators=[c.strip() for c in query.getlist("indicator") if c.strip()],
        area=query.get("area", "").strip(),
        territories=[c.strip().upper() for c in query.getlist("territory") if c.strip()],
        parent=query.get("parent", "").strip().upper(),
        year_from=_year(query.get("year_from")),
        year_to=_year(query.get("year_to")),
        status=status if status in Status.values else "",
    )


@throttled
def export(request: HttpRequest) -> HttpResponseBase:
    kind = request.GET.get("format", "")
    if kind not in FORMATS:
        return _form(request)
    rows = export_observations(request.user, filter_from(request))
    content_type, suffix = FORMATS[kind]
    name = f"hromada-{kind}-{timezone.localdate():%Y%m%d}.{suffix}"
    if kind == "xlsx":
        # An XLSX file is built whole before its first byte is sent: bounded, so a request
        # without a filter cannot keep a worker busy past its timeout. CSV and JSON stream.
        limit = settings.HROMADA_EXPORT_XLSX_MAX_ROWS
        count = rows[: limit + 1].count()
        if count > limit:
            message = _(
                "An XLSX export holds at most %(limit)s values, and this filter selects more. "
                "Narrow it (indicators, territories, years) or choose CSV, which has no limit."
            ) % {"limit": number_format(limit, use_l10n=True, force_grouping=True)}
            return _form(request, error=message, status=400)
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  FileResponse closes it
        write_xlsx(rows, handle)
        handle.seek(0)
        return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    excel = request.GET.get("excel") == "1"
    chunks = {
        "csv": lambda: csv_chunks(rows, excel=excel),
        "json": lambda: json_chunks(rows),
        "jsonstat": lambda: jsonstat_chunks(rows),
    }[kind]()
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
