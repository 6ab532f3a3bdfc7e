"""Checks of a campaign's values: type, hard limits and plausible ranges, required, analysts'
rules, calibrated year-over-year change, scale, sign, transposed digits, copied values, peer
outliers. Errors block a submission; a warning needs a comment.

The checks run vectorised over a panel of every reporting hromada at once (NumPy). Every face
(the web form, the Excel upload, the API, submit) calls `verdict.check_answers` and translates
its `Verdict`; `validate_campaign` and `make calibrate` call the same engine underneath.
"""

from __future__ import annotations

from hromada.collection.validation.engine import Override, run_checks
from hromada.collection.validation.flags import ERROR, WARNING, Flag, Kind

__all__ = ["ERROR", "WARNING", "Flag", "Kind", "Override", "run_checks"]
