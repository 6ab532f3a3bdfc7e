"""Subjects of legislation the association follows, each tied to the sections of its field."""

from django.db import migrations

SUBJECTS = [
    ("local-budgets", "Місцеві бюджети і міжбюджетні відносини", "Local budgets and fiscal transfers", ["finance"]),
    ("local-taxes", "Місцеві податки і збори", "Local taxes and fees", ["finance"]),
    ("land", "Земельні відносини", "Land relations", ["land-resources"]),
    ("education", "Освіта", "Education", ["education"]),
    ("health-care", "Охорона здоров’я", "Health care", ["health-care"]),
    ("housing-utilities", "Житлово-комунальне господарство", "Housing and utilities", ["housing-utilities"]),
    ("social-protection", "Соціальний захист", "Social protection", ["social-protection"]),
    ("self-government", "Місцеве самоврядування і децентралізація", "Local self-government and decentralisation", ["legal"]),
    ("martial-law", "Воєнний стан і відновлення", "Martial law and recovery", ["civil-protection"]),
    ("administrative-services", "Адміністративні послуги", "Administrative services", ["administrative-services"]),
]


def seed(apps, schema_editor):
    Subject = apps.get_model("legislation", "Subject")
    Section = apps.get_model("members", "Section")
    for code, name_uk, name_en, sections in SUBJECTS:
        subject, _ = Subject.objects.get_or_create(
            code=code, defaults={"name_uk": name_uk, "name_en": name_en}
        )
        subject.sections.add(*Section.objects.filter(code__in=sections))


def unseed(apps, schema_editor):
    apps.get_model("legislation", "Subject").objects.filter(
        code__in=[code for code, *_ in SUBJECTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("legislation", "0001_initial"),
        ("members", "0002_seed_sections"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
