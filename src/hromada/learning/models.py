"""Training of officials with recognised certificates, and the best-practice library.

Cabinet resolution No. 106 (2019) counts programmes in ECTS credits and the official's HR unit
recognises them from the certificate: so an event carries hours and credits, and a certificate
carries a unique number and a public way to check it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.lib.languages import ShownText, shown_text
from hromada.territories.search import normalise


class EventKind(models.TextChoices):
    COURSE = "course", _("course")
    PRACTICUM = "practicum", _("practicum")
    WEBINAR = "webinar", _("webinar")
    EXCHANGE = "exchange", _("exchange visit")


class Event(models.Model):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    programme = models.TextField(_("programme"))
    section = models.ForeignKey(
        "members.Section",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising section"),
    )
    audience = models.CharField(_("for whom"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    completion_share = models.PositiveSmallIntegerField(
        _("hours to attend for a certificate, %"), default=80
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("trainers")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_published = models.BooleanField(_("published"), default=True)
    # The evaluation after the event is a survey of the surveys app, made from the shipped
    # template (learning.evaluation) and run as one wave addressed to the attendees.
    evaluation_survey = models.OneToOneField(
        "surveys.Survey",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluation questionnaire"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion_share__lte=100), name="event_share_is_a_percent"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or link"), max_length=300)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    hours = models.DecimalField(_("academic hours"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.starts_at:%Y-%m-%d}"


class RegistrationState(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class ParticipantRole(models.TextChoices):
    """Whom the association trains: what the reach board counts by."""

    HEAD = "head", _("head of the hromada")
    DEPUTY = "deputy", _("deputy head or secretary")
    STAFF = "staff", _("staff of the council")
    COUNCILLOR = "councillor", _("councillor")
    OTHER = "other", pgettext_lazy("participant role", "other")


class Registration(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations")
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.OTHER
    )
    hromada = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        related_name="+",
        verbose_name=_("employing hromada"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=RegistrationState.choices)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(state="cancelled"),
                name="registration_once_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} / {self.event}"


class Presence(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused")


class Attendance(models.Model):
    registration = models.ForeignKey(Registration, models.CASCADE, related_name="attendance")
    session = models.ForeignKey(Session, models.CASCADE, related_name="attendance")
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.session} {self.presence}"


class Certificate(models.Model):
    """What the official's HR unit recognises: hours, credits, programme, a unique number."""

    registration = models.OneToOneField(Registration, models.PROTECT, related_name="certificate")
    number = models.CharField(_("number"), max_length=40, unique=True)
    # The public check needs an address nobody can guess from the number.
    check_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200)
    hromada_name = models.CharField(_("employing hromada"), max_length=200)
    event_title = models.CharField(_("programme"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    credits = models.DecimalField(_("ECTS credits"), max_digits=4, decimal_places=1)
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to"))
    issued_on = models.DateField(_("issued on"))
    pdf = models.FileField(_("PDF"), upload_to="learning/certificates/", blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.number


class PracticeState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")


class Evidence(models.TextChoices):
    DESCRIBED = "described", _("described by the hromada")
    MEASURED = "measured", _("results measured")
    TRANSFERRED = "transferred", _("repeated by other hromadas")


class Practice(models.Model):
    """A best practice of municipal management, reviewed before the public sees it."""

    title = models.CharField(_("title"), max_length=300)
    hromada = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="+", verbose_name=_("hromada")
    )
    section = models.ForeignKey(
        "members.Section",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section"),
    )
    problem = models.TextField(_("the problem it solved"))
    solution = models.TextField(_("the solution and its steps"))
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    duration = models.CharField(_("how long it took"), max_length=200, blank=True)
    results = models.TextField(_("results"))
    contacts = models.CharField(_("whom to ask"), max_length=300, blank=True)
    # The same texts in English, optional: English readers see them where given, the Ukrainian
    # ones (marked as such) otherwise. Contacts are names and numbers, the same in both.
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    problem_en = models.TextField(_("the problem it solved, in English"), blank=True)
    solution_en = models.TextField(_("the solution and its steps, in English"), blank=True)
    cost_en = models.CharField(_("cost in English"), max_length=200, blank=True)
    duration_en = models.CharField(_("how long it took, in English"), max_length=200, blank=True)
    results_en = models.TextField(_("results in English"), blank=True)
    target_indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("target indicators")
    )
    start_year = models.PositiveSmallIntegerField(_("started in"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=PracticeState.choices, default=PracticeState.PROPOSED
    )
    evidence = models.CharField(
        _("evidence level"), max_length=12, choices=Evidence.choices, blank=True
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What search reads (learning/search.py), normalised by `refresh_search_text`: the title in
    # both languages, and the rest (problem, solution and steps, results, in both languages,
    # and the hromada's names in both languages).
    search_title = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def refresh_search_text(self) -> None:
        """Called before every save that changes the texts; the index follows the columns
        (the generated column on PostgreSQL, the FTS5 triggers on SQLite)."""
        parts = [self.problem, self.solution, self.results]
        parts += [self.problem_en, self.solution_en, self.results_en]
        parts += [self.hromada.name_uk, self.hromada.name_en]
        titles = [self.title, self.title_en]
        self.search_title = normalise(" ".join(part for part in titles if part))
        self.search_text = normalise(" ".join(part for part in parts if part))

    # What a reader sees: the English text on English pages where given, else the Ukrainian
    # one, which knows it is Ukrainian so the page can say so.
    @property
    def shown_title(self) -> ShownText:
        return shown_text(self.title, self.title_en)

    @property
    def shown_problem(self) -> ShownText:
        return shown_text(self.problem, self.problem_en)

    @property
    def shown_solution(self) -> ShownText:
        return shown_text(self.solution, self.solution_en)

    @property
    def shown_results(self) -> ShownText:
        return shown_text(self.results, self.results_en)

    @property
    def shown_cost(self) -> ShownText:
        return shown_text(self.cost, self.cost_en)

    @property
    def shown_duration(self) -> ShownText:
        return shown_text(self.duration, self.duration_en)


# The Ukrainian text beside its English one, in the order the forms show them.
ENGLISH_TEXTS = {
    "title": "title_en",
    "problem": "problem_en",
    "solution": "solution_en",
    "cost": "cost_en",
    "duration": "duration_en",
    "results": "results_en",
}


class Adoption(models.Model):
    """Another hromada that took up a practice."""

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="adoptions")
    hromada = models.ForeignKey("territories.Territory", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("adopted in"))
    note = models.CharField(_("how it went"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "hromada"], name="adoption_once")
        ]

    def __str__(self) -> str:
        return f"{self.practice} / {self.hromada}"


class PracticeFile(models.Model):
    """A file or photo of a practice (a plan, a report, a picture of the result). The bytes
    live in the database and are served through the practice's own visibility rule."""

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("practice file")
        verbose_name_plural = _("practice files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_picture(self) -> bool:
        return self.content_type.startswith("image/")


class CertificateCounter(models.Model):
    """The last certificate number given in a year. Issuing locks this row, so two events
    issuing at the same moment take numbers one after the other, never the same one."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
