"""The profile in steps, completeness that names what is missing, and profile photos."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mentora.lib.errors import DomainError
from mentora.people.models import Profile, ProfilePhoto, Visibility
from mentora.people.photos import SIZE, photo_normalize
from mentora.people.services import profile_photo_set

pytestmark = pytest.mark.django_db


def _jpeg_with_gps(width=800, height=600) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}  # GPS info: where it was taken
    exif[0x0112] = 6  # Orientation: rotated 90° clockwise
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_it_names_what_a_mentee_profile_is_missing_and_links_to_it(client_for, personas):
    page = client_for(personas.mentee).get(reverse("people:profile_edit")).content.decode()
    assert "Still to add" in page
    assert "Your career goals" in page
    assert f'href="{reverse("people:profile_edit")}?step=career#id_career_goals"' in page
    assert f'href="{reverse("people:availability")}"' in page  # "When you can meet"
    assert "the experience you can share" not in page.lower()  # a mentee is not asked that


def test_it_asks_a_coach_for_what_coachees_will_read_not_for_a_target_role(
    client_for, personas
):
    profile = Profile.objects.get(user=personas.coach)
    labels = [item.label for item in profile.missing()]
    assert "the role you are heading for" not in labels
    assert "your career goals" not in labels
    assert "when you can meet" in labels  # Chloe has no availability yet
    page = client_for(personas.coach).get(reverse("people:profile_edit")).content.decode()
    assert "Coachees read your profile" in page
    assert "matched to you on your career path" not in page


def test_it_saves_one_step_and_moves_on_to_the_next(client_for, personas):
    client = client_for(personas.mentee)
    url = reverse("people:profile_edit") + "?step=career"
    response = client.post(url, {
        "step": "career", "current_role": "Marketing Associate", "target_role": "Marketing Manager",
        "career_goals": "Lead a team within two years", "skills_wanted": "Negotiation, Budgeting",
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("people:profile_edit") + "?step=style"
    profile = Profile.objects.get(user=personas.mentee)
    assert profile.career_goals == "Lead a team within two years"
    assert profile.job_title == "Marketing Associate"  # basics untouched by the career step
    assert sorted(s.name for s in profile.skills_wanted.all()) == ["Budgeting", "Negotiation"]
    assert "your career goals" not in [i.label for i in profile.missing()]
    page = client.get(response["Location"]).content.decode()
    assert "Career path and experience saved. Next: style and personality." in page


def test_it_answers_bad_input_in_a_step_with_the_field_named(client_for, personas):
    response = client_for(personas.mentee).post(
        reverse("people:profile_edit") + "?step=basics",
        {"step": "basics", "job_title": "x", "years_experience": "-4", "timezone": "Mars/Base",
         "level": "mid", "meeting_format": "remote", "visibility": "organization"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page
    assert "Time zone" in page and "Years of experience" in page
    assert Profile.objects.get(user=personas.mentee).job_title == "Marketing Associate"


def test_it_resizes_a_photo_and_strips_its_metadata():
    out = photo_normalize(_jpeg_with_gps())
    with Image.open(io.BytesIO(out)) as image:
        assert image.format == "JPEG" and image.size == (SIZE, SIZE)
        assert not image.getexif()  # no camera, no GPS, no orientation left
        assert "exif" not in image.info and "icc_profile" not in image.info


@pytest.mark.parametrize(
    "data, message",
    [(b"", "Choose a photo"), (b"not an image at all", "not an image we can read")],
)
def test_it_refuses_what_is_not_a_photo_with_a_message(data, message):
    with pytest.raises(DomainError, match=message) as exc:
        photo_normalize(data)
    assert exc.value.field == "photo"


def test_it_uploads_a_photo_shows_it_and_removes_it(client_for, personas):
    client = client_for(personas.mentor)
    upload = SimpleUploadedFile("me.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(reverse("people:photo_upload"), {"photo": upload})
    assert response.status_code == 302
    profile = Profile.objects.get(user=personas.mentor)
    assert profile.photo_updated_at is not None
    detail = client_for(personas.mentee).get(reverse("people:detail", args=[personas.mentor.pk]))
    assert f'{reverse("people:photo", args=[personas.mentor.pk])}?v=' in detail.content.decode()
    image = client_for(personas.mentee).get(reverse("people:photo", args=[personas.mentor.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"SpyCam" not in image.content
    client = client_for(personas.mentor)
    client.post(reverse("people:photo_upload"), {"remove": "1"})
    assert not ProfilePhoto.objects.filter(profile__user=personas.mentor).exists()
    page = client_for(personas.mentee).get(reverse("people:detail", args=[personas.mentor.pk]))
    assert ">MM</span>" in page.content.decode()  # initials again


def test_it_refuses_a_bad_upload_naming_the_field_and_keeps_the_old_photo(client_for, personas):
    profile_photo_set(profile=personas.mentor.profile, by=personas.mentor, data=_jpeg_with_gps())
    client = client_for(personas.mentor)
    bad = SimpleUploadedFile("me.jpg", b"GIF89a broken", content_type="image/gif")
    response = client.post(reverse("people:photo_upload"), {"photo": bad})
    assert response.status_code == 400
    assert "Photo: This file is not an image we can read" in response.content.decode()
    assert ProfilePhoto.objects.filter(profile__user=personas.mentor).exists()


def test_it_shows_a_hidden_persons_photo_to_nobody_else(client_for, personas):
    profile_photo_set(profile=personas.mentor.profile, by=personas.mentor, data=_jpeg_with_gps())
    Profile.objects.filter(user=personas.mentor).update(visibility=Visibility.HIDDEN)
    url = reverse("people:photo", args=[personas.mentor.pk])
    assert client_for(personas.unrelated).get(url).status_code == 404
    assert client_for(personas.mentor).get(url).status_code == 200
    assert client_for(None).get(url).status_code == 302


def test_it_lets_nobody_change_someone_elses_photo(personas):
    with pytest.raises(DomainError):
        profile_photo_set(profile=personas.mentor.profile, by=personas.mentee, data=b"x")
