"""What the desk holds about people, for the registry (`core.personal_data`).

Completed by the helper who builds retention and the registry entries."""

ENTRIES = ()
