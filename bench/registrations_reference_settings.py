"""The benchmark server's settings (bench/server.py writes `bench_settings`) with the
reference registration's URL in front of the site's (bench/registrations_reference.py)."""

from bench_settings import *  # noqa: F403

ROOT_URLCONF = "bench.registrations_reference"
