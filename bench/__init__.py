"""The Hromada benchmark: a deterministic data generator and a runner that prints ratios.

`python -m bench` (or `make bench`) generates a synthetic Ukraine-sized database (cached in
var/bench/), measures each operation against a baseline in the same run and writes the table
to bench/results/latest.md. See docs/benchmark.md.
"""

from __future__ import annotations

GENERATOR_VERSION = 1
SEED = 20260101
