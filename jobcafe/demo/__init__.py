"""Demo data for `manage.py seed_demo`: a convincing, current Italian programme.

The foundation (pages, places, groups, the "Tu puoi!" course, events, staff
users) is seeded by `jobcafe.demo.seed.seed_foundation` from the texts and
dates in `jobcafe.demo.content`. Other apps add their own demo data by
appending the dotted path of a function `seed(*, stdout, password)` to
`EXTRA_SEEDERS`; they run in this order after the foundation, each in its own
transaction, and each must be idempotent (running twice changes nothing).
"""

# The password of every demo login, printed by `make run`. Never seed the demo on a public server.
DEMO_PASSWORD = "jobcafe-demo"

EXTRA_SEEDERS: list[str] = [
    "registrations.demo.seed",
    "associations.demo.seed",
    "attendance.demo.seed",
    "stats.demo.seed",  # keep last: follows up people enrolled by the seeders above
]
