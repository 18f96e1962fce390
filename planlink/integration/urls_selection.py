"""The duplicate check and the selection for the district. No app_name: included into the
integration namespace."""

from django.urls import path

from planlink.integration import views_chain, views_district, views_duplicates, views_selection

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
    # The District Development Plan (views_district).
    path(
        "areas/<str:code>/district-plan/", views_district.district_plan_page, name="district_plan"
    ),
    path(
        "areas/<str:code>/district-plan/coverage/",
        views_district.district_coverage_page,
        name="district_coverage",
    ),
    path("district/versions/<int:pk>/merge/", views_district.district_merge, name="district_merge"),
    path("district/versions/<int:pk>/add/", views_district.district_add, name="district_add"),
    path(
        "district/versions/<int:pk>/approve/",
        views_district.district_approve,
        name="district_approve",
    ),
    path("district/versions/<int:pk>/send/", views_district.district_send, name="district_send"),
    path(
        "district/versions/<int:pk>/plan.xlsx", views_district.district_xlsx, name="district_xlsx"
    ),
    path(
        "district/versions/<int:pk>/alignments/confirm/",
        views_district.alignments_confirm_all,
        name="alignments_confirm_all",
    ),
    path("district/plans/<int:pk>/revise/", views_district.district_revise, name="district_revise"),
    path("district/alignments/<int:pk>/", views_district.alignment_decide, name="alignment_decide"),
    path("district/items/<int:pk>/align/", views_district.alignment_add, name="alignment_add"),
    # The lineage of any item, as one chain (views_chain).
    path("plans/items/<int:pk>/chain/", views_chain.item_chain, name="item_chain"),
]
