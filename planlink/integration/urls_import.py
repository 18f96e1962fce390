"""Importing a tambon plan made outside planlink. No app_name: these are included into the
integration namespace (integration:tambon_import, integration:tambon_import_sample)."""

from django.urls import path

from planlink.integration import views_import as views

urlpatterns = [
    path("areas/<str:code>/tambon-plan/import/", views.tambon_import, name="tambon_import"),
    path(
        "areas/<str:code>/tambon-plan/import/sample.xlsx",
        views.tambon_import_sample,
        name="tambon_import_sample",
    ),
]
