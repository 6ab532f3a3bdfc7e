"""The one error of the formula engine, and every message it can show to a user.

Messages are lazy: an error raised while a formula is saved renders in the language of
whoever reads it. Positions count characters from 1, as a person reading the formula does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

EMPTY = _("The formula is empty.")
UNEXPECTED = _("Unexpected '%(token)s' at position %(position)s")
UNEXPECTED_END = _("The formula ends too early, at position %(position)s")
NOT_A_NUMBER = _("'%(text)s' at position %(position)s is not a number")
NOT_A_CODE = _("'%(text)s' at position %(position)s is not a valid indicator code")
UNKNOWN_FUNCTION = _("Unknown function '%(name)s' at position %(position)s")
LAG_ARGUMENTS = _(
    "lag() needs an indicator code and a whole number of years (position %(position)s)"
)
AT_LEAST_TWO = _("%(name)s() needs at least two values (position %(position)s)")
EXACTLY_ONE = _("%(name)s() needs exactly one value (position %(position)s)")
CHAINED_COMPARISON = _(
    "Comparisons cannot be chained; join them with 'and' (position %(position)s)"
)
TOO_LONG = _("The formula is too long: at most %(limit)s numbers, codes and signs are allowed.")
TOO_DEEP = _("The formula is nested too deeply at position %(position)s")
UNKNOWN_CODES = ngettext_lazy(
    "Unknown indicator code: %(codes)s", "Unknown indicator codes: %(codes)s", "count"
)
CYCLE = _("The formulas form a cycle: %(cycle)s")
BROKEN_DEPENDENCY = _("The formula of indicator '%(code)s' cannot be read: %(reason)s")


class FormulaError(ValueError):
    """A formula that cannot be read, uses unknown codes, or closes a cycle.

    `position` (from 1) points into the formula text where that makes sense;
    `unknown_codes` names the unknown codes, and `cycle_codes` the codes of a cycle with the
    first code repeated at the end.
    """

    def __init__(
        self,
        template: StrPromise,
        /,
        *,
        position: int | None = None,
        unknown_codes: tuple[str, ...] = (),
        cycle_codes: tuple[str, ...] = (),
        **params: object,
    ) -> None:
        super().__init__()
        self.template = template
        self.position = position
        self.unknown_codes = unknown_codes
        self.cycle_codes = cycle_codes
        self.params = {**params, "position": position} if position is not None else params

    @property
    def message(self) -> str:
        """The message in the active language."""
        return self.template % self.params

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"FormulaError({self.message!r})"
