"""People's rules for a person's data (collected by mentora.accounts.gdpr; docs/gdpr.md)."""

from __future__ import annotations

import base64
from typing import Any, cast

from django.db.models import Model

from mentora.lib.data_rules import EXCLUDE, INCLUDE, DataRules, data_rules_register
from mentora.people.models import Profile, ProfilePhoto


def _add_profile_lists(user: Any, records: dict[str, dict[int, dict[str, Any]]]) -> None:
    """Skills, languages and availability are many-to-many rows; name them on the profile.
    The photo, if any, goes on the profile too: the JPEG Mentora keeps, base64-encoded."""
    profiles = records.get("people.Profile", {})
    for profile in Profile.objects.filter(user=user).prefetch_related():
        row = profiles.get(profile.pk)
        if row is None:
            continue
        for f in profile._meta.many_to_many:
            row[f.name] = sorted(str(v) for v in getattr(profile, f.name).all())
        photo = ProfilePhoto.objects.filter(profile=profile).first()
        row["photo"] = None if photo is None else {
            "content_type": "image/jpeg",
            "updated_at": photo.updated_at,
            "base64": base64.b64encode(bytes(photo.image)).decode("ascii"),
        }


def _anonymise_profile(user: Any) -> None:
    """Every profile field back to its default; skills, languages, availability removed."""
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return
    for f in profile._meta.concrete_fields:
        if f.primary_key or f.name == "user" or not f.editable:
            continue
        if f.is_relation:
            if f.null:
                setattr(profile, f.attname, None)
            continue
        setattr(profile, f.attname, f.get_default())
    profile.visibility = "hidden"  # never listed again, even if reactivated by mistake
    profile.save()
    for f in profile._meta.many_to_many:
        getattr(profile, f.name).clear()
    for rel in profile._meta.related_objects:
        related = cast(type[Model], rel.related_model)
        if rel.one_to_many and related._meta.app_label == "people":
            related._default_manager.filter(**{rel.field.name: profile}).delete()


RULES = data_rules_register(
    DataRules(
        app="people",
        export_rules={
            # Other people's profiles, naming this person as their line manager.
            "people.Profile.user": INCLUDE,
            "people.Profile.manager": EXCLUDE,
            "people.RoleChange.person": INCLUDE,  # their own job history from HRIS imports
            "people.ImportSettings.updated_by": EXCLUDE,  # organization configuration
            "people.ImportUpload.owner": EXCLUDE,  # an HR file about other people, kept an hour
        },
        export_complete=_add_profile_lists,
        erase_delete=["people.ImportUpload.owner"],
        erase_complete=_anonymise_profile,
    )
)
