"""The one settings file. Every value can be set from the environment; defaults are safe and
work on a fresh machine (an SQLite file in the user's data directory)."""

from __future__ import annotations

import os
import secrets
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean (use true/false, 1/0, yes/no, on/off)"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = Path(
    env_str("LAGESBILD_DATA_DIR", platformdirs.user_data_dir("lagesbild", appauthor=False))
)
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'lagesbild.sqlite3'}"

DEBUG = env_bool("LAGESBILD_DEBUG", False)

# Keys that have ever been written in this repository (earlier defaults, examples in documents): they
# are public, so anyone could forge sessions and survey links signed with them.
PUBLIC_KEYS = frozenset(
    {
        "lagesbild-development-key-not-for-production",
    }
)
MIN_SECRET_KEY_LENGTH = 50
SECRET_KEY_FILE_NAME = "secret_key"


def checked_secret_key(key: str, origin: str) -> str:
    if key in PUBLIC_KEYS:
        raise ImproperlyConfigured(
            f"{origin} is a key published in Lägesbild's repository; generate your own "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))')"
        )
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"{origin} is {len(key)} characters; use at least {MIN_SECRET_KEY_LENGTH} random "
            "characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe(64))')"
        )
    return key


def secret_key_of_data_dir(data_dir: Path) -> str:
    """The installation's own random key, made at the first start and kept (mode 0600) in the data
    directory, so sessions and survey links survive restarts without any known key ever being used."""
    path = data_dir / SECRET_KEY_FILE_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return checked_secret_key(path.read_text(encoding="ascii").strip(), str(path))
    except OSError as error:
        raise ImproperlyConfigured(
            f"cannot keep a secret key in {path}: {error}; set LAGESBILD_SECRET_KEY "
            "or LAGESBILD_DATA_DIR"
        ) from None
    key = secrets.token_urlsafe(64)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


if os.environ.get("LAGESBILD_SECRET_KEY"):
    SECRET_KEY = checked_secret_key(os.environ["LAGESBILD_SECRET_KEY"], "LAGESBILD_SECRET_KEY")
else:
    SECRET_KEY = secret_key_of_data_dir(DATA_DIR)
ALLOWED_HOSTS = env_list(
    "LAGESBILD_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("LAGESBILD_CSRF_TRUSTED_ORIGINS", [])
# Where links in e-mails point when they are not sent from a web request (survey reminders).
SITE_URL = env_str("LAGESBILD_SITE_URL", "").strip().rstrip("/")


def https_settings(enabled: bool) -> dict:
    """Behind a TLS-terminating proxy (LAGESBILD_HTTPS=true): trust its X-Forwarded-Proto so links are
    built as https, send cookies only over TLS, tell browsers to use TLS only (HSTS) and redirect http."""
    if not enabled:
        return {}
    return {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": env_bool("LAGESBILD_SSL_REDIRECT", True),
        "SECURE_REDIRECT_EXEMPT": env_list("LAGESBILD_SSL_REDIRECT_EXEMPT", []),
        "SECURE_HSTS_SECONDS": env_int("LAGESBILD_HSTS_SECONDS", 31_536_000),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool("LAGESBILD_HSTS_INCLUDE_SUBDOMAINS", True),
        "SECURE_HSTS_PRELOAD": env_bool("LAGESBILD_HSTS_PRELOAD", True),
    }


HTTPS = env_bool("LAGESBILD_HTTPS", False)
globals().update(https_settings(HTTPS))

INSTALLED_APPS = [
    "lagesbild.accounts.admin_site.LagesbildAdminConfig",  # django.contrib.admin, for national admins only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",  # login throttling (lagesbild.accounts.throttling)
    "lagesbild.core",
    "lagesbild.accounts",
    "lagesbild.territories",
    "lagesbild.indicators",
    "lagesbild.sources",
    "ninja",  # only for the Swagger UI files it ships, so the API docs load nothing from a CDN
    "lagesbild.api",
    "lagesbild.lab",
    "lagesbild.directory",
    "lagesbild.registers",
    "lagesbild.reports",
    "lagesbild.surveys",
    "lagesbild.activities",
    "lagesbild.publications",
    "lagesbild.audit",  # reads every app's history, so it sits at the top beside reports
    "lagesbild.opendata",  # DCAT, feeds, embeds, bulk and static export: reads every app below it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lagesbild.core.security_headers.ContentSecurityPolicyMiddleware",
    "lagesbild.core.versioning.ContentVersionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lagesbild.core.public_cache.PublicCacheMiddleware",  # outside sessions and CSRF: sees their cookies
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lagesbild.core.language.LanguageInAddressMiddleware",  # the language is in the address
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "lagesbild.urls"
WSGI_APPLICATION = "lagesbild.wsgi.application"

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
                "lagesbild.core.context.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", DEFAULT_DATABASE_URL)
if DATABASE_URL == DEFAULT_DATABASE_URL:
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(
            f"cannot create the data directory {DATA_DIR}: {error}; set LAGESBILD_DATA_DIR"
        ) from None
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("LAGESBILD_DB_CONN_MAX_AGE", 60)
        )
    }
except Exception as error:  # dj_database_url raises several types for malformed URLs
    raise ImproperlyConfigured(
        f"DATABASE_URL={DATABASE_URL!r} is not a usable database URL: {error}"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests on SQLite too (LAGESBILD_DB_CONN_MAX_AGE): opening one
    # and running its PRAGMAs cost more than many a cached answer.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("LAGESBILD_SQLITE_BUSY_SECONDS", 30),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before any other
    "django.contrib.auth.backends.ModelBackend",
    "lagesbild.accounts.admin_site.NationalAdminBackend",
]
LOGIN_URL = "/konto/logga-in/"
# Where a login without `next` lands when the login view does not choose (lagesbild.accounts.views.Login
# sends editors to their workspace); never Django's /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "/"

# Logins: after LAGESBILD_LOGIN_FAILURE_LIMIT wrong passwords for one user name, or from one address,
# further attempts are refused for LAGESBILD_LOGIN_LOCKOUT_MINUTES (0: until an administrator unlocks,
# `lagesbild unlock`). The refusal reads the same whether the user exists or not.
LOGIN_FAILURE_LIMIT = env_int("LAGESBILD_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LAGESBILD_LOGIN_LOCKOUT_MINUTES", 30)
if LOGIN_FAILURE_LIMIT < 1 or LOGIN_LOCKOUT_MINUTES < 0:
    raise ImproperlyConfigured(
        "LAGESBILD_LOGIN_FAILURE_LIMIT must be at least 1 and LAGESBILD_LOGIN_LOCKOUT_MINUTES 0 or more"
    )
# Proxies in front of the platform whose X-Forwarded-For is trusted for the client's address.
TRUSTED_PROXIES = env_int("LAGESBILD_TRUSTED_PROXIES", 1 if HTTPS else 0)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES) if LOGIN_LOCKOUT_MINUTES else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lagesbild.accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "lagesbild.accounts.throttling.client_address"
AXES_VERBOSE = False
# A login lasts LAGESBILD_SESSION_HOURS from the moment it is made; changing the password ends every
# other session of the account (Django keeps a hash of the password in each session).
SESSION_HOURS = env_int("LAGESBILD_SESSION_HOURS", 8)
if SESSION_HOURS < 1:
    raise ImproperlyConfigured("LAGESBILD_SESSION_HOURS must be at least 1")
SESSION_COOKIE_AGE = SESSION_HOURS * 3600

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS: list = []  # each app keeps its own translations in <app>/locale
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("LAGESBILD_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("LAGESBILD_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str("LAGESBILD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("LAGESBILD_FROM_EMAIL", "lagesbild@localhost")
# The mail server for the SMTP backend (password reset links, survey invitations).
EMAIL_HOST = env_str("LAGESBILD_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LAGESBILD_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("LAGESBILD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("LAGESBILD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("LAGESBILD_EMAIL_TLS", False)


def cache_settings(url: str) -> dict:
    """Django's in-process memory cache by default; with LAGESBILD_CACHE_URL=redis://host:port/db (or
    rediss://) one Redis shared by every worker and every application server. Keys carry the content
    version (lagesbild.core.versioning), so a shared entry is never stale whichever server wrote it."""
    url = url.strip()
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "lagesbild",
            }
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"LAGESBILD_CACHE_URL={url!r} is not a Redis URL (redis://host:port/db, rediss:// or unix://)"
        )
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env_str("LAGESBILD_CACHE_PREFIX", "lagesbild"),
            "TIMEOUT": 24 * 3600,
        }
    }


CACHE_URL = env_str("LAGESBILD_CACHE_URL", "")
CACHES = cache_settings(CACHE_URL)

# Who publishes this installation's open data (DCAT-AP-SE catalogue, API description, feeds). The
# defaults work but say plainly that they must be set; `lagesbild check --deploy` warns while they are.
PUBLISHER_NAME = env_str(
    "LAGESBILD_PUBLISHER_NAME", "Lägesbild (utgivare ej angiven: sätt LAGESBILD_PUBLISHER_NAME)"
)
PUBLISHER_NAME_EN = env_str("LAGESBILD_PUBLISHER_NAME_EN", PUBLISHER_NAME)
PUBLISHER_URI = env_str(
    "LAGESBILD_PUBLISHER_URI", "https://publisher.invalid/set-LAGESBILD_PUBLISHER_URI"
)
CONTACT_EMAIL = env_str("LAGESBILD_CONTACT_EMAIL", "set-LAGESBILD_CONTACT_EMAIL@publisher.invalid")
# The body responsible for this installation and where its accessibility statement's feedback goes
# (lag (2018:1937) om tillgänglighet till digital offentlig service asks for both to be named).
ORGANISATION_NAME_UNSET = "Lägesbild (ansvarig organisation ej angiven)"
ORGANISATION_NAME = env_str("LAGESBILD_ORGANISATION_NAME", ORGANISATION_NAME_UNSET)
ACCESSIBILITY_CONTACT = env_str("LAGESBILD_ACCESSIBILITY_CONTACT", CONTACT_EMAIL)
# Dates of the last accessibility assessment and of the statement's last update (YYYY-MM-DD).
ACCESSIBILITY_ASSESSED = env_str("LAGESBILD_ACCESSIBILITY_ASSESSED", "2026-12-04")
ACCESSIBILITY_UPDATED = env_str("LAGESBILD_ACCESSIBILITY_UPDATED", "2026-12-04")
for _name in ("LAGESBILD_ACCESSIBILITY_ASSESSED", "LAGESBILD_ACCESSIBILITY_UPDATED"):
    try:
        date.fromisoformat(env_str(_name, "2026-12-04"))
    except ValueError:
        raise ImproperlyConfigured(
            f"{_name}={os.environ[_name]!r} is not a date (YYYY-MM-DD)"
        ) from None
# Hitta stöd's "Lämna sidan snabbt" replaces the page with this neutral site (SMHI's weather).
QUICK_EXIT_URL = env_str("LAGESBILD_QUICK_EXIT_URL", "https://www.smhi.se/")
# The licence of the published data: an exact licence IRI (Creative Commons or the EU vocabulary).
DATA_LICENSE = env_str("LAGESBILD_DATA_LICENSE", "http://creativecommons.org/licenses/by/4.0/")
DATA_LICENSE_NAME = env_str("LAGESBILD_DATA_LICENSE_NAME", "CC BY 4.0")
# The API version's release date, for /api/v1/api-info.
API_RELEASED = env_str("LAGESBILD_API_RELEASED", "2026-12-04")

# Why a record changed is kept whole (an editor's reason for making a protected address public, say),
# not cut at django-simple-history's default of 100 characters, which PostgreSQL would refuse.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Official Swedish statistics suppress counts below this in public outputs.
SUPPRESS_BELOW = env_int("LAGESBILD_SUPPRESS_BELOW", 5)
# Plain first pages of /api/v1/observations are answered by one SQL statement before django-ninja runs
# (lagesbild.api.plain_page); false sends every request through the view, which answers the same.
API_SHORTCUTS = env_bool("LAGESBILD_API_SHORTCUTS", True)

# Files from outside are not trusted: how far an archive (XLSX, zip) may expand, how many rows a file
# may hold and how deeply JSON may nest before the readers refuse it with a clear message.
MAX_UNCOMPRESSED_MB = env_int("LAGESBILD_MAX_UNCOMPRESSED_MB", 256)
MAX_IMPORT_ROWS = env_int("LAGESBILD_MAX_IMPORT_ROWS", 5_000_000)
MAX_JSON_DEPTH = env_int("LAGESBILD_MAX_JSON_DEPTH", 64)
# `lagesbild directory check-links` fetches only public addresses unless this is true (an intranet).
LINKCHECK_ALLOW_PRIVATE = env_bool("LAGESBILD_LINKCHECK_ALLOW_PRIVATE", False)
# How long a write waits for another writer (a long import) to finish on SQLite before it is told to
# try again; on PostgreSQL an import waits this long for another import's lock.
SQLITE_BUSY_SECONDS = env_int("LAGESBILD_SQLITE_BUSY_SECONDS", 30)
IMPORT_LOCK_SECONDS = env_int("LAGESBILD_IMPORT_LOCK_SECONDS", 300)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LAGESBILD_LOG_LEVEL", "WARNING")},
}
