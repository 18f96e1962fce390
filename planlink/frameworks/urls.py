from django.urls import path

from planlink.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("areas/<str:code>/issues/", views.issues_page, name="issues"),
    path("areas/<str:code>/issues/<int:pk>/delete/", views.issue_delete, name="issue_delete"),
]
