from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The user's own pages above the domain apps: the home page (what waits for me) and the
    background jobs' pages. It may know every domain app; none of them imports it."""

    name = "planlink.workspace"
    label = "workspace"
    verbose_name = _("Workspace")
