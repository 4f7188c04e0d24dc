from django.db import migrations


def load(apps, schema_editor):
    from fragola.registry.territory import territory_load

    territory_load(
        region_model=apps.get_model("registry", "Region"),
        province_model=apps.get_model("registry", "Province"),
        comune_model=apps.get_model("registry", "Comune"),
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
