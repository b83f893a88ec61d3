"""The permission to see the statistics moves from Outcome to a model of its own.

Wagtail shows a model's log entries to anyone holding any permission on that model; on
Outcome, `view_statistics` let facilitators and partners read outcomes in the site history.
The existing permission row is moved, not recreated, so every grant to a group or a person
stays as it was.
"""

from django.db import migrations, models


def _move(apps, *, from_model, to_model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    source = ContentType.objects.filter(app_label="stats", model=from_model).first()
    if source is None:  # a fresh database: post_migrate creates the permission afterwards
        return
    target, _created = ContentType.objects.get_or_create(app_label="stats", model=to_model)
    old = Permission.objects.filter(content_type=source, codename="view_statistics").first()
    if old is None:
        return
    new = Permission.objects.filter(content_type=target, codename="view_statistics").first()
    if new is None:
        old.content_type = target
        old.save(update_fields=["content_type"])
        return
    for group in old.group_set.all():
        group.permissions.add(new)
    for user in old.user_set.all():
        user.user_permissions.add(new)
    old.delete()


def forwards(apps, schema_editor):
    _move(apps, from_model="outcome", to_model="statistics")


def backwards(apps, schema_editor):
    _move(apps, from_model="statistics", to_model="outcome")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("stats", "0002_dates_within_sane_years"),
    ]

    operations = [
        migrations.CreateModel(
            name="Statistics",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "permissions": [("view_statistics", "Can see the statistics dashboard")],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.AlterModelOptions(
            name="outcome",
            options={
                "ordering": ["-date", "-pk"],
                "verbose_name": "follow-up outcome",
                "verbose_name_plural": "follow-up outcomes",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
