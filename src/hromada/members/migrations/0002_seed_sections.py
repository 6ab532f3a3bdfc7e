"""Seed the association's professional sections; analysts edit them afterwards."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SECTIONS = [
    ("education", "Освіта", "Education", "Дошкільна, загальна середня та позашкільна освіта."),
    ("health-care", "Охорона здоров’я", "Health care", "Первинна медична допомога, лікарні."),
    (
        "housing-utilities",
        "Житлово-комунальне господарство",
        "Housing and utilities",
        "Тепло-, водопостачання, благоустрій, ОСББ.",
    ),
    (
        "social-protection",
        "Соціальний захист",
        "Social protection",
        "Соціальні послуги, підтримка ВПО та ветеранів.",
    ),
    (
        "land-resources",
        "Земельні ресурси",
        "Land resources",
        "Земельні відносини, містобудування та кадастр.",
    ),
    (
        "finance",
        "Фінанси та бюджет",
        "Finance and budget",
        "Місцеві бюджети, податки, міжбюджетні відносини.",
    ),
    (
        "economic-development",
        "Місцевий економічний розвиток",
        "Local economic development",
        "Інвестиції, підприємництво, стратегічне планування.",
    ),
    ("culture", "Культура і туризм", "Culture and tourism", "Заклади культури, спадщина, туризм."),
    (
        "transport-roads",
        "Транспорт і дороги",
        "Transport and roads",
        "Громадський транспорт, дороги, безпека руху.",
    ),
    (
        "energy-efficiency",
        "Енергоефективність",
        "Energy efficiency",
        "Енергоменеджмент, термомодернізація, відновлювана енергетика.",
    ),
    (
        "administrative-services",
        "Адміністративні послуги",
        "Administrative services",
        "ЦНАП, електронні послуги, реєстри.",
    ),
    ("youth-sport", "Молодь і спорт", "Youth and sport", "Молодіжна політика, фізична культура."),
    (
        "legal",
        "Правові питання",
        "Legal matters",
        "Законодавство про місцеве самоврядування, правова допомога.",
    ),
    (
        "international-cooperation",
        "Міжнародне співробітництво",
        "International cooperation",
        "Побратимство, міжнародні проєкти та донори.",
    ),
    (
        "civil-protection",
        "Цивільний захист",
        "Civil protection",
        "Безпека громад, укриття, реагування на надзвичайні ситуації.",
    ),
]


DESCRIPTIONS_EN = {
    "education": "Pre-school, general secondary and out-of-school education.",
    "health-care": "Primary health care, hospitals.",
    "housing-utilities": "Heating, water supply, public spaces, condominiums.",
    "social-protection": "Social services, support for displaced people and veterans.",
    "land-resources": "Land relations, urban planning and the cadastre.",
    "finance": "Local budgets, taxes, intergovernmental fiscal relations.",
    "economic-development": "Investment, entrepreneurship, strategic planning.",
    "culture": "Cultural institutions, heritage, tourism.",
    "transport-roads": "Public transport, roads, road safety.",
    "energy-efficiency": "Energy management, thermal retrofits, renewable energy.",
    "administrative-services": "Administrative service centres, e-services, registers.",
    "youth-sport": "Youth policy, physical culture.",
    "legal": "Legislation on local self-government, legal assistance.",
    "international-cooperation": "Twinning, international projects and donors.",
    "civil-protection": "Community safety, shelters, emergency response.",
}


def seed(apps: Any, schema_editor: Any) -> None:
    Section = apps.get_model("members", "Section")
    for order, (code, name_uk, name_en, description_uk) in enumerate(SECTIONS, start=1):
        Section.objects.update_or_create(
            code=code,
            defaults={
                "name_uk": name_uk,
                "name_en": name_en,
                "description_uk": description_uk,
                "description_en": DESCRIPTIONS_EN[code],
                "order": order * 10,
            },
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("members", "Section").objects.filter(
        code__in=[code for code, *_ in SECTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
