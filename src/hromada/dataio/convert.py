"""Turn the rows of a file into values to record, or problems naming row, column and cell.

`read_values` is a generator: it holds one row at a time, the code dictionaries and the
set of keys already seen (to refuse duplicates), so memory stays flat as files grow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.dataio.catalogue import Candidate, Catalogue, IndicatorInfo
from hromada.dataio.columns import ColumnRule, Layout, detect_layout, normalise_header
from hromada.dataio.markers import missing_reason, parse_number, parse_sex, parse_year
from hromada.dataio.quick_rows import QuickLongRow
from hromada.dataio.reader import Cell, Source
from hromada.indicators.actions import ValueInput
from hromada.indicators.limits import impossible, unusual
from hromada.indicators.models import Missing
from hromada.lib.decimals import at_decimals, display
from hromada.territories.models import HromadaType

YEAR_MIN = 1991
HEADER_ROW = 1


def year_max() -> int:
    return timezone.localdate().year + 1


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    reason: str


SHOWN_NOTICES = 200  # unusual values listed by row; the rest are counted


@dataclass
class Notices:
    """Unusual values of a file: possible, so they are imported, but outside the plausible
    range of their indicator (a negative revenue line net of refunds), so the analyst sees
    each with its row and column before applying the file."""

    shown: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, problem: Problem) -> None:
        self.count += 1
        if len(self.shown) < SHOWN_NOTICES:
            self.shown.append(problem)


@dataclass
class Options:
    year: int | None = None
    rules: list[ColumnRule] = field(default_factory=list)


@dataclass
class _Column:
    index: int
    name: str
    indicator: IndicatorInfo
    factor: float
    year: int | None
    sex: str


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else str(cell)


def _candidate(candidate: Candidate) -> str:
    kind = str(HromadaType(candidate.hromada_type).label) if candidate.hromada_type else ""
    if candidate.former:
        return _("%(name)s %(type)s, formerly %(former)s (%(code)s)") % {
            "name": candidate.name,
            "type": kind,
            "former": candidate.former,
            "code": candidate.code,
        }
    return _("%(name)s %(type)s (%(code)s)") % {
        "name": candidate.name,
        "type": kind,
        "code": candidate.code,
    }


class _Reader:
    def __init__(
        self,
        source: Source,
        options: Options,
        catalogue: Catalogue,
        notices: Notices | None = None,
    ) -> None:
        self.source = source
        self.notices = notices
        self.by_id = {info.id: info for info in catalogue.indicators.values()}
        self.options = options
        self.catalogue = catalogue
        self.layout: Layout = detect_layout(source.columns)
        self.index = {name: i for i, name in enumerate(source.columns) if name}
        self.seen: dict[tuple[int, int, str], bytearray] = {}
        self.years = range(YEAR_MIN, year_max() + 1)

        # The position of each role's column, looked up once: cell() runs for every cell.
        self.positions = {role: self.index[column] for role, column in self.layout.keys.items()}
        # In a long file a mapping's `column` is a code found in the indicator column.
        self.code_rules = {normalise_header(rule.column): rule for rule in options.rules}

    def cell(self, cells: list[Cell], role: str) -> Cell:
        position = self.positions.get(role)
        if position is None or position >= len(cells):
            return ""
        return cells[position]

    # --- the header -------------------------------------------------------------------
    def header_problems(self) -> list[Problem]:
        found: list[Problem] = []
        if not self.layout.has_territory:
            found.append(
                Problem(
                    HEADER_ROW,
                    "",
                    "",
                    _(
                        "No territory column: give a KATOTTG code column "
                        "(код, katottg, territory) or name and oblast."
                    ),
                )
            )
        if self.layout.is_long and "year" not in self.layout.keys and self.options.year is None:
            found.append(
                Problem(
                    HEADER_ROW,
                    "",
                    "",
                    _(
                        "No year: add a year column, give the year of the file, or set it in the "
                        "mapping."
                    ),
                )
            )
        return found

    def wide_columns(self) -> tuple[list[_Column], list[Problem]]:
        rules = {rule.column: rule for rule in self.options.rules}
        by_header = {normalise_header(rule.column): rule for rule in self.options.rules}
        columns: list[_Column] = []
        found: list[Problem] = []
        for name in self.layout.others:
            rule = rules.get(name) or by_header.get(normalise_header(name))
            if rule is None and self.catalogue.indicator(name):
                rule = ColumnRule(name, name)
            if rule is None:
                if not self.options.rules:
                    found.append(
                        Problem(
                            HEADER_ROW,
                            name,
                            name,
                            _(
                                "This column is neither an indicator code nor mapped to an "
                                "indicator; map it or skip it."
                            ),
                        )
                    )
                continue
            if rule.skipped:
                continue
            info = self.catalogue.indicator(rule.indicator)
            problem = self.indicator_problem(info, rule.indicator)
            if problem or info is None:
                found.append(Problem(HEADER_ROW, name, rule.indicator, problem))
                continue
            if rule.sex and not info.by_sex:
                found.append(Problem(HEADER_ROW, name, rule.sex, self.no_sex(info)))
                continue
            columns.append(_Column(self.index[name], name, info, rule.factor, rule.year, rule.sex))
        missing = [
            r.column
            for r in self.options.rules
            if r.column not in self.index
            and normalise_header(r.column) not in {normalise_header(c) for c in self.index}
        ]
        found += [
            Problem(HEADER_ROW, c, "", _("The mapping names a column that is not in the file."))
            for c in missing
        ]
        needs_year = [c for c in columns if c.year is None]
        if needs_year and "year" not in self.layout.keys and self.options.year is None:
            names = ", ".join(c.name for c in needs_year)
            found.append(
                Problem(
                    HEADER_ROW,
                    names,
                    "",
                    _(
                        "No year: add a year column, give the year of the file, or set it in the "
                        "mapping."
                    ),
                )
            )
        if not columns and not found:
            found.append(Problem(HEADER_ROW, "", "", _("No indicator columns to import.")))
        return columns, found

    # --- single cells -----------------------------------------------------------------
    @staticmethod
    def indicator_problem(info: IndicatorInfo | None, code: str) -> str:
        if info is None:
            return _("Unknown indicator code.") if code else _("No indicator given.")
        if info.derived:
            return _("This indicator is computed by a formula; its values cannot be imported.")
        return ""

    @staticmethod
    def no_sex(info: IndicatorInfo) -> str:
        return _("Indicator %(code)s is not split by sex.") % {"code": info.code}

    def territory(self, cells: list[Cell], row: int) -> tuple[int | None, Problem | None]:
        if "territory" in self.layout.keys:
            code = _text(self.cell(cells, "territory"))
            found = self.catalogue.territory_by_code(code)
            if found is None:
                column = self.layout.keys["territory"]
                reason = _("Unknown territory code.") if code else _("No territory code given.")
                return None, Problem(row, column, code, reason)
            return found, None
        name = _text(self.cell(cells, "territory_name"))
        oblast = _text(self.cell(cells, "oblast"))
        kind = _text(self.cell(cells, "territory_type"))
        matches = self.catalogue.territories_by_name(name, oblast, kind)
        if len(matches) == 1:
            return matches[0].id, None
        if matches:
            reason = _(
                "Several hromadas of this oblast may be meant: %(candidates)s. Give the KATOTTG "
                "code (or the type: міська, селищна, сільська)."
            ) % {"candidates": "; ".join(_candidate(c) for c in matches)}
        else:
            reason = _("No hromada with this name in this oblast.")
        shown = " / ".join(part for part in (name, kind, oblast) if part)
        return None, Problem(row, self.layout.keys["territory_name"], shown, reason)

    def year(self, cell: Cell, row: int, column: str) -> tuple[int | None, Problem | None]:
        year = parse_year(cell)
        if year is None:
            return None, Problem(row, column, _text(cell), _("The year is not a whole number."))
        if year not in self.years:
            reason = _("The year is outside %(low)s to %(high)s.") % {
                "low": self.years.start,
                "high": self.years.stop - 1,
            }
            return None, Problem(row, column, _text(cell), reason)
        return year, None

    def amount(
        self, cell: Cell, missing_cell: Cell, factor: float
    ) -> tuple[float | None, str, str]:
        """(value, reason for a gap, error) for one value cell."""
        if isinstance(cell, int | float):
            return float(cell) * factor, "", ""
        if cell and cell[-1].isdigit():  # a gap marker never ends in a digit: a number, or bad
            number = parse_number(cell)
            if number is not None:
                return number * factor, "", ""
        reason = missing_reason(cell)
        if reason is not None:
            if reason == Missing.NOT_REPORTED and _text(missing_cell):
                stated = missing_reason(_text(missing_cell))
                if stated is None:
                    return None, "", _("Unknown reason for a missing value.")
                return None, stated, ""
            return None, reason, ""
        number = parse_number(cell)
        if number is None:
            return None, "", _("Not a number.")
        return number * factor, "", ""

    def value_problem(self, info: IndicatorInfo, value: float | None, factor: float = 1.0) -> str:
        """Only an impossible value is refused (a negative count, a share over 100 %): real
        files hold unusual but true values (refunds larger than receipts), which the
        campaign checks warn about instead. The value is named as it would be stored: after
        the factor, at the indicator's decimals."""
        if value is None:
            return ""
        problem = impossible(info, at_decimals(value, info.decimals) or 0.0)
        if problem and factor != 1:
            return _(
                "Multiplied by the factor %(factor)s: %(problem)s Check the factor and the unit."
            ) % {
                "factor": display(factor, 6).rstrip("0").rstrip(",."),
                "problem": problem,
            }
        return problem

    def duplicate(self, item: ValueInput) -> bool:
        """Whether the key was seen before: one bit per territory for each (indicator, year,
        sex), so the memory is bounded by the catalogue, not by the length of the file."""
        group = (item.indicator_id, item.year, item.sex)
        bits = self.seen.get(group)
        if bits is None:
            bits = self.seen[group] = bytearray(self.catalogue.max_territory_id // 8 + 1)
        byte, mask = item.territory_id >> 3, 1 << (item.territory_id & 7)
        if bits[byte] & mask:
            return True
        bits[byte] |= mask
        return False

    def notice_unusual(
        self, indicator_id: int, value: float, row: int, column: str, cell: Cell
    ) -> None:
        info, notices = self.by_id.get(indicator_id), self.notices
        if info is None or notices is None:
            return
        # Two comparisons per value; the message is only written for the rare unusual one.
        low = info.min_value is not None and value < info.min_value
        high = info.max_value is not None and value > info.max_value
        if low or high:
            notices.add(Problem(row, column, _text(cell), unusual(info, value)))

    # --- rows -------------------------------------------------------------------------
    def emit(self, item: ValueInput, row: int, column: str, cell: Cell) -> ValueInput | Problem:
        if self.notices is not None and item.value is not None:
            self.notice_unusual(item.indicator_id, item.value, row, column, cell)
        if self.duplicate(item):
            return Problem(
                row,
                column,
                _text(cell),
                _("The same territory, indicator, year and sex appear earlier in the file."),
            )
        return item

    def quick_long_row(self) -> QuickLongRow | None:
        """The fast reader of plain rows, when the file names its territories by code."""
        where = self.positions
        if "territory" not in where or "indicator" not in where or "value" not in where:
            return None
        if self.code_rules:  # codes are translated and values scaled on the full path
            return None
        default_year = None
        if "year" not in where:
            default_year = self.options.year
            if default_year is None or default_year not in self.years:
                return None
        return QuickLongRow(
            territory=where["territory"],
            indicator=where["indicator"],
            value=where["value"],
            year=where.get("year"),
            default_year=default_year,
            sex=where.get("sex"),
            missing=where.get("missing"),
            note=where.get("note"),
            width=max(where.values()) + 1,
            years=self.years,
            catalogue=self.catalogue,
            range_problem=self.value_problem,
        )

    def long_rows(self) -> Iterator[ValueInput | Problem]:
        quick = self.quick_long_row()
        if quick is None:
            for row, cells in self.source.rows:
                yield from self.long_row(row, cells)
            return
        read, value_at, emit = quick.reader(), quick.value, self.emit
        value_column = self.layout.keys.get("value", "")
        for row, cells in self.source.rows:
            item = read(cells)
            if item is None:
                yield from self.long_row(row, cells)
            else:
                yield emit(item, row, value_column, cells[value_at])

    def long_row(self, row: int, cells: list[Cell]) -> Iterator[ValueInput | Problem]:
        """One row of a long file through every check, with a problem for each failure."""
        keys = self.layout.keys
        territory, problem = self.territory(cells, row)
        problems = [problem] if problem else []
        code = _text(self.cell(cells, "indicator"))
        rule = self.code_rules.get(normalise_header(code))
        if rule is not None and rule.skipped:
            return
        target = rule.indicator if rule else code
        factor = rule.factor if rule else 1.0
        info = self.catalogue.indicator(target)
        if reason := self.indicator_problem(info, target):
            problems.append(Problem(row, keys["indicator"], code, reason))
        year_cell = self.cell(cells, "year") if "year" in keys else self.options.year
        year, problem = self.year(year_cell or "", row, keys.get("year", ""))
        problems += [problem] if problem else []
        sex_cell = _text(self.cell(cells, "sex"))
        sex = parse_sex(sex_cell)
        if sex is None:
            problems.append(Problem(row, keys["sex"], sex_cell, _("Sex must be f, m or empty.")))
        elif sex and info and not info.by_sex:
            problems.append(Problem(row, keys["sex"], sex_cell, self.no_sex(info)))
        value_cell = self.cell(cells, "value")
        value, missing, error = self.amount(value_cell, self.cell(cells, "missing"), factor)
        error = error or (self.value_problem(info, value, factor) if info else "")
        if error:
            problems.append(Problem(row, keys["value"], _text(value_cell), error))
        if problems or territory is None or info is None or year is None:
            yield from problems
            return
        note = _text(self.cell(cells, "note"))
        item = ValueInput(territory, info.id, year, sex or "", value, missing, note)
        yield self.emit(item, row, keys["value"], value_cell)

    def wide_rows(self, columns: list[_Column]) -> Iterator[ValueInput | Problem]:
        for row, cells in self.source.rows:
            territory, problem = self.territory(cells, row)
            year_cell = self.cell(cells, "year") if "year" in self.layout.keys else None
            if problem:
                yield problem
            row_year: int | None = self.options.year
            if year_cell is not None and any(c.year is None for c in columns):
                row_year, problem = self.year(year_cell, row, self.layout.keys["year"])
                if problem:
                    yield problem
            for column in columns:
                cell = cells[column.index] if column.index < len(cells) else ""
                if cell == "":
                    continue  # a blank cell changes nothing; "not reported" is written as н/д
                value, missing, error = self.amount(cell, "", column.factor)
                error = error or self.value_problem(column.indicator, value, column.factor)
                if error:
                    yield Problem(row, column.name, _text(cell), error)
                    continue
                year = column.year or row_year
                if territory is None or year is None:
                    continue
                item = ValueInput(territory, column.indicator.id, year, column.sex, value, missing)
                yield self.emit(item, row, column.name, cell)


def read_values(
    source: Source, options: Options, catalogue: Catalogue, notices: Notices | None = None
) -> Iterator[ValueInput | Problem]:
    """Every value of the file, in file order, interleaved with every problem found;
    unusual values go to `notices` as well, when given."""
    reader = _Reader(source, options, catalogue, notices)
    header = reader.header_problems()
    if reader.layout.is_long:
        yield from header
        if not header:
            yield from reader.long_rows()
        return
    columns, problems = reader.wide_columns()
    yield from header + problems
    if not header and not problems:
        yield from reader.wide_rows(columns)


def describe_columns(source: Source) -> Layout:
    return detect_layout(source.columns)
