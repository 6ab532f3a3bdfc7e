"""Impact figures follow the statistics: computed again once a new snapshot serves.

A position's figures are computed from the analytics snapshot of the released values. When a
new one is ready (a release, a correction, a change of the catalogue or of the hromadas),
analytics queues the task registered in LegislationConfig.ready (hromada.analytics.
snapshot_ready), which recomputes every impact model not yet computed from it: published
positions first, then drafts (each is a read of a few indicators' rows, so drafts cost little).
It is a system action, audited once per model with its counts. Where the engine refuses (an
input left the catalogue) the figures from before stay and the refusal is kept on the model
for the position's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from hromada.analytics.snapshot import newest_ready
from hromada.audit.actions import record_audit
from hromada.jobs.progress import report_progress
from hromada.legislation.impact import compute_figures
from hromada.legislation.models import ImpactModel

ACTION = "legislation.impact.recompute"


@dataclass(frozen=True)
class Refreshed:
    computed: int  # models whose figures now come from the newest snapshot
    current: int  # already computed from it: nothing to do
    failed: int  # the engine refused; their figures from before stay

    def describe(self) -> str:
        return _(
            "impact models: %(computed)s computed again, %(current)s already current, "
            "%(failed)s could not be computed"
        ) % {"computed": self.computed, "current": self.current, "failed": self.failed}


def models_to_refresh() -> list[ImpactModel]:
    """Every impact model, those of published positions first."""
    return list(
        ImpactModel.objects.select_related("position").order_by(
            F("position__published_on").desc(nulls_last=True), "pk"
        )
    )


def refresh_impacts() -> Refreshed:
    """Compute every impact model not yet computed from the newest ready snapshot."""
    snapshot = newest_ready()
    models = models_to_refresh()
    computed = current = failed = 0
    for done, model in enumerate(models):
        report_progress(done, len(models), stage=model.label)
        if snapshot is None or model.computed_snapshot == snapshot.pk:
            current += 1
        elif refresh(model, snapshot_id=snapshot.pk):
            computed += 1
        else:
            failed += 1
    report_progress(len(models), len(models), stage="")
    return Refreshed(computed, current, failed)


def refresh(model: ImpactModel, *, snapshot_id: int) -> bool:
    """Recompute one model as the system, with one audit entry; False if the engine refused."""
    before = (model.results.count(), model.data_version)
    reason = _("New statistics were released (snapshot %(snapshot)s).") % {"snapshot": snapshot_id}
    try:
        with transaction.atomic():
            count = compute_figures(model)
            record_audit(
                action=ACTION,
                obj=model,
                by=None,
                changes={
                    "hromadas": (before[0], count),
                    "data_version": (before[1], model.data_version),
                },
                reason=reason,
            )
    except ValidationError as error:
        message = " ".join(error.messages)
        with transaction.atomic():
            ImpactModel.objects.filter(pk=model.pk).update(refresh_error=message)
            record_audit(
                action=ACTION,
                obj=model,
                by=None,
                changes={"refresh_error": (model.refresh_error, message)},
                reason=reason,
            )
        model.refresh_error = message
        return False
    return True
