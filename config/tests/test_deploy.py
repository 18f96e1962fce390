"""`manage.py check --deploy` passes with the production settings and their environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cleared = {"DATABASE_URL", "SECRET_KEY", "HOUSEHOLD_KEY_SECRET", "ALLOWED_HOSTS"}
    env = {k: v for k, v in os.environ.items() if k not in cleared}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_environment(tmp_path):
    result = run_check(
        {
            "SECRET_KEY": "x7#kQ9!vR2@pL5$wZ8^mN3&bT6*cY1(hJ4)dF0_gS-aE+uI=oP~lK" * 2,
            "HOUSEHOLD_KEY_SECRET": "p7Qw-Xe2Rt_Yu9Io1Pa3Sd5Fg8Hj0KlZxCvBnM4",
            "ALLOWED_HOSTS": "planlink.example.go.th",
            "CSRF_TRUSTED_ORIGINS": "https://planlink.example.go.th",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PLANLINK_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check({"ALLOWED_HOSTS": "x", "PLANLINK_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
