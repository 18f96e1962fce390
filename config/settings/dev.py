"""The demo and local development: SQLite unless DATABASE_URL says otherwise."""

from config import env
from config.settings.base import *  # noqa: F403

# Tracebacks never reach a network: DEBUG (on by default here) holds only while the server
# listens on loopback; `HOST=0.0.0.0 make demo` serves with DEBUG off whatever DEBUG says.
SERVED_ON_LOOPBACK = env.is_loopback(env.served_host())
DEBUG = SERVED_ON_LOOPBACK and env.boolean("DEBUG", True)
DEMO_MODE = env.boolean("PLANLINK_DEMO", True)
# Visitors of a demo reach it by whatever name or address the machine has on their network.
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS", "*")

# No collected static files outside production: WhiteNoise serves from the finders, with
# DEBUG off too (runserver's own static view serves only under DEBUG).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
