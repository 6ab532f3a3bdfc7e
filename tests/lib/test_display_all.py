"""Formatting many values at once (a ranking's column) must give exactly the text of
formatting each alone, in Ukrainian and in English: grouping, decimal separator, rounding
half away from zero, no negative zero."""

from __future__ import annotations

import numpy as np
import pytest
from django.utils import translation

from hromada.lib.decimals import display, display_all


@pytest.mark.parametrize("language", ["uk", "en"])
@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_many_values_read_exactly_as_each_alone(language: str, decimals: int) -> None:
    rng = np.random.default_rng(decimals)
    values = [
        *rng.lognormal(8, 3, 300).tolist(),
        *(-rng.lognormal(2, 4, 100)).tolist(),
        0.0, -0.0, -0.0004, 0.5, 2.5, -2.5, 2.675, 1234.5, 999.95, 999999.5, 1e15, 7354.099999999,
    ]  # fmt: skip
    with translation.override(language):
        expected = [display(v, decimals) for v in values]
        assert display_all(values, decimals) == expected
    # Grouped thousands really are in the text (the check above is not of plain numbers).
    assert any(len(text) > 5 and not text.replace("-", "")[:5].isdigit() for text in expected)
