"""Error pages speak the visitor's language inside the site's frame, not Django's bare English."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from hromada import urls as project_urls
from tests.conftest import Personas


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("broken/", _broken),
    path("forbidden/", _forbidden),
    *project_urls.urlpatterns,
]


@pytest.mark.django_db
def test_a_missing_page_answers_404_in_ukrainian_inside_the_site_frame(client: Client) -> None:
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Сторінку не знайдено" in page and 'class="site-header"' in page
    assert "Not Found" not in page


@pytest.mark.django_db
def test_a_missing_english_page_answers_in_english(client: Client) -> None:
    page = client.get("/en/no-such-page/").content.decode()
    assert "Page not found" in page and 'lang="en"' in page


def test_a_refused_page_explains_the_role_and_offers_sign_in(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.official)
    response = client.get("/audit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Доступ заборонено" in page and 'class="site-header"' in page


@pytest.mark.django_db
@pytest.mark.urls("tests.web.test_error_pages")
def test_a_server_error_answers_500_with_a_calm_page(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Щось пішло не так" in page and "a bug" not in page


@pytest.mark.django_db
def test_an_expired_form_says_so_instead_of_a_csrf_lecture() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Форма застаріла" in page and "CSRF" not in page
