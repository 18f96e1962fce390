from pathlib import Path

import polib
import pytest
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale/th/LC_MESSAGES/django.po"


def test_thai_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    assert untranslated == []
    compiled = {
        e.msgid: (e.msgstr or e.msgstr_plural.get(0))
        for e in polib.mofile(str(PO.with_suffix(".mo")))
    }
    source = {e.msgid: (e.msgstr or e.msgstr_plural.get(0)) for e in po if not e.obsolete}
    source.pop("", None)
    compiled.pop("", None)
    assert compiled == source, "run `make messages` (or scripts/th_catalog.py) to recompile"


@pytest.mark.django_db
def test_thai_by_default_even_for_english_browsers(login):
    client = login("province")
    body = client.get("/areas/52/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "งานที่รอคุณ" in body and "To do" not in body


@pytest.mark.django_db
def test_language_switch_to_english_and_back(login):
    client = login("province")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/areas/5201/"})
    assert response.status_code == 302
    body = client.get("/areas/5201/").content.decode()
    assert "To do" in body and "Mueang Lampang" in body
    client.post("/i18n/setlang/", {"language": "th", "next": "/"})
    assert "งานที่รอคุณ" in client.get("/areas/5201/").content.decode()


def test_every_catalogue_entry_is_written_in_the_catalogue_script():
    """makemessages may guess translations from similar strings (fuzzy); only translations
    written in scripts/th_catalog.py are trusted, and placeholders must match."""
    import importlib.util
    import re

    spec = importlib.util.spec_from_file_location(
        "th_catalog", settings.BASE_DIR / "scripts/th_catalog.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    placeholder = re.compile(r"%\((\w+)\)s")
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or not entry.msgid:
            continue
        assert entry.msgid in module.THAI, f"not in th_catalog.py: {entry.msgid!r}"
        translated = entry.msgstr or entry.msgstr_plural.get(0, "")
        assert set(placeholder.findall(entry.msgid)) == set(placeholder.findall(translated)), (
            entry.msgid
        )
