"""Production: PostgreSQL, secrets and hosts from the environment, HTTPS only."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = False
DEMO_MODE = False
SECRET_KEY = env.required("SECRET_KEY")
HOUSEHOLD_KEY_SECRET = env.required("HOUSEHOLD_KEY_SECRET")
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": env.database(VAR_DIR / "planlink.sqlite3")}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
