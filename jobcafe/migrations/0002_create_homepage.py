"""Replace Wagtail's placeholder welcome page with the Job Café home page."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("jobcafe.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="jobcafe")
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Job Café",
        draft_title="Job Café",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale.pk if locale else None,
        intro="Hai perso il lavoro? Non sei solo. Gruppi, corsi ed eventi per ripartire.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page_id": homepage.pk, "site_name": "Job Café"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("jobcafe.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobcafe", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
