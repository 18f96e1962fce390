"""Settings logic that decides what reaches a network: DEBUG off loopback, strong secrets.

Each case imports a settings module in a fresh interpreter with its own environment, as a
server would start.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import env

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET_KEY = "Jq3vX9-_tLw2Rk8ZbN4mYc7Hs1FpUe6DgA0oKiTz5WxVnQrSyBhMjCd_-EaLuPf9OI"
GOOD_HOUSEHOLD_KEY = "p7Qw-Xe2Rt_Yu9Io1Pa3Sd5Fg8Hj0KlZxCvBnM4"
CLEARED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "HOUSEHOLD_KEY_SECRET",
    "PLANLINK_HOST",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
}


def run_python(code: str, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(PLANLINK_VAR_DIR=str(tmp_path), **extra)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dev_settings(tmp_path: Path, **extra: str) -> dict[str, object]:
    result = run_python(
        "import json, config.settings.dev as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS}))",
        tmp_path,
        **extra,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("host", "debug"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("planlink.example.go.th", False),
    ],
)
def test_demo_debug_only_on_loopback(tmp_path, host, debug):
    assert dev_settings(tmp_path, PLANLINK_HOST=host)["DEBUG"] is debug


def test_demo_off_loopback_ignores_debug_1(tmp_path):
    assert dev_settings(tmp_path, PLANLINK_HOST="0.0.0.0", DEBUG="1")["DEBUG"] is False


def test_demo_on_loopback_may_still_turn_debug_off(tmp_path):
    assert dev_settings(tmp_path, PLANLINK_HOST="127.0.0.1", DEBUG="0")["DEBUG"] is False


def test_demo_without_host_defaults_to_loopback_and_any_host_name(tmp_path):
    assert dev_settings(tmp_path) == {"DEBUG": True, "ALLOWED_HOSTS": ["*"]}


@pytest.mark.parametrize(
    ("argv", "host"),
    [
        (["manage.py", "runserver"], "127.0.0.1"),
        (["manage.py", "runserver", "8000"], "127.0.0.1"),
        (["manage.py", "runserver", "--noreload", "0.0.0.0:8000"], "0.0.0.0"),
        (["manage.py", "runserver", "0:8000"], "0.0.0.0"),
        (["manage.py", "runserver", "[::]:8000"], "[::]"),
        (["manage.py", "runserver", "-6"], "::1"),
        (
            ["manage.py", "runserver", "--settings", "config.settings.dev", "10.0.0.5:80"],
            "10.0.0.5",
        ),
        (["manage.py", "migrate"], "127.0.0.1"),
    ],
)
def test_served_host_reads_runserver_address(monkeypatch, argv, host):
    monkeypatch.delenv("PLANLINK_HOST", raising=False)
    assert env.served_host(argv) == host


def test_planlink_host_wins_over_the_command_line(monkeypatch):
    monkeypatch.setenv("PLANLINK_HOST", "0.0.0.0")
    assert env.served_host(["manage.py", "runserver", "127.0.0.1:8000"]) == "0.0.0.0"


def test_manage_runserver_on_all_addresses_turns_debug_off(tmp_path):
    result = run_python(
        "import sys; sys.argv = ['manage.py', 'runserver', '0.0.0.0:8000']; "
        "import config.settings.dev as s; print(s.DEBUG)",
        tmp_path,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_static_files_served_with_debug_off(tmp_path):
    """WhiteNoise serves the CSS and htmx from the finders when the demo is on a network."""
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; from django.test import Client; "
        "c = Client(); "
        "print(settings.DEBUG, c.get('/static/css/app.css').status_code, "
        "c.get('/static/js/htmx.min.js').status_code, "
        "c.get('/static/fonts/Sarabun-Regular.ttf').status_code)"
    )
    result = run_python(
        code, tmp_path, DJANGO_SETTINGS_MODULE="config.settings.dev", PLANLINK_HOST="0.0.0.0"
    )
    assert result.stdout.split() == ["False", "200", "200", "200"], result.stderr


def import_production(tmp_path: Path, **secrets: str) -> subprocess.CompletedProcess[str]:
    values = {"SECRET_KEY": GOOD_SECRET_KEY, "HOUSEHOLD_KEY_SECRET": GOOD_HOUSEHOLD_KEY}
    values.update(secrets)
    return run_python(
        "import config.settings.production", tmp_path, ALLOWED_HOSTS="example.org", **values
    )


def test_production_starts_with_strong_secrets(tmp_path):
    result = import_production(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Jq3vX9-_tLw2Rk8ZbN4mYc7Hs1FpUe6DgA0oKiTz5Wx", "has 43 characters; at least 50"),
        ("abcde" * 20, "only 5 different characters"),
        ("insecure-development-key-never-use-in-production", "development default"),
        ("django-insecure-" + GOOD_SECRET_KEY, "development default"),
        ("", "must be set"),
    ],
)
def test_production_refuses_a_weak_secret_key(tmp_path, value, problem):
    result = import_production(tmp_path, SECRET_KEY=value)
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "SECRET_KEY" in message
    assert problem in message
    assert 'python -c "import secrets; print(secrets.token_urlsafe(64))"' in message
    if value:
        assert value not in result.stderr


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("p7Qw-Xe2Rt_Yu9Io1Pa3Sd5Fg8H", "has 27 characters; at least 32"),
        ("k" * 64, "only 1 different characters"),
        ("development-household-key-secret", "development default"),
        ("", "must be set"),
    ],
)
def test_production_refuses_a_weak_household_key_secret(tmp_path, value, problem):
    result = import_production(tmp_path, HOUSEHOLD_KEY_SECRET=value)
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "HOUSEHOLD_KEY_SECRET" in message
    assert problem in message
    assert "secrets.token_urlsafe(64)" in message
    if value:
        assert value not in result.stderr
