"""Whole-catalogue checks: duplicate codes, unknown areas, formulas and their cycles.

A catalogue is checked as a set together with what is already stored, because a formula
may use an indicator defined in another file or only in the database, and a cycle can close
through either. Every problem is collected, so one run reports them all.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from hromada.indicators.catalogue_spec import Catalogue, Problem
from hromada.indicators.formula import FormulaError, check_formula

MSG_DUPLICATE = _("The code %(code)s appears more than once (also in %(other)s).")
MSG_DUPLICATE_AREA = _("The area %(code)s appears more than once (also in %(other)s).")
MSG_UNKNOWN_AREA = _("Unknown area '%(area)s'.")


def catalogue_problems(
    catalogue: Catalogue, *, stored_areas: set[str], stored_formulas: Mapping[str, str]
) -> list[Problem]:
    """Everything that prevents writing `catalogue` over the stored one; empty when fine.

    `stored_formulas` maps every stored indicator code to its formula ("" when not derived).
    """
    problems = _duplicates(catalogue)
    areas = stored_areas | {area.code for area in catalogue.areas}
    for spec in catalogue.indicators:
        if spec.area not in areas:
            message = str(MSG_UNKNOWN_AREA % {"area": spec.area})
            problems.append(Problem(spec.where, message, spec.code, "area"))
    known = {**stored_formulas, **{spec.code: spec.formula for spec in catalogue.indicators}}
    for spec in catalogue.indicators:
        if not spec.formula:
            continue
        try:
            check_formula(spec.formula, known, code=spec.code)
        except FormulaError as error:
            problems.append(Problem(spec.where, error.message, spec.code, "formula"))
    return problems


def _duplicates(catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    seen_areas: dict[str, str] = {}
    for area in catalogue.areas:
        if area.code in seen_areas:
            message = MSG_DUPLICATE_AREA % {"code": area.code, "other": seen_areas[area.code]}
            problems.append(Problem(area.where, str(message), area.code, "code"))
        seen_areas.setdefault(area.code, area.where)
    seen: dict[str, str] = {}
    for spec in catalogue.indicators:
        if spec.code in seen:
            message = MSG_DUPLICATE % {"code": spec.code, "other": seen[spec.code]}
            problems.append(Problem(spec.where, str(message), spec.code, "code"))
        seen.setdefault(spec.code, spec.where)
    return problems
