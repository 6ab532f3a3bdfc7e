"""The address of the person at the other end, for sign-in throttling and API rate limits.

Behind a reverse proxy REMOTE_ADDR is the proxy's; the proxy then names the client in the
header given by HROMADA_CLIENT_IP_HEADER, overwriting whatever the client sent in it.
Without that setting the header is ignored, so a client cannot pick its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    header = str(getattr(settings, "CLIENT_IP_HEADER", ""))
    if header:
        meta_name = "HTTP_" + header.upper().replace("-", "_")
        named = str(request.META.get(meta_name, "")).split(",")[0].strip()
        if named:
            return named
    return str(request.META.get("REMOTE_ADDR", ""))
