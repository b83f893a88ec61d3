"""Production: everything that differs between deployments comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. Public address for links in e-mails:
SITE_URL (default: https:// + the first allowed host). E-mail: EMAIL_HOST, EMAIL_PORT,
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL. SMS: SMS_BACKEND and
the provider's keys (docs/messages.md; none by default). Behind the TLS proxy:
TRUSTED_PROXY_COUNT=1, so that per-address limits see the client's address (base.py).
Shared cache: REDIS_URL (else a database table). Uploaded media: MEDIA_ROOT, or object
storage when AWS_STORAGE_BUCKET_NAME is set. Logs: LOG_FORMAT (json by default, or text) to
stdout. Error reporting: SENTRY_DSN, SENTRY_ENVIRONMENT. docs/deploy.md has the table of
every variable, docs/operations.md what these do.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "Set SECRET_KEY: a long random string, e.g. from `secrets.token_urlsafe(64)`."
    )
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS, e.g. jobcafe.example.org (comma-separated).")
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured("Set DATABASE_URL, e.g. postgres://user:pass@host:5432/jobcafe.")

DEBUG = False
# Links in e-mails (registrations, notifications) need the public address: SITE_URL, or
# else the first allowed host over HTTPS, never the development default.
SITE_URL = os.environ.get("SITE_URL") or f"https://{ALLOWED_HOSTS[0]}"  # noqa: F405
WAGTAILADMIN_BASE_URL = SITE_URL
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Only for the file-based backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend),
# which the scale-out test uses to count what the worker sent.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
# No SMS until a provider is chosen (docs/messages.md): never "send" texts to the log.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS: the site sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Load balancers probe the instances over plain HTTP: the health endpoint answers them there.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# One cache shared by every gunicorn worker and every instance, so that rate limits (log-in
# attempts, wrong sign-in codes) and built calendar feeds hold across them: Redis when
# REDIS_URL is set (several servers, or a busy one), else a database table, which needs no
# extra service (create it once with `manage.py createcachetable`).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "jobcafe_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Uploaded images and documents: object storage (S3 or S3-compatible, django-storages) when a
# bucket is named, so that every instance sees the same files; else the MEDIA_ROOT volume.
# Static files stay with WhiteNoise, inside the image.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty for Amazon S3; the provider's address for S3-compatible storage.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Unset: boto3 looks further (an instance role, ~/.aws).
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # A public address (CDN or the bucket's website) serves files without signing;
            # without one, links are signed and expire after an hour.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": not os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_expire": 3600,
            # Never overwrite a file another upload named alike; no public ACL on objects.
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Logs: one JSON object per line on stdout (LOG_FORMAT=text for plain lines).
LOGGING = logging_config(  # noqa: F405
    log_format=os.environ.get("LOG_FORMAT", "json"), stream="ext://sys.stdout"
)

# Error reporting, only when a DSN is given: without one the SDK is not even imported.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from core.error_reporting import start_error_reporting

    start_error_reporting(
        dsn=SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production")
    )
