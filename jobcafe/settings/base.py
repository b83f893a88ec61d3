"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import from here and
override what they must. Anything that differs between deployments is read
from the environment, never hard-coded.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # Our apps first, so their templates override third-party ones.
    "jobcafe",
    "core",
    "core.messaging",
    "core.privacy",
    "activities",
    "groups",
    "courses",
    "events",
    "registrations",
    "attendance",
    "feeds",
    "stats",
    "associations",
    "appointments",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "recurrence",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "csp",
    "health_check",  # the health endpoint (core/health.py): its page template
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Health probes come by address, not by the site's name (core/health.py).
    "core.health.ProbeHostMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "associations.middleware.PageAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: a repeat visit of an unchanged programme is answered before Wagtail's routing.
    "jobcafe.programme_revalidation.ProgrammeRevalidationMiddleware",
]

ROOT_URLCONF = "jobcafe.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Content-Security-Policy (django-csp): only our own origin, no inline code on the public
# site. The admin screens get 'unsafe-inline' for scripts and styles (core/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
JOBCAFE_CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]

WSGI_APPLICATION = "jobcafe.wsgi.application"


def database_from_env(default_url: str) -> dict:
    """Parse DATABASE_URL; SQLite gets the options that keep concurrent writes safe.

    IMMEDIATE transactions take SQLite's write lock at BEGIN, so two registrations
    can never read the same seat count and both write; the timeout lets the
    second one wait instead of failing with "database is locked".
    """
    config = dj_database_url.parse(os.environ.get("DATABASE_URL", default_url), conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    return config


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: Italian first, English second.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Wagtail
WAGTAIL_SITE_NAME = "Job Café"
# The site's address as people reach it: every absolute link in messages, invitations and
# feeds starts with it (core.http.site_url); Wagtail's own links follow.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# Reverse proxies in front of the site that append the client's address to X-Forwarded-For
# (one TLS proxy: 1). Per-address limits (log-ins, sign-in codes) use the address they
# forward; 0 trusts no header and uses the connecting address (see core/http.py).
JOBCAFE_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Staff log-ins (Wagtail's and Django's admin): wrong passwords allowed per account name and
# per client address within the window, then every attempt is refused until it ends.
WAGTAILADMIN_USER_LOGIN_FORM = "core.staff_login.StaffLoginForm"
JOBCAFE_STAFF_LOGIN_FAILURES_PER_ACCOUNT = 5
JOBCAFE_STAFF_LOGIN_FAILURES_PER_ADDRESS = 30
JOBCAFE_STAFF_LOGIN_WINDOW_SECONDS = 15 * 60

# Accounts (django-allauth): people sign up with their e-mail, verification is mandatory; they
# log in with that e-mail or, as staff are used to from the admin, their user name.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up logs in there and goes on to the page
# the person signed up from (allauth does this only for the session that is signing up).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Job Café] "
ACCOUNT_ADAPTER = "core.messaging.account_adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "registrations.forms.LoginForm"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# E-mail: the console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Job Café <noreply@jobcafe.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Moderation e-mails (submitted / approved / changes requested) come from the site's address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# How far ahead a recurring group's sessions are written out as rows.
JOBCAFE_SESSION_HORIZON_DAYS = int(os.environ.get("JOBCAFE_SESSION_HORIZON_DAYS", "365"))
# The start of the privacy notice's version (at most 11 characters); core.privacy.notice adds a
# digest of what the notice states. Bump it for a change the digest cannot see.
JOBCAFE_PRIVACY_NOTICE_VERSION = os.environ.get("JOBCAFE_PRIVACY_NOTICE_VERSION", "2026-01")
# Domain in calendar event UIDs; never change it once feeds are public (events would double).
JOBCAFE_CALENDAR_UID_DOMAIN = os.environ.get("JOBCAFE_CALENDAR_UID_DOMAIN", "jobcafe.calendar")

# Background tasks (django-tasks): every message to a person is written to the outbox
# (messaging.Message) and delivered by a task after the transaction commits, retried with
# pauses when the mail server or the SMS provider does not take it. The database backend
# (django-tasks-db) keeps the queue in our own database; `manage.py db_worker` runs it
# (`make run` starts one beside the web server). docs/messages.md says how to run it in
# production. Tests use the immediate backend, which runs a task at once.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The health endpoint (core/health.py) reports the task worker down when a task has been due
# for longer than this without a worker taking it.
JOBCAFE_TASK_QUEUE_MAX_DELAY_MINUTES = int(os.environ.get("TASK_QUEUE_MAX_DELAY_MINUTES", "15"))
# A mail server that does not answer holds a worker, never a person's request: give up on it
# after this many seconds (the message is retried later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# SMS, like e-mail, through a backend: the console in development; in production a
# provider (core/messaging/sms/backends/) configured from the environment (docs/messages.md).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "core.messaging.sms.backends.console.SmsBackend")
# The name people see as the sender (letters and digits, at most 11), and how long a worker
# waits for the provider before the message is retried later.
SMS_SENDER = os.environ.get("SMS_SENDER", "JobCafe")
SMS_TIMEOUT = int(os.environ.get("SMS_TIMEOUT", "10"))
# core.messaging.sms.backends.filebased: one file per SMS in this folder.
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", "")
# core.messaging.sms.backends.skebby: the account's user key and access token (GET /token once).
SKEBBY_USER_KEY = os.environ.get("SKEBBY_USER_KEY", "")
SKEBBY_ACCESS_TOKEN = os.environ.get("SKEBBY_ACCESS_TOKEN", "")
SKEBBY_MESSAGE_TYPE = os.environ.get("SKEBBY_MESSAGE_TYPE", "TI")
SKEBBY_API_URL = os.environ.get("SKEBBY_API_URL", "https://api.skebby.it/API/v1.0/REST/")
# Numbers written without a country code are read as numbers of this country.
PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "IT")

# Logging: to the console, in every environment (the process manager or container keeps it).
# Server errors (django.request) and the project's own loggers; a line names the request by
# method and path only (core/log_context.py): no query string, form data, user or e-mail.
# LOG_FORMAT=json writes one JSON object per line (core/log_json.py), for log collectors.


def logging_config(*, log_format: str, stream: str) -> dict:
    """The LOGGING setting: `text` or `json` lines to `stream` (ext://sys.stderr or stdout)."""
    formatters = {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_line)s] %(message)s"},
        "json": {"()": "core.log_json.JsonFormatter"},
    }
    if log_format not in formatters:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of: {', '.join(formatters)}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_line": {"()": "core.log_context.RequestLineFilter"}},
        "formatters": {"line": formatters[log_format]},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": stream,
                "filters": ["request_line"],
                "formatter": "line",
            }
        },
        "loggers": {
            # Every project logger is named jobcafe.<concern> (jobcafe.registrations, ...).
            "jobcafe": {"handlers": ["console"], "level": "INFO"},
            "django.request": {"handlers": ["console"], "level": "ERROR"},
            "django.security": {"handlers": ["console"], "level": "WARNING"},
            # Failed tasks only: the task's own message says which record (never who).
            "django_tasks": {"handlers": ["console"], "level": "WARNING"},
            # A failing health check says which one and why (core/health.py).
            "health_check": {"handlers": ["console"], "level": "WARNING"},
        },
    }


LOGGING = logging_config(log_format=os.environ.get("LOG_FORMAT", "text"), stream="ext://sys.stderr")
