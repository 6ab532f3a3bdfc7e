"""Refuse a request body larger than the upload limit before Django reads any of it.

Form checks see an uploaded file only after Django has streamed all of it to a temporary
file, so a 10 GB upload would fill the disk first. This middleware looks at the declared
Content-Length and answers 413 at once; the reverse proxy's own body limit
(`client_max_body_size`, docs/configuration.md) covers bodies sent without a length.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

MB = 1024 * 1024
# Room for the form fields and multipart framing around a file of the largest accepted size.
FRAMING = MB


class RequestSizeLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.HROMADA_UPLOAD_MAX_MB * MB
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + FRAMING:
            # The page lives with the site's other templates (hromada.web).
            body = render_to_string(
                "web/request_too_large.html", {"limit": settings.HROMADA_UPLOAD_MAX_MB}, request
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)
