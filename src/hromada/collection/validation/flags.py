"""What a check says about one value: its kind, how serious it is and a sentence for people."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

ERROR = "error"
WARNING = "warning"


class Kind(models.TextChoices):
    TYPE = "type", _("not a valid number")
    RANGE_IMPOSSIBLE = "range_impossible", _("impossible value")
    RANGE_UNUSUAL = "range_unusual", _("outside the plausible range")
    REQUIRED = "required", _("required value missing")
    REASON = "reason", _("missing value without a reason")
    RULE = "rule", _("analyst's rule")
    YOY = "yoy", _("unusual change since last year")
    SCALE = "scale", _("looks like other units")
    SIGN = "sign", _("sign opposite to last year's")
    TYPO = "typo", _("looks like a typing slip (digits swapped, doubled or dropped)")
    SWAP = "swap", _("two values look swapped")
    COPY = "copy", _("same as last year in many cells")
    PEER = "peer", _("far from similar hromadas")
    SPLIT = "split", _("women and men do not match the total")


@dataclass(frozen=True)
class Flag:
    territory_id: int
    code: str
    kind: str
    severity: str
    message: str
    codes: tuple[str, ...] = field(default=())
    sex: str = ""  # "f" or "m" when the flag is about the value for women or for men

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def concerns(self, code: str) -> bool:
        return code == self.code or code in self.codes
