from __future__ import annotations

import re
from dataclasses import fields
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hromada.accounts import permissions
from hromada.members.models import MembershipStatus, Person, Section
from hromada.members.roles import PersonRole
from hromada.territories.models import Territory
from hromada.workspaces import access, news_queries
from hromada.workspaces.actions import MAX_DOCUMENT_BYTES, MeetingInput
from hromada.workspaces.models import Meeting, NewsItem, Partner, Project
from hromada.workspaces.news_actions import NewsInput
from hromada.workspaces.partnership_actions import PROJECT_FIELDS, ProjectInput


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 5}))
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_published = forms.BooleanField(
        label=_("Published: the public sees this meeting"), required=False
    )

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingForm:
        return cls(initial={name: getattr(meeting, name) for name in MeetingInput.__annotations__})

    def meeting_input(self) -> MeetingInput:
        return MeetingInput(**self.cleaned_data)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG; up to 10 MB)"))
    is_published = forms.BooleanField(
        label=_("Published: the public may download it"), required=False
    )

    def clean_file(self) -> Any:
        # Refused by its size before the view reads the whole file into memory.
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
        return upload


class ChairForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Member"), queryset=Person.objects.none())
    since = forms.DateField(
        label=_("Chairs since"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: object, section: Section, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = cast(forms.ModelChoiceField, self.fields["person"])  # type: ignore[type-arg]
        field.queryset = section.persons.order_by("full_name")


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    lead = forms.CharField(label=_("Lead"), widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=_("Body (HTML: paragraphs, lists, links, images, tables)"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    lead_en = forms.CharField(
        label=_("Lead in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    body_en = forms.CharField(
        label=_("Body in English"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    tags = forms.CharField(label=_("Tags, separated by commas"), max_length=300, required=False)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    oblast = forms.ModelChoiceField(
        label=_("Oblast"), queryset=Territory.objects.none(), required=False
    )

    def __init__(self, *args: object, user: Any, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        section = cast(forms.ModelChoiceField, self.fields["section"])  # type: ignore[type-arg]
        oblast = cast(forms.ModelChoiceField, self.fields["oblast"])  # type: ignore[type-arg]
        if permissions.is_analyst(user):
            section.queryset = Section.objects.filter(is_active=True).order_by("order", "code")
            oblast.queryset = Territory.objects.oblasts().valid().order_by("name_uk")
        else:
            section.queryset = access.chaired_sections(user).order_by("order", "code")
            scope = permissions.scope_of(user)
            oblast.queryset = (
                Territory.objects.oblasts().filter(pk=scope.pk)
                if scope is not None
                else Territory.objects.none()
            )

    @classmethod
    def of(cls, item: NewsItem, user: Any) -> NewsForm:
        names = [f.name for f in fields(NewsInput)]
        return cls(initial={name: getattr(item, name) for name in names}, user=user)

    def news_input(self) -> NewsInput:
        return NewsInput(**self.cleaned_data)


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish from (empty: now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it goes back"), widget=forms.Textarea(attrs={"rows": 3}))


class DigestForm(forms.Form):
    oblast = forms.ModelChoiceField(
        label=_("Only people of this oblast"),
        queryset=Territory.objects.oblasts().valid().order_by("name_uk"),
        required=False,
    )
    section = forms.ModelChoiceField(
        label=_("Only members of this section"),
        queryset=Section.objects.filter(is_active=True).order_by("order", "code"),
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Only people in this role"),
        choices=[("", _("any role")), *PersonRole.choices],
        required=False,
    )
    member_status = forms.ChoiceField(
        label=_("Hromadas whose membership is"),
        choices=MembershipStatus.choices,
        initial=MembershipStatus.ACTIVE,
    )


class ProjectForm(forms.Form):
    title_uk = forms.CharField(label=_("Title in Ukrainian"), max_length=300)
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    summary_uk = forms.CharField(
        label=_("Summary in Ukrainian"), widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_en = forms.CharField(
        label=_("Summary in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    programme = forms.CharField(label=_("Programme"), max_length=300, required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Partner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    funders = forms.ModelMultipleChoiceField(
        label=_("Funders"),
        queryset=Partner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hromadas = forms.CharField(
        label=_("Hromadas taking part: KATOTTG codes, one per line or separated by commas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections"),
        queryset=Section.objects.order_by("order", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    news = forms.ModelMultipleChoiceField(
        label=_("News about it"),
        queryset=NewsItem.objects.none(),
        required=False,
    )
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    url = forms.URLField(label=_("Project's web site"), required=False, assume_scheme="https")
    is_published = forms.BooleanField(
        label=_("Published: shown on the public pages"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        news = cast(forms.ModelMultipleChoiceField, self.fields["news"])  # type: ignore[type-arg]
        news.queryset = NewsItem.objects.filter(
            pk__in=list(news_queries.published().values_list("pk", flat=True)[:200])
        ).order_by("-publish_at")

    @classmethod
    def of(cls, project: Project) -> ProjectForm:
        initial: dict[str, object] = {name: getattr(project, name) for name in PROJECT_FIELDS}
        initial.update(
            {
                "partners": list(project.partners.all()),
                "funders": list(project.funders.all()),
                "sections": list(project.sections.all()),
                "news": list(project.news.all()),
                "hromadas": "\n".join(project.hromadas.values_list("code", flat=True)),
            }
        )
        return cls(initial=initial)

    def clean_hromadas(self) -> list[Territory]:
        codes = [
            code.strip().upper() for code in re.split(r"[\s,;]+", self.cleaned_data["hromadas"])
        ]
        codes = [code for code in codes if code]
        found = {t.code: t for t in Territory.objects.hromadas().filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                _("These codes are not hromadas: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(found[code] for code in codes))

    def project_input(self) -> ProjectInput:
        data = dict(self.cleaned_data)
        for name in ("partners", "funders", "sections", "news"):
            data[name] = list(data[name])
        return ProjectInput(**data)
