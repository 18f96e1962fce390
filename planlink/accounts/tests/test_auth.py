import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings

from planlink.accounts.models import User
from planlink.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_every_demo_account_logs_in_with_demo1234(client):
    for user in User.objects.filter(is_demo=True):
        client.logout()
        response = client.post(LOGIN, {"username": user.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, user.username
        assert response.url == "/"


def test_wrong_password_is_refused_with_a_message(client):
    response = client.post(LOGIN, {"username": "province", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "5" in response.content.decode()  # says how many tries before the lock


def test_login_is_throttled_after_five_failures(client):
    for _ in range(5):
        client.post(LOGIN, {"username": "province", "password": "wrong"})
    locked = client.post(LOGIN, {"username": "province", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked.
    other = client.post(LOGIN, {"username": "district-5201", "password": DEMO_PASSWORD})
    assert other.status_code == 302


def test_logout_needs_post(login):
    client = login("province")
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302  # back to the login page


def test_password_change(login):
    client = login("officer-520101")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "ลำปาง-แผน-2570",
            "new_password2": "ลำปาง-แผน-2570",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="officer-520101").check_password("ลำปาง-แผน-2570")


def test_password_change_rejects_wrong_old_password(login):
    client = login("officer-520101")
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "ลำปาง-แผน-2570",
            "new_password2": "ลำปาง-แผน-2570",
        },
    )
    assert response.status_code == 200
    assert User.objects.get(username="officer-520101").check_password(DEMO_PASSWORD)


def test_production_hashes_with_argon2():
    from config.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = User.objects.create_user("hash-check", password="a long passphrase")
        assert identify_hasher(user.password).algorithm == "argon2"


def test_demo_accounts_refused_outside_demo_mode():
    from planlink.demo.accounts import demo_accounts_ensure

    with override_settings(DEMO_MODE=False), pytest.raises(RuntimeError):
        demo_accounts_ensure()


def test_profile_lists_roles(login):
    body = login("lao-3520101").get("/accounts/me/").content.decode()
    assert "เทศบาลนครลำปาง" in body


def test_administrator_edits_the_settings_in_the_admin(client, django_user_model):
    from planlink.plans.models import PlanSettings

    admin = django_user_model.objects.get(username="admin")
    client.force_login(admin)
    PlanSettings.current()
    page = client.get("/admin/plans/plansettings/1/change/")
    assert page.status_code == 200
    client.post(
        "/admin/plans/plansettings/1/change/",
        {
            "self_reliance_threshold": "25.00",
            "photo_max_bytes": "8388608",
            "self_done_budget_ceiling": "50000.00",
        },
    )
    assert str(PlanSettings.current().self_reliance_threshold) == "25.00"
    assert client.get("/admin/evidence/problemsettings/").status_code == 200
    assert client.get("/admin/evidence/developmentcategory/").status_code == 200
    assert client.get("/admin/evidence/indicatoredition/").status_code == 200


def test_officers_have_no_admin(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="province"))
    response = client.get("/admin/plans/plansettings/")
    assert response.status_code == 302 and "/admin/login/" in response.url
