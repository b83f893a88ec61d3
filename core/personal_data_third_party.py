"""What the third-party models we rely on hold about people, for the registry.

The login (`auth.User`), its e-mail addresses (allauth's `EmailAddress`) and Wagtail's
log of actions on our models (`ModelLogEntry`). Declared by the core's AppConfig, the
floor that knows these libraries. A login is deleted with the account
(`registrations.accounts.delete_account`, or an administrator in Users); log entries
about an erased person are relabelled (`registrations.erasure`).
"""

from core.personal_data import (
    ACCOUNT,
    ANONYMISE,
    AUDIT_LOG,
    BLANK,
    CONTACT,
    DELETE,
    IDENTITY,
    KEEP,
    LEGITIMATE_INTERESTS,
    PUBLIC_TASK,
    PURPOSE_ACCOUNT,
    PURPOSE_SECURITY,
    STAFF_ACTION,
    TECHNICAL,
    PersonalField,
    not_personal,
)

USER = "auth.User"
EMAIL_ADDRESS = "account.EmailAddress"
LOG = "wagtailcore.ModelLogEntry"


def _login(field, category):
    return PersonalField(USER, field, category, PURPOSE_ACCOUNT, PUBLIC_TASK, ACCOUNT, DELETE)


ENTRIES = (
    _login("username", IDENTITY),
    _login("first_name", IDENTITY),
    _login("last_name", IDENTITY),
    _login("email", CONTACT),
    *(
        _login(field, TECHNICAL)
        for field in (
            "password",
            "last_login",
            "date_joined",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )
    ),
    *(
        PersonalField(EMAIL_ADDRESS, field, CONTACT, PURPOSE_ACCOUNT, PUBLIC_TASK, ACCOUNT, DELETE)
        for field in ("user", "email", "verified", "primary")
    ),
    PersonalField(
        LOG,
        "label",
        IDENTITY,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        ANONYMISE,
        "relabelled with the anonymised record's name",
    ),
    PersonalField(LOG, "data", TECHNICAL, PURPOSE_SECURITY, LEGITIMATE_INTERESTS, AUDIT_LOG, BLANK),
    PersonalField(
        LOG,
        "user",
        STAFF_ACTION,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        KEEP,
        "the author's id; once their login is deleted it names nobody",
    ),
    PersonalField(
        LOG,
        "timestamp",
        STAFF_ACTION,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        KEEP,
        "when something happened, which names nobody once the label is rewritten",
    ),
    *not_personal(
        LOG,
        "what was done to which record, named by the label and data above",
        "content_type",
        "object_id",
        "action",
        "uuid",
        "revision",
        "content_changed",
        "deleted",
    ),
)
