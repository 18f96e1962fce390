from django.urls import path

from planlink.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("areas/<str:code>/issues/", views.issues_page, name="issues"),
    path("areas/<str:code>/issues/<int:pk>/delete/", views.issue_delete, name="issue_delete"),
    path("areas/<str:code>/strategies/", views.strategies_page, name="strategies"),
    path("strategies/sample.xlsx", views.strategy_sample, name="strategy_sample"),
    path("strategies/<int:pk>/", views.strategy_page, name="strategy"),
    path("strategies/<int:pk>/xlsx/", views.strategy_xlsx, name="strategy_xlsx"),
    path(
        "strategies/<int:pk>/nodes/<int:node>/remove/",
        views.strategy_node_delete,
        name="strategy_node_delete",
    ),
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
