"""The answers of the old evaluation form become responses of a survey wave per event.

Each event with answers gets its survey, made from the shipped questionnaire
(`hromada.learning.evaluation.TEMPLATE`, read by pyxform as the surveys builder does), and one
anonymous wave that keeps no place: an invitation per attendee (and per person who answered),
marked submitted for those who answered, and one response per answer with no link back to the
person. The old answers named the registration; the responses do not (the surveys anonymity
rules). The wave is open while its answering period lasts (30 days after the event), closed
after that. Going back leaves the waves as they are; the old table comes back empty.
"""

import datetime as dt
import hashlib

from django.db import migrations
from django.utils import timezone

ANSWER_DAYS = 30


def _definition():
    from hromada.learning.evaluation import TEMPLATE
    from hromada.surveys.builder import build_workbook
    from hromada.surveys.xlsform import read_xlsform

    data = build_workbook(TEMPLATE).data
    return read_xlsform(data), hashlib.sha256(data).hexdigest()


def forwards(apps, schema_editor):
    Evaluation = apps.get_model("learning", "Evaluation")
    Event = apps.get_model("learning", "Event")
    Registration = apps.get_model("learning", "Registration")
    Session = apps.get_model("learning", "Session")
    Survey = apps.get_model("surveys", "Survey")
    FormVersion = apps.get_model("surveys", "FormVersion")
    Wave = apps.get_model("surveys", "Wave")
    Invitation = apps.get_model("surveys", "Invitation")
    Response = apps.get_model("surveys", "Response")
    event_ids = set(Evaluation.objects.values_list("registration__event_id", flat=True))
    if not event_ids:
        return
    definition, sha256 = _definition()
    today = timezone.localdate()
    for event in Event.objects.filter(pk__in=event_ids, evaluation_survey__isnull=True):
        last = Session.objects.filter(event=event).order_by("-ends_at").first()
        day = timezone.localtime(last.ends_at).date() if last else today
        survey = Survey.objects.create(
            code=f"learning-event-{event.pk}",
            title_uk=f"Оцінювання: {event.title}"[:300],
            title_en=f"Evaluation: {event.title}"[:300],
        )
        form = FormVersion.objects.create(
            survey=survey,
            number=1,
            definition=definition,
            file_name="built-on-the-page.xlsx",
            sha256=sha256,
        )
        closes_on = day + dt.timedelta(days=ANSWER_DAYS)
        wave = Wave.objects.create(
            survey=survey,
            form=form,
            year=day.year,
            closes_on=closes_on,
            mode="anonymous",
            keeps_place=False,
            state="open" if closes_on >= today else "closed",
            panel_kind="people",
            role="named",
        )
        answers = {
            e.registration_id: e for e in Evaluation.objects.filter(registration__event=event)
        }
        invited = Registration.objects.filter(event=event).filter(
            pk__in=set(answers)
            | set(
                Registration.objects.filter(
                    event=event, state="confirmed", attendance__presence="present"
                ).values_list("pk", flat=True)
            )
        )
        for registration in invited:
            Invitation.objects.create(
                wave=wave,
                hromada_id=registration.hromada_id,
                email=registration.email,
                reference=f"learning.registration:{registration.pk}",
                state="submitted" if registration.pk in answers else "invited",
            )
        for old in answers.values():
            Response.objects.create(
                wave=wave,
                answers={
                    "overall": str(old.overall),
                    "usefulness": str(old.usefulness),
                    "trainers": str(old.trainers),
                    "recommend": "yes" if old.would_recommend else "no",
                    **({"improve": old.comment} if old.comment else {}),
                },
                submitted_on=timezone.localtime(old.submitted_at).date(),
            )
        event.evaluation_survey = survey
        event.save(update_fields=["evaluation_survey"])


class Migration(migrations.Migration):

    dependencies = [
        ("learning", "0004_certificate_counter_and_evaluation_survey"),
        ("surveys", "0004_invitations_of_named_people"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
