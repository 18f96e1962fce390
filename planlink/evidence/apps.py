from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "planlink.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from planlink.core import jobs

        jobs.keep_files_of(_household_files)


def _household_files() -> set[str]:
    """The household-file folders that BMN imports refer to (kept by the sweep)."""
    from planlink.evidence.models import BmnImport

    return set(
        BmnImport.objects.exclude(household_file="").values_list("household_file", flat=True)
    )
