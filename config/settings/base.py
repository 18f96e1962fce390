"""Settings shared by every configuration (dev, test, production)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config import env

# Lets typed generics (admin.TabularInline[Model, Parent]) work at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = env.BASE_DIR
VAR_DIR = Path(env.string("PLANLINK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database, uploads and job files

SECRET_KEY = env.string("SECRET_KEY", "insecure-development-key-never-use-in-production")
DEBUG = False
ALLOWED_HOSTS: list[str] = env.csv_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# Demo mode creates the fixed demo accounts (password demo1234) and labels demo data.
DEMO_MODE = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "simple_history",
    "axes",
    "planlink.core",
    "planlink.accounts",
    "planlink.areas",
    "planlink.evidence",
    "planlink.reports",
    "planlink.frameworks",
    "planlink.sources",
    "planlink.plans",
    "planlink.integration",
    "planlink.workspace",
    "planlink.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planlink.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns locked-out logins into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "planlink.core.context_processors.planlink",
            ],
        },
    },
]

DATABASES = {"default": env.database(VAR_DIR / "planlink.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): after 5 failures for a username from one address the
# pair is locked for 15 minutes; a successful login resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = VAR_DIR / "staticfiles"
# The Sarabun TTFs ship in the fontpkg-sarabun wheel; the web UI and the PDFs use the same face.
SARABUN_DIR = Path(str(files("fontpkg_sarabun").joinpath("files")))
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", SARABUN_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Household-level survey rows (columnar files, pseudonymous keys only) and job uploads.
EVIDENCE_DIR = Path(env.string("PLANLINK_EVIDENCE_DIR", str(VAR_DIR / "evidence")))
MEDIA_URL = "/media/"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs (imports, big reports): django-tasks with its database backend; the worker
# is `manage.py db_worker` (started by `make demo`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job whose worker has not beaten for this long is taken as dead and marked failed
# (workers on this host are checked directly); a failed job's upload is kept this long for
# "Try again", then removed. `manage.py jobs_cleanup` (cron) and every new job do the sweep.
JOB_STALE_SECONDS = env.integer("JOB_STALE_SECONDS", 90)
JOB_RETRY_HOURS = env.integer("JOB_RETRY_HOURS", 24)

# Bounds on import files, per importer (rows, columns, bytes, cell_chars); the defaults are
# in planlink/core/filelimits.py, e.g. {"villages": {"rows": 200_000}}.
IMPORT_LIMITS: dict[str, dict[str, int]] = {}

# Keyed hashing of household keys (BLAKE2b). Production sets its own secret; changing it
# makes earlier keys unmatchable, never reversible.
HOUSEHOLD_KEY_SECRET = env.string("HOUSEHOLD_KEY_SECRET", "development-household-key-secret")

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"

# Upload limits; imports stream files from disk, so the web limit is what an officer's
# real files need with headroom (a province's villages are ~100 KB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
