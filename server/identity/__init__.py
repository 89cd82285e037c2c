"""Accounts: registration, sign-in (password, optional or required one-time code), tokens,
roles, profile and settings, the security audit trail.

Public API: :mod:`server.identity.auth` (``current_user``, ``require_user``) and
:mod:`server.identity.accounts` (account rules shared by the API, CLI and seeders).
"""
