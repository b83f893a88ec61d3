"""Production settings: everything from the environment, and `check --deploy` is clean."""

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
