"""A mark that this instance holds synthetic demo data, so every page can say so."""

from __future__ import annotations

from django.db import models


class DemoDataset(models.Model):
    built_at = models.DateTimeField(auto_now=True)
    seed = models.PositiveIntegerField(default=2012)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"demo (seed {self.seed})"
