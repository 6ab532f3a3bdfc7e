"""Units are stored as short English keys (`thousand UAH`); people read them translated.

An unknown unit (one an association brought in its own catalogue) is shown as written.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNIT_LABELS = {
    "persons": _("persons"),
    "units": _("units"),
    "UAH": _("UAH"),
    "thousand UAH": _("thousand UAH"),
    "%": "%",
    "km": _("km"),
    "km²": _("km²"),
    "m²": _("m²"),
    "thousand m²": _("thousand m²"),
    "thousand m³": _("thousand m³"),
    "ha": _("ha"),
    "Gcal": _("Gcal"),
    "MWh": _("MWh"),
    "kW": _("kW"),
    "tonnes": _("tonnes"),
    "places": _("places"),
    "beds": _("beds"),
    "cases": _("cases"),
    "visits": _("visits"),
    "points": _("points"),
    "index": _("index"),
    "thousand passengers": _("thousand passengers"),
    "UAH per resident": _("UAH per resident"),
    "UAH per pupil": _("UAH per pupil"),
    "per 1,000 residents": _("per 1,000 residents"),
    "per 10,000 residents": _("per 10,000 residents"),
    "per 100,000 residents": _("per 100,000 residents"),
    "per 1,000 live births": _("per 1,000 live births"),
    "per 100 persons aged 18-59": _("per 100 persons aged 18-59"),
    "persons per km²": _("persons per km²"),
    "persons per vacancy": _("persons per vacancy"),
    "persons per doctor": _("persons per doctor"),
    "persons per worker": _("persons per worker"),
    "pupils per teacher": _("pupils per teacher"),
    "pupils per class": _("pupils per class"),
    "m² per resident": _("m² per resident"),
    "kg per resident": _("kg per resident"),
    "trips per resident": _("trips per resident"),
    "kWh per m²": _("kWh per m²"),
    "kWh per light": _("kWh per street light"),
}


def unit_label(unit: str) -> str:
    label = UNIT_LABELS.get(unit)
    return str(label) if label is not None else unit
