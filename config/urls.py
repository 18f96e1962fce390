from django.contrib import admin
from django.urls import include, path

from planlink.core import views as core_views
from planlink.workspace import views as workspace_views

urlpatterns = [
    path("", workspace_views.home, name="home"),
    path("notifications/", workspace_views.notifications, name="notifications"),
    path("healthz", core_views.healthz, name="healthz"),  # readiness: the database answers
    path("livez", core_views.livez, name="livez"),  # liveness: the process answers
    path("jobs/<int:pk>/", workspace_views.job_detail, name="job"),
    path("jobs/<int:pk>/retry/", workspace_views.job_retry, name="job_retry"),
    path("accounts/", include("planlink.accounts.urls")),
    path("", include("planlink.areas.urls")),
    path("", include("planlink.evidence.urls")),
    path("", include("planlink.plans.urls")),
    path("", include("planlink.frameworks.urls")),
    path("", include("planlink.integration.urls")),
    path("", include("planlink.sources.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "planlink.core.views.forbidden"
handler404 = "planlink.core.views.not_found"
