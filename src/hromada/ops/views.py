from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from hromada.ops.health import readiness


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    found = readiness()
    checks = {check.name: {"ok": check.ok, "detail": check.detail} for check in found.checks}
    status = "ready" if found.ready else "not ready"
    return JsonResponse({"status": status, "checks": checks}, status=200 if found.ready else 503)
