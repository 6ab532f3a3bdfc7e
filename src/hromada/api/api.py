"""The v1 API object: routers, OpenAPI, and problem+json for every error."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hromada.api import (
    analytics,
    appeals,
    changes,
    indicators,
    learning,
    legislation,
    observations,
    private,
    releases,
    surveys,
    territories,
)
from hromada.api.openapi import HromadaApi
from hromada.api.problems import ApiError, field_errors, problem

DESCRIPTION = (
    "Open data of the Association of Ukrainian Cities: territories, members, indicators and "
    "published values. Errors are application/problem+json (RFC 9457). See docs/api.md."
)

api = HromadaApi(
    title="Hromada API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
)
for module in (
    territories,
    indicators,
    observations,
    releases,
    analytics,
    changes,
    private,
    legislation,
    appeals,
    surveys,
    learning,
):
    api.add_router("/", module.router)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return problem(request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = field_errors(list(exc.errors))
    in_body = any(str(item.get("loc", ("",))[0]) == "body" for item in exc.errors)
    status = 422 if in_body else 400
    return problem(request, status, "Some parameters are not valid.", errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem(request, 403, str(exc) or "This token may not do that.")


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        request, 401, "A valid API token is required.", headers={"WWW-Authenticate": "Bearer"}
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, str(exc))
