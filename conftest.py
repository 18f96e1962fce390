"""Shared fixtures: the Lampang demo loaded once per test database, and logins."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

DEMO_ACCOUNTS = (
    "province",
    "district-5201",
    "amphoe-5201",
    "officer-520101",
    "tambon-520101",
    "lao-3520101",
    "village-52010101",
    "admin",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Every test starts from the Lampang demo (areas, demo villages, local governments,
    demo accounts); tests run in transactions rolled back afterwards, so they cannot leak."""
    with django_db_blocker.unblock():
        call_command("demo_setup", plans_within="520101", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def login(client: Client, django_user_model):  # type: ignore[no-untyped-def]
    """login("officer-520101") → a client logged in as that demo account."""

    def _login(username: str) -> Client:
        client.force_login(django_user_model.objects.get(username=username))
        return client

    return _login


def pytest_report_header(config):  # type: ignore[no-untyped-def]
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"planlink database: {engine}"
