"""The learning media library: the provincial offices add and remove media, everyone in the
province reads and searches them (in Thai), files go only to those who may see the province."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from planlink.accounts.models import User
from planlink.areas.models import Area
from planlink.frameworks import selectors, services
from planlink.frameworks.models import LearningMedium
from planlink.frameworks.selectors import text_matches

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _province() -> Area:
    return Area.objects.get(code="52")


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr(part, "<x/>")
    return buffer.getvalue()


def _add(title: str, *, user: object = None, **extra: object) -> LearningMedium:
    data = {
        "title": title,
        "topic": extra.pop("topic", "manual"),
        "audiences": extra.pop("audiences", ("tcoc",)),
        "description": extra.pop("description", ""),
        "url": extra.pop("url", "https://www.cdd.go.th/"),
    }
    return services.medium_add(
        user=user or User.objects.get(username="province"),
        province=extra.pop("province", _province()),
        data=services.MediumData(**data),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def test_thai_text_is_found_by_words_typed_with_or_without_spaces():
    text = "คู่มือการจัดทำแผนชุมชน สำหรับคณะกรรมการหมู่บ้าน และ ศอช.ต."
    assert text_matches("แผนชุมชน", text)
    assert text_matches("คู่มือแผนชุมชน", text)  # Thai words run together: cut, then found
    assert text_matches("แผนชุมชน คู่มือ", text)
    assert text_matches("ศอช.ต.", text)
    assert not text_matches("วิดีโอ", text)
    assert not text_matches("คู่มือ วิดีโอ", text)  # every word must be there
    assert text_matches("Manual", "Community plan MANUAL")
    assert text_matches("๒๕๗๐", "ปฏิทินปี 2570")  # Thai digits read as Arabic


def test_the_province_adds_links_and_files_and_people_search_them_in_thai():
    _add("คู่มือการจัดทำแผนชุมชน", topic="manual", audiences=("committee", "tcoc"))
    _add("วิดีโอเวทีประชาคมตำบล", topic="video", audiences=("tcoc", "officers"))
    leaflet = _add(
        "การใช้ชุดข้อมูล จปฐ.",
        topic="data_pack",
        audiences=("committee",),
        url="",
        upload=SimpleUploadedFile("ใบความรู้.pdf", PDF),
        description="อ่านตัวชี้วัดที่ไม่ผ่านเกณฑ์",
    )
    assert (leaflet.content_type, leaflet.file_name, leaflet.file_size) == (
        "application/pdf",
        "ใบความรู้.pdf",
        len(PDF),
    )
    assert leaflet.file.name.startswith("learning/52/") and leaflet.history.count() == 1

    def titles(**filters: str) -> list[str]:
        return [m.title for m in selectors.media_for(province="52", **filters)]

    assert titles(query="แผนชุมชน") == ["คู่มือการจัดทำแผนชุมชน"]
    assert titles(query="ประชาคม") == ["วิดีโอเวทีประชาคมตำบล"]
    assert titles(query="ไม่ผ่านเกณฑ์") == ["การใช้ชุดข้อมูล จปฐ."]  # the description too
    assert titles(query="ไม่มีคำนี้เลย") == []
    assert titles(topic="video") == ["วิดีโอเวทีประชาคมตำบล"]
    assert set(titles(audience="committee")) == {"คู่มือการจัดทำแผนชุมชน", "การใช้ชุดข้อมูล จปฐ."}


def test_files_are_checked_by_kind_and_size(settings):
    with pytest.raises(ValidationError, match="รับเฉพาะไฟล์"):
        _add("x", url="", upload=SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match=r"ไม่ใช่ไฟล์ \.pdf จริง"):
        _add("x", url="", upload=SimpleUploadedFile("renamed.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ValidationError, match=r"ไม่ใช่ไฟล์ \.pptx จริง"):
        _add("x", url="", upload=SimpleUploadedFile("deck.pptx", _office("word/document.xml")))
    deck = _add(
        "ภาพพลิก", url="", upload=SimpleUploadedFile("deck.pptx", _office("ppt/presentation.xml"))
    )
    assert deck.content_type.endswith("presentationml.presentation")
    settings.LEARNING_MEDIUM_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="ไฟล์ใหญ่เกิน"):
        _add("x", url="", upload=SimpleUploadedFile("big.pdf", PDF))
    with pytest.raises(ValidationError, match="ไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง"):
        _add("x", url="https://example.org/", upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(ValidationError, match="ไฟล์หรือลิงก์"):
        _add("x", url="")
    with pytest.raises(ValidationError):
        _add("x", url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="เลขประจำตัวประชาชน"):
        _add("x", description="ผู้ประสานงาน 1101700230708")
    assert LearningMedium.objects.filter(title="x").count() == 0


@pytest.mark.parametrize(
    "username", ["tambon-520101", "officer-520101", "village-52010101", "district-5201"]
)
def test_no_one_below_the_province_adds_or_removes_media(username):
    medium = _add("คู่มือ")
    before = list(LearningMedium.objects.values_list("pk", "title"))
    user = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        _add("เพิ่มโดยไม่มีสิทธิ์", user=user)
    with pytest.raises(PermissionDenied):
        services.medium_remove(user=user, medium=medium)
    assert list(LearningMedium.objects.values_list("pk", "title")) == before


def test_national_media_are_added_only_over_the_whole_country():
    with pytest.raises(PermissionDenied):
        _add("ระดับประเทศ", province=None)  # the province's office: not national
    national = _add("ระดับประเทศ", province=None, user=User.objects.get(username="admin"))
    assert national.province_id is None
    assert "ระดับประเทศ" in [m.title for m in selectors.media_for(province="52")]
    with pytest.raises(PermissionDenied):
        services.medium_remove(user=User.objects.get(username="province"), medium=national)


def test_the_page_and_the_files_follow_the_province(login, django_user_model):
    client = login("province")
    page = client.get("/areas/52/learning/")
    assert page.status_code == 200 and 'name="title"' in page.content.decode()
    response = client.post(
        "/areas/52/learning/",
        {
            "title": "คู่มือแผนชุมชน (ฉบับย่อ)",
            "topic": "manual",
            "audiences": ["committee", "tcoc"],
            "file": SimpleUploadedFile("คู่มือ.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    medium = LearningMedium.objects.get(title="คู่มือแผนชุมชน (ฉบับย่อ)")
    refused = client.post(
        "/areas/52/learning/", {"title": "ไม่มีกลุ่ม", "topic": "manual", "url": "https://a.org/"}
    )
    assert refused.status_code == 422
    assert not LearningMedium.objects.filter(title="ไม่มีกลุ่ม").exists()

    client = login("village-52010101")
    page = client.get("/areas/52010101/learning/?q=คู่มือ&audience=committee")
    body = page.content.decode()
    assert page.status_code == 200 and "คู่มือแผนชุมชน (ฉบับย่อ)" in body
    assert 'name="title"' not in body  # reads, does not add
    file = client.get(f"/areas/52010101/learning/{medium.pk}/file/")
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert b"".join(file.streaming_content).startswith(b"%PDF")
    assert "private" in file["Cache-Control"]
    assert client.get("/areas/52010101/learning/?q=ไม่มีเลย").context["media"] == []
    denied = client.post(f"/areas/52010101/learning/{medium.pk}/remove/")
    assert denied.status_code == 403
    add = client.post(
        "/areas/52010101/learning/",
        {"title": "x", "topic": "manual", "audiences": ["tcoc"], "url": "https://a.org/"},
    )
    assert add.status_code == 403
    assert LearningMedium.objects.filter(pk=medium.pk).exists()
    assert not LearningMedium.objects.filter(title="x").exists()

    nobody = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(nobody)
    assert client.get("/areas/52/learning/").status_code == 403
    assert client.get(f"/areas/52/learning/{medium.pk}/file/").status_code == 403

    client = login("province")
    assert client.post(f"/areas/52/learning/{medium.pk}/remove/").status_code == 302
    assert not LearningMedium.objects.filter(pk=medium.pk).exists()
