"""The surveys of existing event evaluations become training evaluations (kept out of the list
of members' surveys), and their invitations get the participant's name for the e-mails'
greeting. Going back leaves both as they are (the fields go with surveys 0005).
"""

from django.db import migrations

PREFIX = "learning.registration:"


def forwards(apps, schema_editor):
    Event = apps.get_model("learning", "Event")
    Registration = apps.get_model("learning", "Registration")
    Survey = apps.get_model("surveys", "Survey")
    Invitation = apps.get_model("surveys", "Invitation")
    surveys = Event.objects.filter(evaluation_survey__isnull=False).values("evaluation_survey")
    Survey.objects.filter(pk__in=surveys).update(kind="training")
    unnamed = Invitation.objects.filter(reference__startswith=PREFIX, name="")
    by_registration = {
        int(number): invitation
        for invitation in unnamed.iterator(chunk_size=2000)
        if (number := invitation.reference[len(PREFIX) :]).isdigit()
    }
    names = Registration.objects.filter(pk__in=list(by_registration)).values_list(
        "pk", "full_name"
    )
    for registration_id, full_name in names:
        by_registration[registration_id].name = full_name[:200]
    Invitation.objects.bulk_update(list(by_registration.values()), ["name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0008_practice_english"),
        ("surveys", "0005_survey_kind_and_invitation_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
