"""`manage.py check_restore`: a restored copy with every file passes; a missing one fails."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.factories import ParticipantFactory, UserFactory


def png() -> ContentFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="poster.png")


@pytest.fixture
def restored(settings, tmp_path, db):
    """A small site as a restore leaves it: an account, a participant, an image, a document."""
    settings.MEDIA_ROOT = tmp_path
    UserFactory()
    ParticipantFactory(first_name="Ottavia", last_name="Quintavalle", email="o.q@example.org")
    image = get_image_model().objects.create(title="Poster", file=png())
    document = get_document_model().objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf")
    )
    return image, document


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("check_restore", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_complete_restore_passes_and_shows_counts_but_no_names(restored):
    out, _err = run()
    assert "migrations: all applied" in out
    assert "participants: 1" in out
    assert "images files: 1 of 1 present" in out
    assert "documents files: 1 of 1 present" in out
    assert "The restore looks complete." in out
    for private in ("Ottavia", "Quintavalle", "o.q@example.org"):
        assert private not in out


def test_a_missing_document_file_fails(restored):
    _image, document = restored
    document.file.storage.delete(document.file.name)
    with pytest.raises(CommandError, match="not complete"):
        run()


def test_a_missing_image_file_fails(restored):
    image, _document = restored
    image.file.storage.delete(image.file.name)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_restore", stdout=io.StringIO(), stderr=err)
    assert "images files missing: 1" in err.getvalue()


def test_an_empty_database_fails(db):
    with pytest.raises(CommandError):
        run()


def test_the_cache_table_must_exist_when_the_cache_is_the_database(restored, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "restored_cache_table",
        }
    }
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_restore", stdout=io.StringIO(), stderr=err)
    assert "createcachetable" in err.getvalue()
    call_command("createcachetable", verbosity=0)
    out, _err = run()
    assert "cache table restored_cache_table: present" in out
