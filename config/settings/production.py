"""Production: PostgreSQL, secrets and hosts from the environment, HTTPS only."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = False
DEMO_MODE = False
# The development defaults of base.py: known to anyone who reads the code.
_DEVELOPMENT_SECRETS = (
    "insecure-development-key-never-use-in-production",
    "development-household-key-secret",
)
# A guessable SECRET_KEY lets anyone forge sessions; a guessable HOUSEHOLD_KEY_SECRET lets
# anyone holding a pseudonymised file recompute which household is which. Either refuses
# to start (env.secret says which variable and how to make a good one).
SECRET_KEY = env.secret("SECRET_KEY", min_length=50, known=_DEVELOPMENT_SECRETS)
HOUSEHOLD_KEY_SECRET = env.secret("HOUSEHOLD_KEY_SECRET", min_length=32, known=_DEVELOPMENT_SECRETS)
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": env.database(VAR_DIR / "planlink.sqlite3")}
# Persistent connections: opening a PostgreSQL connection costs more than a light page's
# queries (bench/README.md: home p50 20 → 11 ms, PostgreSQL's CPU a third); health checks
# replace a connection the server has closed. DB_CONN_MAX_AGE=0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Off only for plain HTTP on loopback (bench/load.py); a browser keeps secure cookies to HTTPS.
SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
