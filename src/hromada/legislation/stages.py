"""The fixed vocabulary of a bill's stages, and how the Rada's own phase titles map onto it.

The Rada's open data name a bill's current phase in free Ukrainian text ("Прийнято в першому
читанні", "Направлено на розгляд Комітету", ...). Alerts, filters and the timeline need a
small fixed vocabulary; the Rada's own title is always kept beside it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    REGISTERED = "registered", _("registered")
    COMMITTEE = "committee", _("in committee")
    FIRST_READING = "first_reading", _("adopted in first reading")
    SECOND_READING = "second_reading", _("second reading")
    ADOPTED = "adopted", _("adopted as a whole")
    SIGNED = "signed", _("signed into law")
    VETOED = "vetoed", _("vetoed")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    OTHER = "other", _("other stage")


# Checked in this order: a title that names several things ("прийнято в цілому та
# направлено на підпис") belongs to the furthest stage it names.
_KEYWORDS: tuple[tuple[Stage, tuple[str, ...]], ...] = (
    (Stage.WITHDRAWN, ("відкликано", "відкликаний")),
    (Stage.VETOED, ("вето", "пропозиціями президента", "пропозиції президента")),
    (Stage.SIGNED, ("підписано президентом", "закон підписано", "з підписом президента")),
    (Stage.REJECTED, ("відхилено", "знято з розгляду", "повернуто суб", "не прийнято")),
    (Stage.ADOPTED, ("в цілому", "як закон", "на підпис")),
    (Stage.SECOND_READING, ("другому читанні", "друге читання", "до другого читання")),
    (Stage.FIRST_READING, ("першому читанні", "за основу", "перше читання")),
    (Stage.COMMITTEE, ("комітет",)),
    (Stage.REGISTERED, ("зареєстровано", "надано для ознайомлення", "реєстрац")),
)


def classify(title: str) -> Stage:
    """The stage a phase title of the Rada's data names; OTHER when none fits."""
    text = " ".join(title.lower().replace("’", "'").split())
    for stage, words in _KEYWORDS:
        if any(word in text for word in words):
            return stage
    return Stage.OTHER


# Stages after which nothing more happens to a bill in this convocation.
FINAL = frozenset({Stage.SIGNED, Stage.REJECTED, Stage.WITHDRAWN})
