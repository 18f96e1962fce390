from django.urls import path

from planlink.evidence import views

app_name = "evidence"
urlpatterns = [
    path("areas/<str:code>/evidence/", views.area_pack_page, name="pack"),
    path("areas/<str:code>/evidence.pdf", views.area_pack_pdf, name="pack_pdf"),
    path("areas/<str:code>/evidence.xlsx", views.area_pack_xlsx, name="pack_xlsx"),
    path("areas/<str:code>/households/", views.village_households, name="households"),
    path("areas/<str:code>/evidence/import/", views.evidence_import_view, name="import"),
    path("lao/<str:code>/evidence/", views.lao_pack_page, name="lao_pack"),
    path("lao/<str:code>/evidence.pdf", views.lao_pack_pdf, name="lao_pack_pdf"),
    path("lao/<str:code>/evidence.xlsx", views.lao_pack_xlsx, name="lao_pack_xlsx"),
]
