from django.urls import path

from planlink.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("areas/<str:code>/issues/", views.issues_page, name="issues"),
    path("areas/<str:code>/issues/<int:pk>/delete/", views.issue_delete, name="issue_delete"),
    path("areas/<str:code>/calendar/", views.calendar_page, name="calendar"),
    path("areas/<str:code>/learning/", views.learning_page, name="learning"),
    path("areas/<str:code>/learning/<int:pk>/file/", views.medium_file, name="medium_file"),
    path("areas/<str:code>/learning/<int:pk>/remove/", views.medium_remove, name="medium_remove"),
    path("areas/<str:code>/facilitators/", views.facilitators_page, name="facilitators"),
    path(
        "areas/<str:code>/facilitators/<int:pk>/remove/",
        views.facilitator_remove,
        name="facilitator_remove",
    ),
]
