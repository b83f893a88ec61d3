"""Demo data for `manage.py seed_demo`: a convincing, current Italian programme.

The foundation (pages, places, groups, the "Tu puoi!" course, events, staff
users) is seeded by `jobcafe.demo.seed.seed_foundation` from the texts and
dates in `jobcafe.demo.content`. Other apps add their own demo data by
appending their function `seed(*, stdout, password)` to `EXTRA_SEEDERS`; they run
in this order after the foundation, each in its own transaction, and each must be
idempotent (running twice changes nothing).
"""

from collections.abc import Callable

from appointments import demo as appointments_demo
from associations import demo as associations_demo
from attendance import demo as attendance_demo
from jobcafe.demo import archive
from registrations import demo as registrations_demo
from stats import demo as stats_demo

# The password of every demo login, printed by `make run`. Never seed the demo on a public server.
DEMO_PASSWORD = "jobcafe-demo"

EXTRA_SEEDERS: list[Callable[..., None]] = [
    registrations_demo.seed,
    associations_demo.seed,
    # The desk after registrations (the course's counselling) and before attendance (the
    # person it registers for a group gets that group's roll calls like everyone else).
    appointments_demo.seed,
    attendance_demo.seed,
    stats_demo.seed,  # follows up people enrolled by the seeders above
    archive.seed,  # keep last: data past its retention periods, for the retention report
]
