"""The production settings of docs/deploy.md: HTTPS, a clean `check --deploy`, the secret key,
the shared cache and the read replica, each read the way a started process reads them."""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from hromada.lib.secret_key import resolve_secret_key

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = ROOT / "deploy" / "hromada.env"


def production_environment(data_dir: Path, **changes: str) -> dict[str, str]:
    """deploy/hromada.env as a server reads it, with a real key and a writable data folder."""
    values = {}
    for line in PRODUCTION_ENV.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values["SECRET_KEY"] = secrets.token_urlsafe(50)
    values["HROMADA_DATA_DIR"] = str(data_dir)
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {**keep, **values, **changes, "DJANGO_SETTINGS_MODULE": "hromada.settings"}


def run_python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - this interpreter, our code
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


SETTINGS_AS_JSON = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({
    "hsts": s.SECURE_HSTS_SECONDS, "redirect": s.SECURE_SSL_REDIRECT,
    "session_secure": s.SESSION_COOKIE_SECURE, "csrf_secure": s.CSRF_COOKIE_SECURE,
    "proxy": s.SECURE_PROXY_SSL_HEADER, "caches": {a: c["BACKEND"] for a, c in s.CACHES.items()},
    "databases": sorted(s.DATABASES), "email": s.EMAIL_BACKEND, "anymail": s.ANYMAIL,
    "cors_all": s.CORS_ALLOW_ALL_ORIGINS, "cors": s.CORS_ALLOWED_ORIGINS,
}))
"""


def read_settings(environment: dict[str, str]) -> dict[str, object]:
    done = run_python(SETTINGS_AS_JSON, environment)
    assert done.returncode == 0, done.stderr
    loaded: dict[str, object] = json.loads(done.stdout)
    return loaded


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    done = run_python(code, production_environment(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout + done.stderr


def test_behind_https_cookies_are_secure_and_browsers_are_told_to_keep_to_https(
    tmp_path: Path,
) -> None:
    found = read_settings(production_environment(tmp_path))
    assert found["hsts"] == 31_536_000
    assert found["redirect"] is True
    assert found["session_secure"] is True
    assert found["csrf_secure"] is True
    assert found["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_without_https_nothing_insists_on_it(tmp_path: Path) -> None:
    found = read_settings(production_environment(tmp_path, HROMADA_HTTPS="false"))
    assert found["hsts"] == 0
    assert found["redirect"] is False
    assert found["session_secure"] is False
    assert found["proxy"] is None


def test_a_cache_url_puts_both_caches_in_redis(tmp_path: Path) -> None:
    found = read_settings(production_environment(tmp_path))
    redis = "django.core.cache.backends.redis.RedisCache"
    assert found["caches"] == {"default": redis, "pages": redis}
    local = read_settings(production_environment(tmp_path, HROMADA_CACHE_URL=""))
    assert set(local["caches"].values()) == {  # type: ignore[attr-defined]
        "django.core.cache.backends.locmem.LocMemCache"
    }


def test_a_replica_url_adds_the_replica_database(tmp_path: Path) -> None:
    replica = "postgres://reader@10.0.0.2:5432/hromada"
    found = read_settings(production_environment(tmp_path, HROMADA_READ_REPLICA_URL=replica))
    assert found["databases"] == ["default", "replica"]


def test_an_email_provider_is_chosen_by_its_backend_and_configured_as_json(
    tmp_path: Path,
) -> None:
    provider = {"MAILGUN_API_KEY": "key-1", "MAILGUN_SENDER_DOMAIN": "mg.example.org"}
    found = read_settings(
        production_environment(
            tmp_path,
            HROMADA_EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend",
            HROMADA_ANYMAIL=json.dumps(provider),
        )
    )
    assert found["email"] == "anymail.backends.mailgun.EmailBackend"
    assert found["anymail"] == {
        "MAILGUN_API_KEY": "key-1",
        "MAILGUN_SENDER_DOMAIN": "mg.example.org",
    }


def test_cors_origins_can_be_narrowed_from_everyone(tmp_path: Path) -> None:
    assert read_settings(production_environment(tmp_path))["cors_all"] is True
    narrowed = read_settings(
        production_environment(tmp_path, HROMADA_CORS_ALLOWED_ORIGINS="https://a.example.org")
    )
    assert narrowed["cors_all"] is False
    assert narrowed["cors"] == ["https://a.example.org"]


def test_forty_identical_characters_are_not_a_key(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="different ones"):
        resolve_secret_key("a" * 60, debug=False, data_dir=tmp_path)


def _read_key(data_dir: str, barrier: multiprocessing.synchronize.Barrier, out: object) -> None:
    barrier.wait()
    out.put(resolve_secret_key("", debug=False, data_dir=Path(data_dir)))  # type: ignore[attr-defined]


def test_workers_starting_together_all_get_the_same_generated_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_number in range(12):
        data_dir = tmp_path / f"round-{round_number}"
        barrier = context.Barrier(6)
        keys = context.Queue()
        workers = [
            context.Process(target=_read_key, args=(str(data_dir), barrier, keys)) for _ in range(6)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        found = {keys.get(timeout=5) for _ in workers}
        assert len(found) == 1, f"round {round_number}: {len(found)} different keys"
        assert found == {(data_dir / "secret_key").read_text()}
        assert [p.name for p in data_dir.iterdir()] == ["secret_key"]
