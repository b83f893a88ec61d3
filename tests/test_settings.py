"""Production settings: everything from the environment, and `check --deploy` is clean."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env) -> subprocess.CompletedProcess:
    # The test run itself sets variables a server must not have (async-unsafe ORM access).
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    base["DJANGO_SETTINGS_MODULE"] = "jobcafe.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "jobcafe.example.org",
    "DATABASE_URL": "postgres://jobcafe:secret@db.example.org:5432/jobcafe",
    "SMS_BACKEND": "core.messaging.sms.backends.skebby.SmsBackend",
    "SKEBBY_USER_KEY": "user-key",
    "SKEBBY_ACCESS_TOKEN": "access-token",
}


def test_check_deploy_gives_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_can_fail():
    """The test above means something: a weak secret key is reported."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**PRODUCTION_ENV, "SECRET_KEY": "too-short"},
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_check_deploy_warns_when_no_sms_provider_is_chosen():
    """Production sends no SMS until a provider is set (never "sends" them to the log)."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if not k.startswith(("SMS_", "SKEBBY_"))}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "messaging.W001" in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_environment(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_locale_and_time_zone():
    from django.conf import settings

    assert settings.TIME_ZONE == "Europe/Rome"
    assert settings.LANGUAGE_CODE == "it"
    assert [code for code, _name in settings.LANGUAGES] == ["it", "en"]
    assert settings.USE_TZ


def test_links_in_e_mails_use_the_public_address():
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    result = manage("shell", "-c", code, **PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1] == "https://jobcafe.example.org"
    result = manage(
        "shell", "-c", code, **{**PRODUCTION_ENV, "SITE_URL": "https://lavoro.comune.example.it"}
    )
    assert result.stdout.strip().splitlines()[-1] == "https://lavoro.comune.example.it"


def test_make_run_serves_on_the_port_asked_for_and_prints_it():
    """`make run PORT=8080`: the server, the demo's printed addresses and its links follow."""
    root = Path(__file__).resolve().parent.parent
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8080"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "runserver 127.0.0.1:8080" in plan
    seed = next(line for line in plan.splitlines() if "seed_demo" in line)
    assert "SITE_URL=http://127.0.0.1:8080" in seed
    default = subprocess.run(
        ["make", "-n", "run"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "runserver 127.0.0.1:8000" in default


# What a multi-server deployment adds (docs/operations.md): shared cache, object storage for
# media, error reporting. No request leaves the machine: these only read the settings.
SCALED_ENV = {
    **PRODUCTION_ENV,
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "jobcafe-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    "AWS_S3_REGION_NAME": "eu-south-1",
    "AWS_ACCESS_KEY_ID": "key-id",
    "AWS_SECRET_ACCESS_KEY": "secret-key",
    "SENTRY_DSN": "https://public-key@errors.example.org/1",
    "SENTRY_ENVIRONMENT": "staging",
}


def shell(code: str, **env) -> str:
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_check_deploy_gives_no_warnings_with_redis_s3_and_sentry():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SCALED_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_media_go_to_object_storage_when_a_bucket_is_named():
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name, "
        "s.file_overwrite, s.querystring_auth); "
        "print(type(storages['staticfiles']).__name__); "
        "print(s.url('original_images/poster.png'))"
    )
    lines = shell(code, **SCALED_ENV).splitlines()
    assert lines[-3] == "S3Storage jobcafe-media https://s3.example.org eu-south-1 False True"
    assert lines[-2] == "CompressedManifestStaticFilesStorage"  # static files stay WhiteNoise's
    # Without a public domain, links to media are signed and expire.
    assert lines[-1].startswith("https://s3.example.org/jobcafe-media/original_images/poster.png?")
    assert "Signature=" in lines[-1] or "X-Amz-Signature=" in lines[-1]

    public = shell(code, **SCALED_ENV, AWS_S3_CUSTOM_DOMAIN="media.example.org").splitlines()
    assert public[-1] == "https://media.example.org/original_images/poster.png"


def test_media_stay_on_the_local_volume_without_a_bucket(tmp_path):
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.location)"
    )
    out = shell(code, **PRODUCTION_ENV, MEDIA_ROOT=str(tmp_path)).splitlines()[-1]
    assert out == f"FileSystemStorage {tmp_path}"


def test_errors_are_reported_to_sentry_only_when_a_dsn_is_set():
    code = (
        "import sys, sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options['environment'], c.options['send_default_pii'], "
        "c.options['include_local_variables'], c.options['max_request_body_size'])"
    )
    assert shell(code, **SCALED_ENV).splitlines()[-1] == "True staging False False never"
    # Without a DSN the SDK is not even imported by the settings.
    unused = "import sys; print('sentry_sdk' in sys.modules)"
    assert shell(unused, **PRODUCTION_ENV).splitlines()[-1] == "False"


def test_production_logs_are_json_lines_on_stdout():
    code = "import logging; logging.getLogger('jobcafe.registrations').warning('reminders late')"
    result = manage("shell", "-c", code, **PRODUCTION_ENV)
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "jobcafe.registrations"
    assert line["message"] == "reminders late"
    assert line["request"] == "-"
    assert "reminders late" not in result.stderr

    text = manage("shell", "-c", code, **PRODUCTION_ENV, LOG_FORMAT="text")
    assert "WARNING jobcafe.registrations [-] reminders late" in text.stdout


def test_an_unknown_log_format_is_refused():
    result = manage("check", **PRODUCTION_ENV, LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be one of: text, json" in result.stderr


def test_the_health_endpoint_answers_load_balancers_over_plain_http(tmp_path):
    """Behind the TLS proxy every page redirects plain HTTP to HTTPS, except the probes', which
    also come by the instance's address rather than the site's name."""
    code = (
        "from django.test import Client; c = Client(HTTP_HOST='jobcafe.example.org'); "
        "r = c.get('/health/web/?format=json', HTTP_HOST='10.0.0.5:8000'); "
        "print(r.status_code, r.json()); "
        "print(c.get('/accounts/login/').status_code)"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    lines = shell(code, **env).splitlines()
    assert lines[-2].startswith("200 {")
    assert lines[-1] == "301"
