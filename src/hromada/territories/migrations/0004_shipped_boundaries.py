"""Give an existing registry the boundaries shipped with Hromada (OpenStreetMap, ODbL 1.0).

A fresh install gets them when the codifier is imported; this reaches installs whose
territories were imported before the file was shipped. Imported boundaries are kept.
"""

from django.db import migrations
from django.utils import timezone

from hromada.territories import shipped


def load(apps, schema_editor):
    Territory = apps.get_model("territories", "Territory")
    TerritoryBoundary = apps.get_model("territories", "TerritoryBoundary")
    if not Territory.objects.exists():
        return
    shapes = shipped.shapes()
    ids = dict(
        Territory.objects.filter(code__in=shapes, boundary__isnull=True).values_list("code", "pk")
    )
    now = timezone.now()
    TerritoryBoundary.objects.bulk_create(
        [
            TerritoryBoundary(territory_id=pk, geometry=shapes[code], source=shipped.SOURCE, imported_at=now)
            for code, pk in ids.items()
        ],
        batch_size=200,
    )


class Migration(migrations.Migration):
    dependencies = [("territories", "0003_former_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
