"""The government bodies the association writes to most, with their usual time to answer.

Addresses are the bodies' public postal addresses in Kyiv; e-mails are left for the
association to fill in. The time to answer is in working days; analysts change it per body.
"""

from django.db import migrations

BODIES = [
    ("cabinet", "Кабінет Міністрів України", "Cabinet of Ministers of Ukraine", "cabinet", "вул. Грушевського, 12/2, Київ, 01008"),
    ("mof", "Міністерство фінансів України", "Ministry of Finance of Ukraine", "ministry", "вул. Грушевського, 12/2, Київ, 01008"),
    ("minregion", "Міністерство розвитку громад та територій України", "Ministry for Communities and Territories Development of Ukraine", "ministry", "вул. Велика Житомирська, 9, Київ, 01601"),
    ("mon", "Міністерство освіти і науки України", "Ministry of Education and Science of Ukraine", "ministry", "просп. Берестейський, 10, Київ, 01135"),
    ("moz", "Міністерство охорони здоров’я України", "Ministry of Health of Ukraine", "ministry", "вул. Грушевського, 7, Київ, 01601"),
    ("msp", "Міністерство соціальної політики України", "Ministry of Social Policy of Ukraine", "ministry", "вул. Еспланадна, 8/10, Київ, 01601"),
    ("treasury", "Державна казначейська служба України", "State Treasury Service of Ukraine", "agency", "вул. Бастіонна, 6, Київ, 01601"),
    ("tax", "Державна податкова служба України", "State Tax Service of Ukraine", "agency", "Львівська пл., 8, Київ, 04053"),
    ("rada-budget", "Комітет Верховної Ради України з питань бюджету", "Budget Committee of the Verkhovna Rada", "rada_committee", "вул. Грушевського, 5, Київ, 01008"),
    ("rada-self-government", "Комітет Верховної Ради України з питань організації державної влади, місцевого самоврядування, регіонального розвитку та містобудування", "Committee on State Power, Local Self-Government, Regional Development and Urban Planning", "rada_committee", "вул. Грушевського, 5, Київ, 01008"),
]


def seed(apps, schema_editor):
    Body = apps.get_model("appeals", "Body")
    for code, name_uk, name_en, kind, address in BODIES:
        Body.objects.get_or_create(
            code=code,
            defaults={"name_uk": name_uk, "name_en": name_en, "kind": kind, "address": address},
        )


def unseed(apps, schema_editor):
    apps.get_model("appeals", "Body").objects.filter(code__in=[b[0] for b in BODIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
