from django.urls import reverse


def test_livez_answers_without_login_or_database(client):
    # No db fixture: any query would raise, so this also proves the view never touches it.
    response = client.get("/livez")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content == b"ok\n"
    assert "sessionid" not in response.cookies
    assert reverse("livez") == "/livez"


def test_livez_only_answers_get(client):
    assert client.post("/livez").status_code == 405


def test_healthz_asks_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
