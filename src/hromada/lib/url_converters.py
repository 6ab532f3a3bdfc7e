"""Path converters shared by several apps' URLs, registered once when this module loads."""

from __future__ import annotations

from django.urls import register_converter


class _Pattern:
    """A converter that accepts text matching `regex` and passes it through unchanged."""

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IndicatorCode(_Pattern):
    """A dotted indicator code such as budget.revenue.own."""

    regex = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"


class CatalogueFormat(_Pattern):
    regex = "json|xlsx"


class TableFormat(_Pattern):
    regex = "csv|xlsx"


register_converter(IndicatorCode, "indicator")
register_converter(CatalogueFormat, "catalogue_format")
register_converter(TableFormat, "table_format")
