"""Wagtail's default moderation workflow is named after the "Moderators" group, in English
("Moderators approval"), and the page editor shows its name on the publish menu ("Invia a
Moderators approval"). The site speaks Italian first: give it an Italian name."""

from django.db import migrations

ENGLISH = "Moderators approval"
ITALIAN = "Approvazione dei moderatori"


def rename(apps, old: str, new: str) -> None:
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def to_italian(apps, schema_editor):
    rename(apps, ENGLISH, ITALIAN)


def to_english(apps, schema_editor):
    rename(apps, ITALIAN, ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("jobcafe", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_italian, to_english)]
