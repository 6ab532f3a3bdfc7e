"""Problems with a file as a whole, in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.dataio.convert import Problem
from hromada.lib.file_limits import limit_message
from hromada.lib.tabular import TabularError


def file_problem(error: TabularError) -> Problem:
    passed = limit_message(error)
    if passed is not None:
        return Problem(error.row, "", "", passed)
    reasons = {
        TabularError.UNSUPPORTED: _("This kind of file is not supported; use CSV or XLSX."),
        TabularError.UNDECODABLE: _(
            "The file is neither UTF-8 nor Windows-1251 text; save it as CSV UTF-8 or XLSX."
        ),
        TabularError.EMPTY: _("The file is empty."),
        TabularError.DUPLICATE_COLUMN: _("Some columns have the same name: %(names)s.")
        % {"names": error.detail},
        TabularError.BROKEN: _("The file cannot be read: %(detail)s") % {"detail": error.detail},
    }
    return Problem(0, "", "", reasons.get(error.code, str(error)))
