from __future__ import annotations

import pytest
from django.utils import translation

from hromada.indicators.actions import ValueInput, plan_observations, record_observations
from hromada.indicators.models import (
    Area,
    ImportBatch,
    Indicator,
    Missing,
    Observation,
    ObservationHistory,
    Status,
)
from hromada.indicators.rollback import RollbackRefused, rollback_batch
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator() -> Indicator:
    area = Area.objects.create(code="demography", name_uk="Демографія", name_en="Demography")
    return Indicator.objects.create(
        code="demography.population",
        area=area,
        name_uk="Населення",
        name_en="Population",
        unit="persons",
    )


def value(
    personas: Personas, indicator: Indicator, year: int, amount: float | None, missing: str = ""
) -> ValueInput:
    return ValueInput(personas.hromada.pk, indicator.pk, year, "", amount, missing)


def test_a_new_value_is_stored_with_a_history_row(personas: Personas, indicator: Indicator) -> None:
    summary = record_observations(
        [value(personas, indicator, 2023, 9361)], by=personas.analyst, reason="import"
    )
    assert (summary.new, summary.changed, summary.unchanged) == (1, 0, 0)
    stored = Observation.all_objects.get()
    assert stored.value == 9361 and stored.status == Status.DRAFT
    change = ObservationHistory.objects.get()
    assert (change.old_value, change.new_value, change.changed_by) == (None, 9361, personas.analyst)


def test_writing_the_same_value_again_leaves_no_trace(
    personas: Personas, indicator: Indicator
) -> None:
    record_observations([value(personas, indicator, 2023, 100)], by=None, reason="import")
    again = record_observations([value(personas, indicator, 2023, 100)], by=None, reason="import")
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)
    assert ObservationHistory.objects.count() == 1


def test_a_changed_value_keeps_the_old_one_in_history(
    personas: Personas, indicator: Indicator
) -> None:
    record_observations([value(personas, indicator, 2023, 100)], by=None, reason="import")
    record_observations([value(personas, indicator, 2023, 120)], by=None, reason="form")
    latest = ObservationHistory.objects.order_by("-pk").first()
    assert latest is not None
    assert (latest.old_value, latest.new_value, latest.reason) == (100, 120, "form")


def test_a_missing_value_is_stored_as_a_typed_gap_not_zero(
    personas: Personas, indicator: Indicator
) -> None:
    record_observations(
        [value(personas, indicator, 2022, None, Missing.NOT_COLLECTABLE)], by=None, reason="import"
    )
    stored = Observation.all_objects.get()
    assert stored.value is None
    assert stored.missing == Missing.NOT_COLLECTABLE


def test_the_plan_counts_without_writing(personas: Personas, indicator: Indicator) -> None:
    record_observations([value(personas, indicator, 2022, 50)], by=None, reason="import")
    plan = plan_observations(
        [value(personas, indicator, 2022, 55), value(personas, indicator, 2023, 60)]
    )
    assert (plan.new, plan.changed, plan.unchanged) == (1, 1, 0)
    assert plan.changed_examples[0].old_value == 50
    assert Observation.all_objects.count() == 1


def test_rolling_back_a_batch_restores_old_values_and_removes_new_ones(
    personas: Personas, indicator: Indicator
) -> None:
    record_observations([value(personas, indicator, 2022, 50)], by=None, reason="import")
    batch = ImportBatch.objects.create(file_name="a.csv", sha256="0" * 64, file_format="csv")
    record_observations(
        [value(personas, indicator, 2022, 55), value(personas, indicator, 2023, 60)],
        by=personas.analyst,
        reason="import",
        batch=batch,
    )
    undone = rollback_batch(batch, by=personas.analyst)
    assert undone == 2
    assert list(Observation.all_objects.values_list("year", "value")) == [(2022, 50)]
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.ROLLED_BACK
    with pytest.raises(RollbackRefused):
        rollback_batch(batch, by=personas.analyst)


def test_rollback_is_refused_when_a_value_was_changed_afterwards(
    personas: Personas, indicator: Indicator
) -> None:
    batch = ImportBatch.objects.create(file_name="a.csv", sha256="0" * 64, file_format="csv")
    record_observations(
        [value(personas, indicator, 2022, 55)], by=None, reason="import", batch=batch
    )
    record_observations([value(personas, indicator, 2022, 56)], by=None, reason="form")
    with translation.override("en"), pytest.raises(RollbackRefused, match="changed afterwards"):
        rollback_batch(batch, by=personas.analyst)
    assert Observation.all_objects.get().value == 56


def test_publishing_a_value_bumps_the_published_version(
    personas: Personas, indicator: Indicator
) -> None:
    from hromada.indicators.queries import published_version

    record_observations([value(personas, indicator, 2022, 50)], by=None, reason="import")
    assert published_version() == 0
    record_observations(
        [value(personas, indicator, 2022, 50)], by=None, reason="publish", status=Status.PUBLISHED
    )
    first = published_version()
    assert first > 0
    record_observations(
        [value(personas, indicator, 2022, 50)], by=None, reason="again", status=Status.PUBLISHED
    )
    assert published_version() == first, "an unchanged value must not invalidate caches"


def test_values_recorded_after_a_rollback_never_take_over_the_history_of_removed_ones(
    personas: Personas, indicator: Indicator
) -> None:
    """New rows get fresh keys (also after the newest rows were deleted), so each history
    row keeps pointing at the value it describes."""
    batch = ImportBatch.objects.create(file_name="first.csv")
    record_observations(
        [value(personas, indicator, year, 100 + year) for year in (2021, 2022, 2023)],
        by=None,
        reason="import",
        batch=batch,
    )
    removed = set(Observation.all_objects.values_list("pk", flat=True))
    rollback_batch(batch, by=None)
    assert not Observation.all_objects.exists()
    record_observations(
        [value(personas, indicator, year, 200 + year) for year in (2021, 2022, 2023)],
        by=personas.analyst,
        reason="import",
    )
    fresh = list(Observation.all_objects.order_by("year"))
    assert not removed & {row.pk for row in fresh}
    for row in fresh:
        change = ObservationHistory.objects.get(observation=row)
        assert (change.old_status, change.new_value, change.year) == ("", row.value, row.year)
        assert change.changed_by == personas.analyst and change.reason == "import"


def test_the_existence_check_reads_only_the_asked_keys_in_every_query_shape(
    indicator: Indicator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hromada.indicators import bulk_sql
    from tests.factories import make_hromada

    places = [make_hromada() for _ in range(5)]
    record_observations(
        [ValueInput(p.pk, indicator.pk, 2023, "", float(n), "") for n, p in enumerate(places)],
        by=None,
        reason="import",
    )
    asked = [(p.pk, indicator.pk, 2023, "") for p in (places[0], places[1], places[4])]
    asked.append((places[2].pk, indicator.pk, 2024, ""))  # not stored
    for whole_groups in (2, 10_000):  # a range per (indicator, year), or a seek per territory
        monkeypatch.setattr(bulk_sql, "WHOLE_GROUPS", whole_groups)
        found = bulk_sql.existing(asked)
        assert sorted(found) == sorted(asked[:3])
        assert [found[key].value for key in asked[:3]] == [0.0, 1.0, 4.0]
