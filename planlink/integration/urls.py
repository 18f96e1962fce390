from django.urls import path

from planlink.integration import views, views_forum

app_name = "integration"
urlpatterns = [
    path("areas/<str:code>/tambon-plan/", views.tambon_plan, name="tambon_plan"),
    path("areas/<str:code>/tambon-plan/consolidate/", views.consolidate, name="consolidate"),
    path("areas/<str:code>/tambon-plan/forum/", views_forum.forum_page, name="forum"),
    path("tambon/forums/<int:pk>/issues/<int:issue>/tally/", views_forum.tally, name="tally"),
    path("tambon/forums/<int:pk>/minutes/", views_forum.minutes, name="forum_minutes"),
    path("tambon/items/<int:pk>/", views.item_action, name="item_action"),
    path("tambon/versions/<int:pk>/merge/", views.merge, name="merge"),
    path("tambon/versions/<int:pk>/add/", views.add, name="add"),
]

# The hand-off of the tambon plan to the local governments (views_handoff).
from planlink.integration.urls_handoff import urlpatterns as handoff_urls  # noqa: E402

urlpatterns += handoff_urls

# A tambon plan made outside planlink, imported from XLSX (views_import, seed item 5.2).
from planlink.integration.urls_import import urlpatterns as import_urls  # noqa: E402

urlpatterns += import_urls

# The tambon plan as a document: PDF, XLSX, DOCX (views_documents).
from planlink.integration.urls_documents import urlpatterns as document_urls  # noqa: E402

urlpatterns += document_urls

# The duplicate check across budget sources and the selection for the district.
from planlink.integration.urls_selection import urlpatterns as selection_urls  # noqa: E402

urlpatterns += selection_urls
