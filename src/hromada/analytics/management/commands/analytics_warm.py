"""Fill the cache with every indicator's arrays for the current published version."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from hromada.analytics.data import catalogue, load_data
from hromada.analytics.frame import load_frame


class Command(BaseCommand):
    help = (
        "Read every published value once into the cache, so the first profile after a "
        "publication is fast. Useful only with a cache shared between processes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        indicators = catalogue()
        data = load_data(list(indicators), load_frame(), indicators)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"analytics cache: {len(data.series)} indicators x {len(data.frame)} hromadas x "
            f"{len(data.years)} years, published version {data.version}, {seconds:.1f} s"
        )
