"""Operational endpoints: liveness, readiness and the locales the API speaks."""
