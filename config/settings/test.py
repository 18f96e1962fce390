"""The test suite: SQLite in memory by default, PostgreSQL when DATABASE_URL is set."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = False
DEMO_MODE = True
# Argon2 is the production hasher (asserted in tests); the suite hashes with MD5 to stay fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "th"

# No collected static files outside production: WhiteNoise serves from the finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# Background tasks run inline in tests (the job rows still record progress and results).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Inline tasks run inside the test's transaction, which a heartbeat thread's own connection
# cannot see; the progress callback stamps the heartbeat there (core/jobs.py).
JOB_HEARTBEAT_THREAD = False

# Household files of the test run live in a throwaway folder.
import tempfile as _tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# (A test's own subprocess is pointed at the same folder with PLANLINK_TEST_EVIDENCE_DIR.)
EVIDENCE_DIR = Path(
    env.string("PLANLINK_TEST_EVIDENCE_DIR") or _tempfile.mkdtemp(prefix="planlink-test-evidence-")
)
