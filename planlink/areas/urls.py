from django.urls import path

from planlink.areas import views

app_name = "areas"
urlpatterns = [
    path("areas/<str:code>/", views.area_detail, name="detail"),
    path("areas/<str:code>/children.xlsx", views.area_children_xlsx, name="children_xlsx"),
    path("areas/<str:code>/history/", views.area_history, name="history"),
    path("areas/<str:code>/villages/import/", views.villages_import_view, name="villages_import"),
    path("lao/<str:code>/", views.local_government_detail, name="lao"),
]
