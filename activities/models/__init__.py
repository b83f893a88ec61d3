from .activity import ActivityKind, ActivityPage, Audience, PlannedSession, RegistrationMode
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
]
