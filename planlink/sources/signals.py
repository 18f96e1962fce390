"""Told when a list's lines change, so the index of proposals (integration) stays current.

integration connects to it in its AppConfig.ready; sources does not import integration."""

from django.dispatch import Signal

# sender=SourceList, source_list=<SourceList> (lines replaced) or deleted=<pk> (list removed)
list_changed = Signal()
