from django.urls import path

from planlink.plans import views
from planlink.plans.views import area as area_views

app_name = "plans"
urlpatterns = [
    path("areas/<str:code>/plan/", views.plan_page, name="plan"),
    path("areas/<str:code>/plan/create/", views.plan_create, name="create"),
    path("areas/<str:code>/working-groups/", views.working_groups, name="working_groups"),
    path("areas/<str:code>/plans/", views.plans_overview, name="overview"),
    path("areas/<str:code>/plans.xlsx", area_views.plans_overview_xlsx, name="overview_xlsx"),
    path("lao/<str:code>/plans/", area_views.local_government_plans, name="lao_plans"),
    path(
        "lao/<str:code>/plans.xlsx", area_views.local_government_plans_xlsx, name="lao_plans_xlsx"
    ),
    path("plans/versions/<int:pk>/items/new/", views.item_new, name="item_new"),
    path("plans/versions/<int:pk>/transition/", views.version_transition, name="transition"),
    path("plans/versions/<int:pk>/plan.xlsx", views.version_xlsx, name="xlsx"),
    path("plans/versions/<int:pk>/plan.pdf", views.version_pdf, name="pdf"),
    path("plans/versions/<int:pk>/import/", views.version_import, name="import"),
    path("plans/<int:pk>/revise/", views.plan_revise, name="revise"),
    path("plans/versions/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("plans/comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("plans/items/<int:pk>/", views.item_page, name="item"),
    path("plans/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("plans/items/<int:pk>/row/", views.item_row, name="item_row"),
    path("plans/items/<int:pk>/move/", views.item_move, name="item_move"),
    path("plans/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("plans/photos/<int:pk>/", views.report_photo, name="photo"),
]
