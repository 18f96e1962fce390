from django.db import migrations


def load(apps, schema_editor):
    from planlink.frameworks.national import load_national

    load_national(apps.get_model("frameworks", "Framework"), apps.get_model("frameworks", "FrameworkNode"))


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0003_strategy_frameworks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
