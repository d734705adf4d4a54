from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0004_name_trigram_index")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="preferred_name",
            field=models.CharField(
                blank=True, help_text="The name you go by (empty: your full name).", max_length=120
            ),
        ),
    ]
