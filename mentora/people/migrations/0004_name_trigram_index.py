"""A trigram index on people's names, on PostgreSQL only, for the directory's `?q=` search.

The directory finds a name with `UPPER(full_name) LIKE UPPER('%…%')` (Django's `icontains`).
A b-tree cannot answer a substring search; a pg_trgm GIN index on the same expression can, so
the search looks up matching names instead of reading all people. The index is on the
accounts table but exists for the directory's search, so it lives with the directory.
SQLite has no trigram index: there the same query reads the offering profiles' names, which
is correct and fast enough at that size.
"""

from django.db import migrations, transaction

INDEX = "accounts_user_full_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:  # noqa: BLE001 -- the search stays correct without the index
            print(
                f"\n  people.0004: no trigram index ({exc}). The directory search works without "
                "it, only slower; ask a superuser to run CREATE EXTENSION pg_trgm, then "
                "re-run this migration (migrate people 0003, migrate)."
            )
            return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON accounts_user "
            "USING gin ((UPPER(full_name::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_profile_offering_index"),
        ("accounts", "0002_token_scope"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
