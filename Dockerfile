# syntax=docker/dockerfile:1
# One image for every process of the site: the web server (the default command), the task
# worker (`python manage.py db_worker`), the scheduled jobs (`supercronic deploy/crontab`) and
# one-off commands (`python manage.py migrate`). compose.yaml runs it in each of those roles;
# docs/deploy.md explains the variables it reads.

# --- Python dependencies, exactly as pinned in pyproject.toml ---------------------------------
FROM python:3.11-slim AS dependencies
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /build
# Only the project's metadata: `pip install .` then installs the pinned dependencies (and an
# empty project package), and this layer is rebuilt only when pyproject.toml changes. The code
# itself runs from /app below, where its templates, static files and translations live.
COPY pyproject.toml README.md ./
RUN pip install .

# --- supercronic: cron for containers (runs the scheduled jobs in the foreground) ------------
FROM python:3.11-slim AS supercronic
ARG TARGETARCH=amd64
ARG SUPERCRONIC_VERSION=v0.2.43
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# The release's SHA-1 sums, per architecture: a tampered or truncated download fails the build.
RUN case "${TARGETARCH}" in \
        amd64) sum=f97b92132b61a8f827c3faf67106dc0e4467ccf2 ;; \
        arm64) sum=5c6266786c2813d6f8a99965d84452faae42b483 ;; \
        *) echo "No supercronic sum for ${TARGETARCH}" >&2; exit 1 ;; \
    esac \
    && python -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
        "https://github.com/aptible/supercronic/releases/download/${SUPERCRONIC_VERSION}/supercronic-linux-${TARGETARCH}" \
        /tmp/supercronic \
    && echo "${sum}  /tmp/supercronic" | sha1sum --check --strict - \
    && install -m 0755 /tmp/supercronic /usr/local/bin/supercronic

# --- the image ---------------------------------------------------------------------------------
FROM python:3.11-slim
ARG VERSION=dev
LABEL org.opencontainers.image.title="Job Café scheduler" \
      org.opencontainers.image.description="Mutual-aid groups, courses and events for local welfare projects: web server, task worker and scheduled jobs in one image" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.documentation="docs/deploy.md"

# PORT and WEB_CONCURRENCY are gunicorn's own: it binds 0.0.0.0:$PORT and starts
# $WEB_CONCURRENCY workers (about two per core). Uploaded media go to the /data/media volume
# unless AWS_STORAGE_BUCKET_NAME sends them to S3-compatible storage.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=jobcafe.settings.production \
    PORT=8000 \
    WEB_CONCURRENCY=3 \
    MEDIA_ROOT=/data/media

# A user without a shell or a home: the code is root's and read-only to it; only the media
# folder (a volume in compose.yaml) is its own.
RUN groupadd --system --gid 10001 jobcafe \
    && useradd --system --uid 10001 --gid jobcafe --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin jobcafe \
    && mkdir -p /data/media \
    && chown jobcafe:jobcafe /data/media

COPY --from=dependencies /opt/venv /opt/venv
COPY --from=supercronic /usr/local/bin/supercronic /usr/local/bin/supercronic
WORKDIR /app
COPY . .

# Static files are collected once, at build time, with stand-in values for what the production
# settings require (collectstatic opens no database and signs nothing). The translations are
# compiled already: the .mo files are committed beside their .po files.
RUN SECRET_KEY=build-time-stand-in \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/unused.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0

USER 10001:10001
EXPOSE 8000
# The load balancer's question, asked from inside: can this web process serve pages?
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "jobcafe.wsgi", "--worker-tmp-dir", "/dev/shm"]
