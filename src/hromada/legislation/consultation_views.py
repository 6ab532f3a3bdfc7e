"""Pages of consultations and impact models. Thin: the domain modules decide and write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts import permissions
from hromada.legislation import consultations, impact, impact_page
from hromada.legislation.forms import CommentForm, ConsolidateForm, ConsultationForm, ImpactForm
from hromada.legislation.models import Article, Consultation, ImpactModel
from hromada.legislation.views import _bill, _position, _require_analyst
from hromada.lib.table_files import table_response


def consultation_list(request: HttpRequest) -> HttpResponse:
    rows = consultations.consultations_visible_to(request.user)
    return render(
        request,
        "legislation/consultation_list.html",
        {
            "open": list(consultations.open_consultations()),
            "rows": rows[:200],
            "is_analyst": permissions.is_analyst(request.user),
        },
    )


def comment_prefix(article: Article) -> str:
    """Each article's comment form has its own field names, so the page has no duplicate ids."""
    return f"article-{article.pk}"


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    return get_object_or_404(consultations.consultations_visible_to(request.user), pk=pk)


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    analyst = permissions.is_analyst(request.user)
    refusal = consultations.why_not_comment(request.user, consultation)
    tallies = consultations.tally(consultation)
    hromada_id = getattr(request.user, "territory_id", None)
    own = [c for t in tallies for c in t.comments if hromada_id and c.hromada_id == hromada_id]
    if not analyst:
        # Members see the counts and their own hromada's comments, not other hromadas' text.
        tallies = [
            consultations.ArticleTally(
                t.article, t.support, t.object, t.wording, [c for c in t.comments if c in own]
            )
            for t in tallies
        ]
    return render(
        request,
        "legislation/consultation_detail.html",
        {
            "consultation": consultation,
            "rows": [
                (t, None if refusal else CommentForm(prefix=comment_prefix(t.article)))
                for t in tallies
            ],
            "is_open": consultations.is_open(consultation),
            "refusal": refusal,
            "is_analyst": analyst,
        },
    )


@login_required
def consultation_new(request: HttpRequest, number: str) -> HttpResponse:
    _require_analyst(request)
    bill = _bill(number)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = consultations.open_consultation(
                bill,
                by=request.user,
                title=data["title"],
                question=data["question"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                audience=data["audience"],
                section=data["section"],
                oblast=data["oblast"],
                articles=data["articles"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Consultation saved; members are invited by e-mail."))
            return redirect("legislation:consultation", pk=consultation.pk)
    return render(request, "legislation/consultation_form.html", {"form": form, "bill": bill})


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int, article: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    item = get_object_or_404(Article, pk=article, consultation=consultation)
    form = CommentForm(request.POST, prefix=comment_prefix(item))
    if not form.is_valid():
        messages.error(request, _("Choose whether you support, object or propose wording."))
    else:
        try:
            consultations.add_comment(item, by=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Your comment on %(article)s is saved.") % {"article": item.label}
            )
    return redirect(reverse("legislation:consultation", args=[pk]) + f"#article-{item.pk}")


@login_required
def consolidate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    consultation = _consultation(request, pk)
    tallies = consultations.tally(consultation)
    choices = [
        (c.pk, f"{t.article.label} — {c.hromada.name}: {c.get_opinion_display()}")
        for t in tallies
        for c in t.comments
    ]
    position = consultation.position
    initial = (
        {
            "title": position.title,
            "stance": position.stance,
            "summary": position.summary,
            "proposals": position.proposals,
            "subjects": position.subjects.all(),
            "comments": [c.pk for t in tallies for c in t.comments if c.taken_into_account],
        }
        if position
        else {"title": consultation.title, "subjects": consultation.bill.subjects.all()}
    )
    if request.method == "GET" and "take" in request.GET:
        chosen = [int(x) for x in request.GET.getlist("take") if x.isdigit()]
        initial = {
            **initial,
            "comments": chosen,
            "proposals": consultations.proposed_wording(consultation, chosen),
        }
    form = ConsolidateForm(request.POST or None, initial=initial, comment_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = consultations.consolidate(
                consultation,
                by=request.user,
                values={
                    "title": data["title"],
                    "stance": data["stance"],
                    "summary": data["summary"],
                    "proposals": data["proposals"],
                    "evidence": position.evidence if position else "",
                },
                subjects=list(data["subjects"]),
                comment_ids=data["comments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The comments are consolidated into the position."))
            return redirect("legislation:position", pk=saved.pk)
    return render(
        request,
        "legislation/consolidate.html",
        {
            "form": form,
            "consultation": consultation,
            "tallies": tallies,
            "is_open": consultations.is_open(consultation),
        },
    )


@login_required
def impact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    position = _position(request, pk)
    model = impact_page.impact_of(position)
    form = ImpactForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in impact.IMPACT_FIELDS}
        try:
            saved = impact.save_impact(
                position, by=request.user, values=values, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("formula", error)
        else:
            messages.success(
                request,
                _("Impact computed for %(count)s hromadas.") % {"count": saved.results.count()},
            )
            return redirect(reverse("legislation:position", args=[position.pk]) + "#impact")
    return render(request, "legislation/impact_form.html", {"form": form, "position": position})


@login_required
@require_POST
def impact_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    _require_analyst(request)
    position = _position(request, pk)
    model = get_object_or_404(ImpactModel, position=position)
    try:
        count = impact.recompute(model, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Impact computed for %(count)s hromadas.") % {"count": count})
    return redirect(reverse("legislation:position", args=[position.pk]) + "#impact")


def impact_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every hromada's figure as CSV or XLSX: the evidence attached to the letter."""
    position = _position(request, pk)
    model = get_object_or_404(ImpactModel, position=position)
    header = [_("Code"), _("Hromada"), _("Oblast"), f"{model.label} ({model.unit})"]
    rows = [
        [
            f.territory.code,
            f.territory.name,
            f.territory.oblast.name if f.territory.oblast else "",
            round(f.value, model.decimals),
        ]
        for f in impact.figures(model)
    ]
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return table_response(f"impact-position-{position.pk}", file_format, header, rows)
