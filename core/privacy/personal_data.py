"""What the privacy app's own tables hold (core.personal_data collects it)."""

from core.personal_data import not_personal

ENTRIES = (
    *not_personal(
        "privacy.PrivacySettings",
        "the controller's and the DPO's published contacts (art. 13 requires them on the "
        "notice), the processors' names and the retention periods",
        "controller_name",
        "controller_address",
        "controller_email",
        "controller_phone",
        "dpo_name",
        "dpo_email",
        "dpo_phone",
        "processors",
    ),
    *not_personal(
        "privacy.RetentionRun",
        "counts of rows per rule and the names of rules, never a person",
        "counts",
        "failed",
    ),
    *not_personal(
        "privacy.NoticeVersion",
        "the version's name and the facts the notice stated (the controller's and DPO's "
        "published contacts, purposes, legal bases, categories, periods), never a person",
        "version",
        "facts",
    ),
)
