from .activity import (
    ActivityKind,
    ActivityPage,
    Audience,
    PlannedSession,
    RegistrationMode,
    with_series_titles,
)
from .places import Location, Organisation
from .sessions import Session, SessionStatus

__all__ = [
    "ActivityKind",
    "ActivityPage",
    "Audience",
    "Location",
    "Organisation",
    "PlannedSession",
    "RegistrationMode",
    "Session",
    "SessionStatus",
    "with_series_titles",
]
