"""The image's health check: ask this web process's /health/web/ the way the proxy would.

/health/web/ checks what serving pages needs (the database and the cache), not the task
worker: a stuck worker shows on /health/, for monitors, without marking every web container
unhealthy. Exits 0 when the site answers 200, 1 otherwise (Docker marks the container
unhealthy after a few failures). It sends the first allowed host as Host and
X-Forwarded-Proto: https, as the proxy does, so that neither the host check nor the redirect
to HTTPS answers in the site's place. Standard library only: the image has no curl.
"""

import os
import sys
import urllib.error
import urllib.request


def allowed_host() -> str:
    """A host name the site accepts: the first of ALLOWED_HOSTS, without a wildcard."""
    first = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
    return first if first and first != "*" else "localhost"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own (unhealthy), never followed: following one to the
    public address would ask another instance, or the load balancer, instead of this one."""

    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/health/web/?format=json",
        headers={
            "Host": allowed_host(),
            "X-Forwarded-Proto": "https",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=4) as response:
            healthy = response.status == 200
            if not healthy:
                sys.stderr.write(f"unhealthy: HTTP {response.status}\n")
            return 0 if healthy else 1
    except (urllib.error.URLError, OSError) as error:  # HTTPError (5xx) is a URLError
        sys.stderr.write(f"unhealthy: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
