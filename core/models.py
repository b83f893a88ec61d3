"""The ground floor keeps no tables of its own.

This module exists so that Django sends `post_migrate` for this app (it skips apps
without a models module), which is when `core.apps` (re)creates the roles.
"""
