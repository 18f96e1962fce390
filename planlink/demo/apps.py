from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Lampang demo: synthetic villages, local governments, survey data, accounts and
    village plans, written through the domain apps' own services (`manage.py demo_setup`).
    Above the domain apps; none of them imports it."""

    name = "planlink.demo"
    label = "demo"
    verbose_name = _("Demo")
