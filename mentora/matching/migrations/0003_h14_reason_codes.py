"""Explanations become reason codes with parameters; drafts get a number per program."""

from django.db import migrations, models

from mentora.matching.legacy_reasons import convert_list


def forwards(apps, schema_editor):
    DraftPair = apps.get_model("matching", "DraftPair")
    MatchExplanation = apps.get_model("matching", "MatchExplanation")
    UnmatchedMentee = apps.get_model("matching", "UnmatchedMentee")
    MatchRun = apps.get_model("matching", "MatchRun")
    for model in (DraftPair, MatchExplanation):
        batch = []
        for row in model.objects.only("pk", "contributions").iterator(chunk_size=500):
            row.contributions = convert_list(row.contributions)
            batch.append(row)
            if len(batch) >= 500:
                model.objects.bulk_update(batch, ["contributions"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["contributions"])
    for row in UnmatchedMentee.objects.only("pk", "reason").iterator(chunk_size=500):
        if row.reason:
            UnmatchedMentee.objects.filter(pk=row.pk).update(params={"legacy": row.reason})
    counters: dict[int, int] = {}
    runs = MatchRun.objects.filter(purpose="run").order_by("created_at", "pk")
    for pk, program_id in runs.values_list("pk", "program_id"):
        counters[program_id] = counters.get(program_id, 0) + 1
        MatchRun.objects.filter(pk=pk).update(number=counters[program_id])


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_explanation_source")]

    operations = [
        migrations.AddField(
            model_name="matchrun",
            name="number",
            field=models.PositiveIntegerField(
                blank=True, help_text="Draft number within the program (1, 2, …).", null=True
            ),
        ),
        migrations.AddField(
            model_name="matchrun",
            name="path_fit",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Matched mentees whose mentor held their target role / a related role "
                "/ neither, and the best achievable in the pool.",
            ),
        ),
        migrations.AddField(
            model_name="unmatchedmentee",
            name="params",
            field=models.JSONField(
                blank=True, default=dict, help_text="The reason's parameters (closest mentors, …)."
            ),
        ),
        migrations.AlterField(
            model_name="draftpair",
            name="contributions",
            field=models.JSONField(
                default=list,
                help_text="[{factor, weight, value, contribution, code, params}], best first.",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="unmatchedmentee", name="reason"),
    ]
