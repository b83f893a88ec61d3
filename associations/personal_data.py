"""What associations hold about partner staff, for the registry (`core.personal_data`).

Erasure (`associations.erasure`), when a login is deleted: memberships go (cascade),
invitations to the person's address go with their e-mails.

Retention (`associations.retention`, the daily job): an invitation never accepted is deleted
"partner invitations" days after it expired or was withdrawn; an accepted one loses its
e-mail (the login it made holds the address) and stays, as who invited the editor and when
they joined, until the login is deleted.
"""

from core.personal_data import (
    ACCOUNT,
    ANONYMISE,
    CONTACT,
    COORDINATORS,
    DELETE,
    IDENTITY,
    INVITATION,
    PARTNER_EDITORS,
    PUBLIC_TASK,
    PURPOSE_PARTNERS,
    PURPOSE_STAFF,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
)

MEMBERSHIP = "associations.OrganisationMembership"
INVITE = "associations.Invitation"


def _entry(model, field, category, retention, erasure, why_kept="", purpose=None, in_copy=True):
    return PersonalField(
        model,
        field,
        category,
        PURPOSE_PARTNERS if purpose is None else purpose,
        PUBLIC_TASK,
        retention,
        erasure,
        why_kept,
        in_copy=in_copy,
    )


def _invitation(field, category):
    return _entry(
        INVITE,
        field,
        category,
        INVITATION,
        DELETE,
        in_copy=field != "token_hash",  # a secret's hash
    )


ENTRIES = (
    _entry(MEMBERSHIP, "user", IDENTITY, ACCOUNT, DELETE),
    _entry(MEMBERSHIP, "organisation", STAFF_ACTION, ACCOUNT, DELETE),
    _entry(MEMBERSHIP, "created_at", STAFF_ACTION, ACCOUNT, DELETE),
    _entry(
        MEMBERSHIP,
        "created_by",
        STAFF_ACTION,
        STAFF_RECORD,
        ANONYMISE,
        "emptied when the staff member's login is deleted",
        purpose=PURPOSE_STAFF,
    ),
    _invitation("organisation", STAFF_ACTION),
    _invitation("email", CONTACT),
    _invitation("token_hash", TECHNICAL),
    _invitation("created_at", STAFF_ACTION),
    _invitation("expires_at", STAFF_ACTION),
    _invitation("accepted_at", STAFF_ACTION),
    _invitation("revoked_at", STAFF_ACTION),
    _invitation("accepted_by", IDENTITY),
    _entry(
        INVITE,
        "invited_by",
        STAFF_ACTION,
        STAFF_RECORD,
        ANONYMISE,
        "emptied when the staff member's login is deleted",
        purpose=PURPOSE_STAFF,
    ),
    # Who sees it (the records of processing). Partners' editors see their organisation's
    # colleagues (to name them on events), never invitations: only coordinators handle them, and
    # the invited person sees their own.
    Access(
        "associations.OrganisationMembership",
        (THE_PERSON, COORDINATORS, PARTNER_EDITORS, TECHNICAL_ADMINS),
    ),
    Access("associations.Invitation", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
)
