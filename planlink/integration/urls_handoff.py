"""The hand-off of tambon plans to local governments. No app_name: these are included into
the integration namespace (integration:handoff_…)."""

from django.urls import path

from planlink.integration import views_handoff as views

urlpatterns = [
    path("lao/<str:lg_code>/tambon-plans/", views.lao_tambon_plans, name="handoff_lao"),
    path(
        "lao/<str:lg_code>/tambon-plans/items/<int:pk>/decision/",
        views.adopt,
        name="handoff_adopt",
    ),
    path(
        "lao/<str:lg_code>/tambon-plans/<str:tambon_code>.xlsx",
        views.handoff_xlsx,
        name="handoff_xlsx",
    ),
    path(
        "lao/<str:lg_code>/tambon-plans/<str:tambon_code>.pdf",
        views.handoff_pdf_view,
        name="handoff_pdf",
    ),
    path("areas/<str:code>/tambon-plan/handoff/", views.tambon_handoff, name="handoff_summary"),
]
