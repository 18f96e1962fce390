from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _on_connection(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
    if connection.vendor == "sqlite":
        from planlink.core.collation import register_sqlite_collation

        register_sqlite_collation(connection.connection)


class CoreConfig(AppConfig):
    name = "planlink.core"
    label = "core"
    verbose_name = "planlink core"

    def ready(self) -> None:
        connection_created.connect(_on_connection, dispatch_uid="planlink-thai-collation")
