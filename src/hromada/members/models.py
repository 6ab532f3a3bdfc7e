"""The association's registry: member hromadas, their dues, branches, sections and people.

Every change of a membership's status leaves a MembershipChange row (the dates it took effect);
every write by an action also leaves an entry in the one audit log (hromada.audit).
Synthetic rows carry `is_demo` so they can be marked and removed.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.lib.languages import in_language
from hromada.territories.models import Level, Territory


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    LEFT = "left", _("left")


class Membership(models.Model):
    """One hromada's membership of the association: one record per hromada, kept after leaving."""

    territory = models.OneToOneField(
        Territory,
        models.PROTECT,
        related_name="membership",
        limit_choices_to={"level": Level.HROMADA},
        verbose_name=_("hromada"),
    )
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        db_index=True,
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=300, blank=True, help_text=_("For example, a Board decision.")
    )
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["territory__name_uk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="left") | models.Q(left_on__isnull=False),
                name="membership_left_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.territory} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


class MembershipChange(models.Model):
    """One change of a membership's status, admission included. Never edited, never deleted."""

    membership = models.ForeignKey(Membership, models.CASCADE, related_name="changes")
    old_status = models.CharField(
        _("old status"), max_length=10, choices=MembershipStatus.choices, blank=True
    )
    new_status = models.CharField(_("new status"), max_length=10, choices=MembershipStatus.choices)
    effective_on = models.DateField(_("effective on"))
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of membership status")
        verbose_name_plural = _("changes of membership status")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.membership.territory_id}: {self.old_status or '-'} -> {self.new_status}"


class Dues(models.Model):
    """A member's annual dues: how much, and when (if ever) they were paid."""

    membership = models.ForeignKey(
        Membership, models.CASCADE, related_name="dues", verbose_name=_("membership")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount, UAH"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, db_index=True)

    class Meta:
        verbose_name = _("annual dues")
        verbose_name_plural = _("annual dues")
        ordering = ["membership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "year"], name="unique_dues_per_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="dues_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.territory_id} {self.year}: {self.amount}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class RegionalBranch(models.Model):
    """The association's branch in one oblast. Its coordinators are derived from users."""

    oblast = models.OneToOneField(
        Territory,
        models.PROTECT,
        related_name="regional_branch",
        limit_choices_to={"level": Level.OBLAST},
        verbose_name=_("oblast"),
    )
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, db_index=True)

    class Meta:
        verbose_name = _("regional branch")
        verbose_name_plural = _("regional branches")
        ordering = ["oblast__name_uk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_uk, self.name_en)


class Section(models.Model):
    """A professional section of the association (education, finance, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_uk = models.TextField(_("description (Ukrainian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_uk, self.name_en)

    @property
    def description(self) -> str:
        return in_language(self.description_uk, self.description_en)


class PersonQuerySet(models.QuerySet["Person"]):
    def consented(self) -> PersonQuerySet:
        """People who agreed to the processing of their personal data: the only ones shown."""
        return self.filter(consent=True)


class Person(models.Model):
    """An official of a member hromada, or a contact of the association's own staff.

    Personal data: a person without consent is shown to analysts only.
    """

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    hromada = models.ForeignKey(
        Territory,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        limit_choices_to={"level": Level.HROMADA},
        verbose_name=_("hromada"),
        help_text=_("Empty for the association's own staff contacts."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    sections = models.ManyToManyField(
        Section, blank=True, related_name="persons", verbose_name=_("sections")
    )
    consent = models.BooleanField(_("consent to personal-data processing"), default=False)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects: ClassVar[PersonQuerySet] = PersonQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=False) | models.Q(consent_on__isnull=False),
                name="person_consent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name
