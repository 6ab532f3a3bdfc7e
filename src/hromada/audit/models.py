"""One audit log for every app: who did what to which object, which fields changed, and why.

Every action of every room writes one entry through `hromada.audit.actions.record_audit`;
no app keeps an audit table of its own. The action is a dotted code (`members.membership.admit`)
so entries can be filtered by room, by kind of object or by verb.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    action = models.CharField(_("action"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Kept as text as well: the entry must still say who acted after the user is deleted.
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    acted_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    object_type = models.CharField(_("kind of object"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-acted_at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-acted_at"], name="audit_action_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    @property
    def room(self) -> str:
        return self.action.split(".", 1)[0]
