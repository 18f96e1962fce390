from django.urls import path

from planlink.integration import views

app_name = "integration"
urlpatterns = [
    path("areas/<str:code>/tambon-plan/", views.tambon_plan, name="tambon_plan"),
    path("areas/<str:code>/tambon-plan/consolidate/", views.consolidate, name="consolidate"),
    path("tambon/items/<int:pk>/", views.item_action, name="item_action"),
    path("tambon/versions/<int:pk>/merge/", views.merge, name="merge"),
    path("tambon/versions/<int:pk>/add/", views.add, name="add"),
]
