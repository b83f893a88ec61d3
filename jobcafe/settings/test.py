"""Test run: fast hashing, in-memory e-mail, plain static files."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "core.messaging.sms.backends.locmem.SmsBackend"
# Tasks run at once in the test that enqueues them; tests of the worker pick the database
# backend themselves (tests/core/messaging/test_worker.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# No collectstatic before tests: WhiteNoise looks files up per request instead of
# indexing STATIC_ROOT at start-up (which warns, and warnings fail the suite, when it
# does not exist, as in a clean clone).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Fingerprints are memoised in the cache (activities.generation), as on a server with a
# shared cache: the test run is one process, so its in-memory cache is shared by all.
JOBCAFE_FINGERPRINT_MEMO = True
