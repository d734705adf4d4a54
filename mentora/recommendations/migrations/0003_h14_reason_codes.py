"""The explanation a mentee saw when choosing becomes reason codes with parameters."""

from django.db import migrations

from mentora.matching.legacy_reasons import convert_list


def forwards(apps, schema_editor):
    MentorChoice = apps.get_model("recommendations", "MentorChoice")
    for row in MentorChoice.objects.exclude(explanation={}).only("pk", "explanation").iterator():
        ex = row.explanation
        if isinstance(ex, dict) and isinstance(ex.get("contributions"), list):
            ex["contributions"] = convert_list(ex["contributions"])
            MentorChoice.objects.filter(pk=row.pk).update(explanation=ex)


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0002_choice_explanation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
