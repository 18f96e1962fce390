"""The duplicate check and the selection for the district. No app_name: included into the
integration namespace."""

from django.urls import path

from planlink.integration import views_duplicates, views_selection

urlpatterns = [
    path("areas/<str:code>/duplicates/", views_duplicates.area_duplicates, name="duplicates"),
    path("duplicates/decide/", views_duplicates.duplicate_decide, name="duplicate_decide"),
    path(
        "areas/<str:code>/tambon-plan/selection/",
        views_selection.selection_page,
        name="selection",
    ),
    path(
        "areas/<str:code>/tambon-plan/selection/issues/<int:issue>/",
        views_selection.selection_override,
        name="selection_override",
    ),
    path(
        "areas/<str:code>/tambon-plan/selection/send/",
        views_selection.selection_send,
        name="selection_send",
    ),
    path(
        "areas/<str:code>/district-plan/", views_selection.district_plan_page, name="district_plan"
    ),
]
