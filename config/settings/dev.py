"""The demo and local development: SQLite unless DATABASE_URL says otherwise."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", True)
DEMO_MODE = env.boolean("PLANLINK_DEMO", True)
ALLOWED_HOSTS = ["*"]

# No collected static files outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
