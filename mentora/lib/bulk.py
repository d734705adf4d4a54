"""Bulk SQL for imports of many rows: chunked IN lists, multi-row INSERT (COPY on PostgreSQL),
executemany UPDATE, many-to-many sync. Knows no domain; the people and enrollment imports use it.

bulk_create/bulk_update compile every field of every object through the ORM, which for a
profile (45 columns) took ~40 s per 100,000 rows here. These helpers prepare each value
once: multi-row INSERTs (COPY on PostgreSQL) and one UPDATE statement run with
executemany. bench/import_people.py measures them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connections, router
from django.db.models import Model
from django.utils import timezone

BATCH = 900  # ids per IN (...) list: under SQLite's oldest limit of 999 parameters
ROWS_PER_CALL = 5000


def chunked(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def unusable_password() -> str:
    """What set_unusable_password() stores, without its per-call cost for 100,000 users."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def insert_rows(model: type[Model], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts keyed by field attname, all with the same keys) in bulk.

    Fields a row leaves out take their model default (auto_now fields: now). No ids come
    back; ask for them by a unique key afterwards.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    given = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    rest = [
        f for f in model._meta.concrete_fields
        if f.attname not in rows[0] and f is not model._meta.auto_field
    ]
    now = timezone.now()
    defaults = []
    for f in rest:
        auto_now = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        value = now if auto_now else f.get_default()  # "" for text fields without a default
        if value is None and not f.null:
            raise ValueError(f"{model.__name__}.{f.attname} needs a value.")
        defaults.append(f.get_db_prep_save(value, connection))
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in [*given, *rest])
    prepared = (
        [*(f.get_db_prep_save(row[f.attname], connection) for f in given), *defaults]
        for row in rows
    )
    with connection.cursor() as cursor:
        if hasattr(cursor.cursor, "copy"):  # psycopg 3: COPY is several times faster
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
            return
        width = len(given) + len(rest)
        per_statement = max(1, min(1000, _max_params(connection) // width))
        row_marks = "(" + ", ".join(["%s"] * width) + ")"
        while batch := list(islice(prepared, per_statement)):
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES " + ", ".join([row_marks] * len(batch)),
                [value for values in batch for value in values],
            )


def _max_params(connection: Any) -> int:
    return connection.features.max_query_params or 65535


def update_rows(model: type[Model], fields: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE the given fields (attnames) of rows (dicts with "pk" and those fields) in bulk."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    targets = [by_attname[name] for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in targets)
    assert meta.pk is not None
    key = quote(meta.pk.column)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {key} = %s"
    with connection.cursor() as cursor:
        for chunk in chunked(rows, ROWS_PER_CALL):
            cursor.executemany(
                sql,
                [
                    [*(f.get_db_prep_save(row[f.attname], connection) for f in targets), row["pk"]]
                    for row in chunk
                ],
            )


def ids_by(model: type[Model], key: str, values: Iterable[Any]) -> dict[Any, int]:
    """{key value: pk} for rows whose `key` is one of `values`.

    Asked in chunks of IN (...) lists; for many values one pass over the table is faster.
    """
    wanted = list(values)
    rows = model._default_manager.values_list(key, "pk").order_by()
    if len(wanted) > 20 * BATCH:
        keep = set(wanted)
        return {k: pk for k, pk in rows.iterator(chunk_size=5000) if k in keep}
    ids: dict[Any, int] = {}
    for chunk in chunked(wanted):
        ids.update(rows.filter(**{f"{key}__in": chunk}))
    return ids


def names_to_ids(
    model: type[Model], names: Iterable[str], *, title: bool = False
) -> dict[str, int]:
    """{lower-cased name: id} for these names, creating the missing ones (matched any case)."""
    manager = model._default_manager
    ids = {name.lower(): pk for pk, name in manager.values_list("pk", "name")}
    wanted = {name.lower(): name for name in names}
    missing = [name.title() if title else name for key, name in wanted.items() if key not in ids]
    if missing:
        manager.bulk_create([model(name=name) for name in missing])
        ids = {name.lower(): pk for pk, name in manager.values_list("pk", "name")}
    return ids


def m2m_links(through: type[Model], owner: str, target: str) -> dict[int, dict[int, int]]:
    """{owner id: {target id: link row id}} for every row of a many-to-many table."""
    links: dict[int, dict[int, int]] = {}
    rows = through._default_manager.values_list("pk", owner, target).order_by()
    for pk, owner_id, target_id in rows.iterator(chunk_size=5000):
        links.setdefault(owner_id, {})[target_id] = pk
    return links


def m2m_sync(
    through: type[Model],
    owner: str,
    target: str,
    current: dict[int, dict[int, int]],
    wanted: dict[int, set[int]],
) -> None:
    """Make each owner's links exactly `wanted[owner]`, deleting and inserting in bulk."""
    stale = [
        pk
        for owner_id, targets in wanted.items()
        for target_id, pk in current.get(owner_id, {}).items()
        if target_id not in targets
    ]
    for ids in chunked(stale):
        through._default_manager.filter(pk__in=ids).delete()
    insert_rows(
        through,
        [
            {owner: owner_id, target: target_id}
            for owner_id, targets in wanted.items()
            for target_id in targets
            if target_id not in current.get(owner_id, {})
        ],
    )
