"""Hromada settings: one module, configured only from the environment.

Every variable is listed in docs/configuration.md; a test fails when one is missing there.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hromada.lib.env import env_bool, env_int, env_json, env_list, env_str
from hromada.lib.secret_key import resolve_secret_key
from hromada.lib.sqlite import pragmas as sqlite_pragmas

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HROMADA_DATA_DIR") or Path.cwd() / "var")

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = resolve_secret_key(env_str("SECRET_KEY"), debug=DEBUG, data_dir=DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("HROMADA_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "hromada.web",
    "hromada.territories",
    "hromada.members",
    "hromada.indicators",
    "hromada.analytics",
    "hromada.api",
    "hromada.dataio",
    "hromada.accounts",
    "hromada.demo",
    "hromada.collection",
    "hromada.releases",
    "hromada.surveys",
    "hromada.audit",
    "hromada.jobs",
    "hromada.legislation",
    "hromada.appeals",
    "hromada.learning",
    "hromada.workspaces",
    "hromada.accounts.apps.HromadaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Serves the Swagger UI of /api/v1/docs from this site instead of a CDN.
    "ninja",
    # The one task queue: Django's Tasks API, its database backend, run by `hromada worker`.
    "django_tasks",
    "django_tasks_db",
    # Health and readiness endpoints, the worker's heartbeat, backup and restore.
    "hromada.ops",
    # Sign-in throttling, Content-Security-Policy, CORS for the public API.
    "axes",
    "csp",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware, so a preflight is answered before anything else looks at it.
    "corsheaders.middleware.CorsMiddleware",
    # Decides, before any query runs, whether this request's reads may go to the replica.
    "hromada.ops.replica.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Runs before any view (and CSRF's check) reads the body: an upload over
    # HROMADA_UPLOAD_MAX_MB is refused at once, in the visitor's language.
    "hromada.lib.request_size.RequestSizeLimit",
    # PostgreSQL refuses text with a NUL character; such a request gets a 400, not a 500.
    "hromada.lib.nul_bytes.RefuseNulCharacters",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hromada.urls"
WSGI_APPLICATION = "hromada.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hromada.web.context_processors.site",
            ],
        },
    },
]


def _database(url: str) -> dict[str, object]:
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE makes a writing transaction take the lock up front instead of failing
        # half-way; the pragmas (WAL, page cache) are explained in hromada.lib.sqlite.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": sqlite_pragmas(),
        }
        # Kept across requests (60 s, as for PostgreSQL): a new connection per request ran
        # the pragmas, parsed the schema and started with an empty page cache, about 5 ms of
        # CPU, half of an API answer (bench.mix). Between requests a connection holds no
        # transaction, so it keeps no WAL snapshot and blocks no checkpoint.
    test_name = env_str("HROMADA_TEST_DATABASE_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'hromada.sqlite3'}"
if DATABASE_URL.startswith("sqlite:///") and "memory" not in DATABASE_URL:
    Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _database(DATABASE_URL)}
# A PostgreSQL read replica for what anonymous visitors read (pages and the public API);
# everything else, and every write, stays on the primary. See hromada.ops.replica.
READ_REPLICA_URL = env_str("HROMADA_READ_REPLICA_URL")
if READ_REPLICA_URL:
    DATABASES["replica"] = _database(READ_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["hromada.ops.replica.PublicReadsToReplica"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "web:home"
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
# Strings of shared modules (settings, lib); each app keeps its own catalog in <app>/locale.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Kyiv")
USE_I18N = True
USE_TZ = True

# Analytics caches one computed series per indicator and published version: a profile alone
# needs several hundred entries, far beyond Django's default of 300.
# Rendered page bodies and API answers (up to a few MB each) live in a cache of their own,
# bounded by count, so a crawler walking many addresses cannot fill memory with them.
# With HROMADA_CACHE_URL (redis://host:6379/0) both live in Redis instead, shared by every
# app process: rate-limit counters then hold across processes and machines, and a page
# computed by one worker is served by all. Redis bounds them by its own maxmemory policy.
# With HROMADA_CACHE_URL (redis://…) both live in Redis, shared by every app process and
# the worker; Redis's own memory limit (maxmemory with an LRU policy) bounds them there.
CACHE_URL = env_str("HROMADA_CACHE_URL")
CACHES: dict[str, dict[str, object]]
if CACHE_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": f"hromada-{alias}",
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hromada-pages",
            # Each process holds its own copy, bounded in entries, not bytes: a ranking page or
            # API answer is up to ~300 KB, so 500 of them took a worker past 250 MB after a
            # random mix (bench.mix); 150 keep it under ~45 MB. Redis, shared, holds more.
            "OPTIONS": {"MAX_ENTRIES": 150},
        },
    }
# Off (0) only to measure the work behind every answer: no rendered body or API answer is
# kept, so each request computes its answer (bench.mix --no-kept-answers).
if not env_bool("HROMADA_KEEP_ANSWERS", True):
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Long work runs through one queue, stored in the database; `hromada worker` runs it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Uploaded and generated files (letters, answers, certificates). They are never served as
# static files: each is sent by a view that checks who may read it.
MEDIA_ROOT = DATA_DIR / "media"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise serves from here after collectstatic; it must exist even before that.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
# An explicit backend wins: an e-mail provider through django-anymail
# ("anymail.backends.mailgun.EmailBackend", …, configured by ANYMAIL_* variables below).
EMAIL_BACKEND = env_str("HROMADA_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# The provider's credentials, one JSON object (see docs/deploy.md), e.g.
# {"MAILGUN_API_KEY": "…", "MAILGUN_SENDER_DOMAIN": "mg.example.org"}.
ANYMAIL = env_json("HROMADA_ANYMAIL")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hromada@localhost")

# Deadlines in working days: public holidays are working days under martial law unless this
# says otherwise (hromada.lib.working_days).
HROMADA_HOLIDAYS_ARE_DAYS_OFF = env_bool("HROMADA_HOLIDAYS_ARE_DAYS_OFF", default=False)

# Requests a minute per IP address for API clients without a token; 0 turns the limit off.
HROMADA_API_RATE_LIMIT = env_int("HROMADA_API_RATE_LIMIT", 120)
# Requests a minute per client (a signed-in person, else an IP address) for each expensive
# page: rankings, profiles and their PDF, comparisons, aggregates, the pivot, data exports.
HROMADA_PAGE_RATE_LIMIT = env_int("HROMADA_PAGE_RATE_LIMIT", 120)
# Most rows of one XLSX data export; beyond it the page asks to narrow the filter (CSV and
# JSON stream without a limit).
HROMADA_EXPORT_XLSX_MAX_ROWS = env_int("HROMADA_EXPORT_XLSX_MAX_ROWS", 200_000)

# Limits on uploaded files, checked while a file is read (hromada.lib.file_limits): its size,
# the size its XLSX parts unpack to (a 9 MB zip bomb unpacks to gigabytes), its rows
# (the header not counted), the columns of one row and the cells of the whole file.
HROMADA_UPLOAD_MAX_MB = env_int("HROMADA_UPLOAD_MAX_MB", 200)
HROMADA_UPLOAD_MAX_UNZIPPED_MB = env_int("HROMADA_UPLOAD_MAX_UNZIPPED_MB", 300)
HROMADA_UPLOAD_MAX_ROWS = env_int("HROMADA_UPLOAD_MAX_ROWS", 5_000_000)
HROMADA_UPLOAD_MAX_COLUMNS = env_int("HROMADA_UPLOAD_MAX_COLUMNS", 5_000)
HROMADA_UPLOAD_MAX_CELLS = env_int("HROMADA_UPLOAD_MAX_CELLS", 50_000_000)
# Uploads kept on disk are readable by the server's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# A year becomes the default of rankings and aggregates only when this percentage of the
# peer set has a published value for it (statistics offices hold incomplete years back).
HROMADA_MIN_COVERAGE = env_int("HROMADA_MIN_COVERAGE", 80)
if not 0 <= HROMADA_MIN_COVERAGE <= 100:
    raise ImproperlyConfigured(
        f"HROMADA_MIN_COVERAGE={HROMADA_MIN_COVERAGE} is not a percentage from 0 to 100."
    )

# --- behind HTTPS -----------------------------------------------------------------------
# HROMADA_HTTPS says the site is reached over HTTPS through a reverse proxy that sets
# X-Forwarded-Proto (deploy/nginx.conf, deploy/Caddyfile). Then cookies travel over HTTPS
# only, plain HTTP is redirected and browsers are told to keep to HTTPS (HSTS).
HTTPS = env_bool("HROMADA_HTTPS", default=False) and not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
# The proxy's and the load balancer's health probes come over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = HTTPS or env_bool("HROMADA_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("HROMADA_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise for a whole registrable domain and all its subdomains, made on
# hstspreload.org by its owner; an application on stat.example.org cannot make it, so the
# check that asks for it is silenced rather than answered with a header that means nothing.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Content-Security-Policy (django-csp) ----------------------------------------------------
# Scripts and styles come from this site only; no inline script anywhere (data reaches the
# scripts through data- attributes and json_script). ECharts sizes its canvas through style
# attributes, hence 'unsafe-inline' for styles alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- sign-in throttling (django-axes) ---------------------------------------------------------
# After HROMADA_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is refused for HROMADA_LOGIN_COOLOFF_MINUTES, whatever the password.
AXES_FAILURE_LIMIT = env_int("HROMADA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HROMADA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hromada.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "hromada.lib.client_ip.client_ip"
# Behind a proxy every request comes from the proxy; the proxy names the client in this
# header (X-Real-IP in deploy/), overwriting whatever the client sent.
CLIENT_IP_HEADER = env_str("HROMADA_CLIENT_IP_HEADER")
AXES_VERBOSE = False

# --- CORS for the API (django-cors-headers) ---------------------------------------------------
# The public read API is open to pages of any site; no cookies cross (no credentials).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS_SETTING = env_list("HROMADA_CORS_ALLOWED_ORIGINS", ["*"])
CORS_ALLOW_ALL_ORIGINS = "*" in CORS_ALLOWED_ORIGINS_SETTING
CORS_ALLOWED_ORIGINS = [o for o in CORS_ALLOWED_ORIGINS_SETTING if o != "*"]
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "content-type", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Link"]
CORS_PREFLIGHT_MAX_AGE = 600

# The worker counts as gone when it has not reported for this long (readiness, /readyz).
WORKER_STALE_SECONDS = env_int("HROMADA_WORKER_STALE_SECONDS", 120)

# Where the scheduled download reads the Rada's bill files (bills_main, bills_executives,
# bills_initiators CSV; billinfo JSON); empty: no download, files are imported by hand.
RADA_BILLS_URLS = env_list("HROMADA_RADA_BILLS_URLS", [])
RADA_DOWNLOAD_TIMEOUT = env_int("HROMADA_RADA_DOWNLOAD_TIMEOUT", 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HROMADA_LOG_LEVEL", "WARNING")},
}
