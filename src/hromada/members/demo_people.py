"""Small built-in lists for synthetic officials: Ukrainian names with their Latin spelling.

Surnames are ones that do not change with gender, so any first name fits any surname.
"""

from __future__ import annotations

SURNAMES = [
    ("Шевченко", "shevchenko"),
    ("Коваленко", "kovalenko"),
    ("Бондаренко", "bondarenko"),
    ("Ткаченко", "tkachenko"),
    ("Кравченко", "kravchenko"),
    ("Олійник", "oliinyk"),
    ("Мельник", "melnyk"),
    ("Поліщук", "polishchuk"),
    ("Савчук", "savchuk"),
    ("Марченко", "marchenko"),
    ("Руденко", "rudenko"),
    ("Лисенко", "lysenko"),
    ("Гончаренко", "honcharenko"),
    ("Захарченко", "zakharchenko"),
    ("Кушнір", "kushnir"),
    ("Павленко", "pavlenko"),
    ("Петренко", "petrenko"),
    ("Левченко", "levchenko"),
    ("Мороз", "moroz"),
    ("Литвин", "lytvyn"),
    ("Дорошенко", "doroshenko"),
    ("Гуменюк", "humeniuk"),
    ("Приходько", "prykhodko"),
    ("Ярошенко", "yaroshenko"),
]
MALE = [
    ("Олександр", "oleksandr"),
    ("Андрій", "andrii"),
    ("Василь", "vasyl"),
    ("Сергій", "serhii"),
    ("Микола", "mykola"),
    ("Юрій", "yurii"),
    ("Богдан", "bohdan"),
    ("Віктор", "viktor"),
    ("Тарас", "taras"),
    ("Дмитро", "dmytro"),
]
FEMALE = [
    ("Олена", "olena"),
    ("Наталія", "nataliia"),
    ("Ірина", "iryna"),
    ("Оксана", "oksana"),
    ("Тетяна", "tetiana"),
    ("Людмила", "liudmyla"),
    ("Марія", "mariia"),
    ("Світлана", "svitlana"),
    ("Галина", "halyna"),
    ("Юлія", "yuliia"),
]
FATHERS = ["Іван", "Петр", "Олександр", "Микола", "Василь", "Сергі", "Михайл", "Григорі"]
MALE_PATRONYMIC = {
    "Іван": "Іванович",
    "Петр": "Петрович",
    "Олександр": "Олександрович",
    "Микола": "Миколайович",
    "Василь": "Васильович",
    "Сергі": "Сергійович",
    "Михайл": "Михайлович",
    "Григорі": "Григорович",
}
FEMALE_PATRONYMIC = {
    "Іван": "Іванівна",
    "Петр": "Петрівна",
    "Олександр": "Олександрівна",
    "Микола": "Миколаївна",
    "Василь": "Василівна",
    "Сергі": "Сергіївна",
    "Михайл": "Михайлівна",
    "Григорі": "Григорівна",
}
HEADS = {"city": "міський голова", "settlement": "селищний голова", "village": "сільський голова"}
# Position, and the section such an official would most likely join.
STAFF_POSITIONS = [
    ("секретар ради", "legal"),
    ("начальник фінансового управління", "finance"),
    ("начальник відділу освіти", "education"),
    ("заступник голови з питань діяльності виконавчих органів", "economic-development"),
    ("начальник управління житлово-комунального господарства", "housing-utilities"),
    ("начальник управління соціального захисту населення", "social-protection"),
    ("керівник центру надання адміністративних послуг", "administrative-services"),
    ("начальник відділу земельних відносин", "land-resources"),
]
