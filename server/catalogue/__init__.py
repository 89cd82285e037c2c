"""The service catalogue: declarative service definitions (YAML), validated, rendered per locale.

Public API in :mod:`server.catalogue.service`; the definition format in ``FORMAT.md``.
"""
