from django.urls import path

from planlink.sources import views

app_name = "sources"
urlpatterns = [
    path("areas/<str:code>/sources/", views.sources_page, name="area"),
    path("areas/<str:code>/sources/import/local/", views.local_plan_import, name="import_local"),
    path(
        "areas/<str:code>/sources/import/provincial/",
        views.provincial_import,
        name="import_provincial",
    ),
    path("areas/<str:code>/sources/import/agency/", views.agency_import, name="import_agency"),
    path("sources/<int:pk>/", views.source_list_page, name="list"),
    path("sources/<int:pk>/delete/", views.source_list_delete, name="delete"),
    path("sources/samples/<str:kind>/", views.sample, name="sample"),
]
