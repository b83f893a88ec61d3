"""What the third-party models we rely on hold about people, for the registry.

The login (`auth.User`), its e-mail addresses (allauth's `EmailAddress`), its signed-in
sessions, the logs of actions: Wagtail's on our models (`ModelLogEntry`) and pages
(`PageLogEntry`), Django admin's (`LogEntry`, edits of logins), and the steps of a page's
moderation (`TaskState`, with the editor's comment), editors' comments on a page's fields
(`Comment`, `CommentReply`: deleted with their author's login). Declared by the core's
AppConfig, the floor that knows these libraries. A login is deleted with the account
(`registrations.accounts.delete_account`, or an administrator in Users); log entries
about an erased person are relabelled (`registrations.erasure`); the retention job deletes
old log entries and empties old comments (`core.privacy.history_retention`).
"""

from core.personal_data import (
    ACCOUNT,
    ANONYMISE,
    AUDIT_LOG,
    BLANK,
    CONTACT,
    COORDINATORS,
    DELETE,
    DESK_OPERATORS,
    FACILITATORS,
    FREE_TEXT,
    FREE_TEXT_NOTES,
    IDENTITY,
    KEEP,
    LEGITIMATE_INTERESTS,
    PARTNER_EDITORS,
    PUBLIC_TASK,
    PURPOSE_ACCOUNT,
    PURPOSE_SECURITY,
    PURPOSE_STAFF,
    SIGNED_IN_SESSIONS,
    STAFF_ACTION,
    STAFF_RECORD,
    TECHNICAL,
    TECHNICAL_ADMINS,
    THE_PERSON,
    Access,
    PersonalField,
    PersonModel,
    not_personal,
)

USER = "auth.User"
EMAIL_ADDRESS = "account.EmailAddress"
LOG = "wagtailcore.ModelLogEntry"
PAGE_LOG = "wagtailcore.PageLogEntry"
TASK_STATE = "wagtailcore.TaskState"  # a step of a page's moderation, with the editor's comment
COMMENT = "wagtailcore.Comment"  # editors' comments on a page's fields
COMMENT_REPLY = "wagtailcore.CommentReply"
ADMIN_LOG = "admin.LogEntry"
SESSION = "sessions.Session"
AUTHOR_ID = "the author's id; once their login is deleted it names nobody"


def _login(field, category):
    return PersonalField(
        USER,
        field,
        category,
        PURPOSE_ACCOUNT,
        PUBLIC_TASK,
        ACCOUNT,
        DELETE,
        in_copy=field != "password",  # a hash of it: a secret, of no use to the person
    )


ENTRIES = (
    PersonModel(USER),
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
        AUTHOR_ID,
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
    PersonalField(
        PAGE_LOG,
        "user",
        STAFF_ACTION,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        KEEP,
        AUTHOR_ID,
    ),
    PersonalField(
        PAGE_LOG,
        "timestamp",
        STAFF_ACTION,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        KEEP,
        "when a page was edited, which names nobody once the login is deleted",
    ),
    PersonalField(
        PAGE_LOG,
        "data",
        FREE_TEXT,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        FREE_TEXT_NOTES,
        KEEP,
        "what was done to a page; editors' comments in it are emptied after the free-text "
        "period (`core.privacy.history_retention`), the entry deleted after the log's",
    ),
    *not_personal(
        PAGE_LOG,
        "what was done to which page, named by its title",
        "content_type",
        "label",
        "action",
        "uuid",
        "revision",
        "content_changed",
        "deleted",
        "page",
    ),
    PersonalField(
        TASK_STATE,
        "comment",
        FREE_TEXT,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        FREE_TEXT_NOTES,
        KEEP,
        "an editor's words approving or rejecting a page; emptied after the free-text period "
        "(`core.privacy.history_retention`)",
    ),
    PersonalField(
        TASK_STATE,
        "finished_by",
        STAFF_ACTION,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        STAFF_RECORD,
        KEEP,
        AUTHOR_ID,
    ),
    *(
        PersonalField(
            TASK_STATE,
            field,
            STAFF_ACTION,
            PURPOSE_STAFF,
            LEGITIMATE_INTERESTS,
            STAFF_RECORD,
            KEEP,
            "when a page's moderation step began or ended, which names nobody once the login "
            "is deleted",
        )
        for field in ("started_at", "finished_at")
    ),
    *not_personal(
        TASK_STATE,
        "which step of which page's moderation, and how it ended",
        "workflow_state",
        "revision",
        "task",
        "status",
        "content_type",
    ),
    *(
        PersonalField(
            model,
            "text",
            FREE_TEXT,
            PURPOSE_STAFF,
            LEGITIMATE_INTERESTS,
            FREE_TEXT_NOTES,
            DELETE,
        )
        for model in (COMMENT, COMMENT_REPLY)
    ),
    *(
        PersonalField(
            model, "user", STAFF_ACTION, PURPOSE_STAFF, LEGITIMATE_INTERESTS, STAFF_RECORD, DELETE
        )
        for model in (COMMENT, COMMENT_REPLY)
    ),
    *(
        PersonalField(
            model,
            field,
            STAFF_ACTION,
            PURPOSE_STAFF,
            LEGITIMATE_INTERESTS,
            STAFF_RECORD,
            DELETE,
        )
        for model, field in (
            (COMMENT, "created_at"),
            (COMMENT, "updated_at"),
            (COMMENT, "resolved_at"),
            (COMMENT_REPLY, "created_at"),
            (COMMENT_REPLY, "updated_at"),
        )
    ),
    PersonalField(
        COMMENT,
        "resolved_by",
        STAFF_ACTION,
        PURPOSE_STAFF,
        LEGITIMATE_INTERESTS,
        STAFF_RECORD,
        KEEP,
        AUTHOR_ID,
    ),
    *not_personal(
        COMMENT,
        "where on which page the comment is",
        "page",
        "contentpath",
        "position",
        "revision_created",
    ),
    *not_personal(COMMENT_REPLY, "the comment it answers", "comment"),
    PersonalField(
        ADMIN_LOG, "user", STAFF_ACTION, PURPOSE_STAFF, LEGITIMATE_INTERESTS, AUDIT_LOG, DELETE
    ),
    PersonalField(
        ADMIN_LOG,
        "object_repr",
        IDENTITY,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        ANONYMISE,
        "relabelled with the anonymised record's name, or deleted with the login",
    ),
    PersonalField(
        ADMIN_LOG,
        "change_message",
        TECHNICAL,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        BLANK,
    ),
    PersonalField(
        ADMIN_LOG,
        "action_time",
        STAFF_ACTION,
        PURPOSE_SECURITY,
        LEGITIMATE_INTERESTS,
        AUDIT_LOG,
        KEEP,
        "names nobody once the label is rewritten",
    ),
    *not_personal(
        ADMIN_LOG,
        "which record and what kind of change",
        "content_type",
        "object_id",
        "action_flag",
    ),
    *(
        PersonalField(
            SESSION,
            field,
            TECHNICAL,
            PURPOSE_ACCOUNT,
            LEGITIMATE_INTERESTS,
            SIGNED_IN_SESSIONS,
            KEEP,
            "holds only the deleted login's id; `clearsessions` removes it once expired",
        )
        for field in ("session_key", "session_data", "expire_date")
    ),
    # Who sees it (the records of processing). A resident's login: the person, coordinators (in
    # the person's copy). Staff read colleagues' names on what they recorded, partners' editors
    # their own colleagues' (to name them on an event).
    Access(
        "auth.User",
        (THE_PERSON, COORDINATORS, FACILITATORS, DESK_OPERATORS, PARTNER_EDITORS, TECHNICAL_ADMINS),
    ),
    Access("account.EmailAddress", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("wagtailcore.ModelLogEntry", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    # Pages' history: partners' editors read their own events' (who edited, reviewers' comments).
    Access("wagtailcore.PageLogEntry", (COORDINATORS, PARTNER_EDITORS, TECHNICAL_ADMINS)),
    Access("admin.LogEntry", (THE_PERSON, COORDINATORS, TECHNICAL_ADMINS)),
    Access("sessions.Session", (TECHNICAL_ADMINS,)),
    # Moderation and comments on pages: whoever edits the page (coordinators; partners' editors
    # on their events, who read the reviewer's comment in "Our events"); authors their own.
    Access(TASK_STATE, (COORDINATORS, PARTNER_EDITORS, TECHNICAL_ADMINS)),
    Access(COMMENT, (THE_PERSON, COORDINATORS, PARTNER_EDITORS, TECHNICAL_ADMINS)),
    Access(COMMENT_REPLY, (THE_PERSON, COORDINATORS, PARTNER_EDITORS, TECHNICAL_ADMINS)),
)
