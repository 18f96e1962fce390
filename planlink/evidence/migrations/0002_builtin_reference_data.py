from django.db import migrations


def load(apps, schema_editor):
    from planlink.evidence.editions import builtin_editions_ensure

    builtin_editions_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
