"""Interagency integration: registries as prefill sources, offers, bundles, the access log.

The public API is :mod:`server.registries.service`.  This package's ``__init__`` stays free
of Flask and database imports because the registry simulator (``server.registries.simulator``),
a separate process, lives beneath it.
"""
