"""Told when the items of a plan change (created, edited, dropped, deleted, a revision
started), so the index of proposals (integration) stays current. Sent inside the writer's
transaction; integration connects to it in its AppConfig.ready (plans does not import it)."""

from django.dispatch import Signal

# sender=Plan, plan=<Plan>
items_changed = Signal()
