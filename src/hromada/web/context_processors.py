"""What every page needs: the language switch and whether the data are a demo."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from hromada.accounts.permissions import is_analyst
from hromada.demo.models import DemoDataset


def site(request: HttpRequest) -> dict[str, object]:
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return {
        "language_links": [
            (code, name, translate_url(request.path, code) + suffix)
            for code, name in settings.LANGUAGES
        ],
        "is_demo": DemoDataset.objects.exists(),
        "is_analyst": is_analyst(request.user),
    }
