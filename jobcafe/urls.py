from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from activities import urls as activities_urls
from core import health
from core.staff_login import DjangoAdminLoginForm

# Wagtail's admin takes its limited log-in form from WAGTAILADMIN_USER_LOGIN_FORM.
admin.site.login_form = DjangoAdminLoginForm

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # For load balancers and monitors (core/health.py); exempt from the HTTPS redirect.
    path(health.URL_PREFIX, include((health.urlpatterns, "health"))),
    path("accounts/", include("allauth.urls")),
    path("", include(activities_urls)),
    path("", include("registrations.urls")),
    path("", include("attendance.urls")),
    path("", include("feeds.urls")),
    path("", include("stats.urls")),
    path("", include("associations.urls")),
    path("", include("appointments.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
