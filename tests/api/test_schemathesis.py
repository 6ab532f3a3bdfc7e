"""Schemathesis drives every operation of the OpenAPI schema through the WSGI app: no server
error, and every documented response matches its schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.analytics.factories import Dataset

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def no_rate_limit(settings: Any) -> None:
    settings.HROMADA_API_RATE_LIMIT = 0


@pytest.fixture
def kept_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI handler must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_contract(
    case: Any, dataset: Dataset, no_rate_limit: None, kept_connection: None
) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
