"""Checks of a campaign's values: type, range, required, analysts' rules, year-over-year
change and peer outliers. Errors block a submission; a warning needs a comment.

The checks run vectorised over a panel of every reporting hromada at once (NumPy); the web
form, the Excel upload and `hromada validate_campaign` all call `run_checks`.
"""

from __future__ import annotations

from hromada.collection.validation.engine import Override, run_checks
from hromada.collection.validation.flags import ERROR, WARNING, Flag, Kind

__all__ = ["ERROR", "WARNING", "Flag", "Kind", "Override", "run_checks"]
