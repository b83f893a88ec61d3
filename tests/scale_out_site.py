"""The scale-out test's data and read-outs, run in a subprocess with the production settings
(`python -m tests.scale_out_site set_up` or `report <activity id>`), on the database the
gunicorn instances share; it prints one JSON object. The test process itself stays on the
test settings and never opens that database.
"""

import datetime
import json
import sys
from importlib import import_module

import django


def _site():
    """What a fresh `migrate` lacks for our pages: the home page and the Site pointing at it."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from jobcafe.models import HomePage

    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Job Café", slug="home", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Job Café"},
    )


def _signed_in(users) -> list[str]:
    """Session keys of logged-in sessions for `users`, written in the configured session store
    (every instance reads the same one), so that 200 people need not type a password."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def set_up(people: str = "200", seats_left: str = "20") -> dict:
    """A weekly group with `seats_left` seats of 30 still free, `people` residents signed in
    with a complete profile (the form asks them nothing), an event with one date for the
    feed, a coordinator, and two more staff accounts for the log-in limit."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from core.privacy.notice import version_for_consent
    from core.roles import COORDINATORS, ensure_roles
    from registrations import services
    from registrations.models import Participant
    from tests.factories import PASSWORD, ParticipantFactory, make_event, make_group, user_in_role

    _site()
    ensure_roles()
    capacity = 30
    group = make_group(title="Over 50", capacity=capacity)
    version = version_for_consent()
    for n in range(capacity - int(seats_left)):
        holder = ParticipantFactory(
            first_name=f"Holder{n}",
            language="it",
            consent_at=timezone.now(),
            consent_version=version,
        )
        services.register(participant=holder, activity=group)
    event = make_event(title="JobFest")
    User = get_user_model()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"resident{n}", email=f"resident{n}@example.org", password=unusable)
        for n in range(int(people))
    )
    Participant.objects.bulk_create(
        Participant(
            user=user,
            first_name=f"Resident{n}",
            last_name="Rossi",
            email=user.email,
            referral_source="word_of_mouth",
            consent_at=timezone.now(),
            consent_version=version,
            language="it",
        )
        for n, user in enumerate(users)
    )
    staff = {
        name: user_in_role(COORDINATORS, username=name, is_staff=True)
        for name in ("coordinator", "locked-out", "colleague")
    }
    return {
        "group": group.pk,
        "event": event.pk,
        "event_session": event.sessions.get().pk,
        "sessions": _signed_in(users),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "password": PASSWORD,
        "staff": sorted(staff),
    }


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def report(activity_id: str) -> dict:
    """The residents' registrations for the activity (status, waiting-list position as the
    site computes it, when queued) and every message of the outbox."""
    from core.messaging.models import Message
    from registrations import selectors
    from registrations.models import Registration

    registrations = selectors.with_waitlist_position(
        Registration.objects.filter(
            activity_id=int(activity_id), participant__user__username__startswith="resident"
        )
    ).order_by("pk")
    return {
        "registrations": [
            {
                "pk": r.pk,
                "participant": r.participant_id,
                "status": r.status,
                "position": r.position,
                "queued_at": _iso(r.queued_at),
            }
            for r in registrations
        ],
        "messages": [
            {"channel": m.channel, "status": m.status, "address": m.address, "subject": m.subject}
            for m in Message.objects.order_by("pk")
        ],
    }


COMMANDS = {"set_up": set_up, "report": report}

if __name__ == "__main__":
    django.setup()
    result = COMMANDS[sys.argv[1]](*sys.argv[2:])
    sys.stdout.write(json.dumps(result) + "\n")
