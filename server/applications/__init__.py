"""Applications: drafts, steps, idempotent submission, the lifecycle state machine, the
officers' back office, notifications and their delivery channels.

The lifecycle is the table in :mod:`server.applications.lifecycle`; channels register in
:mod:`server.applications.channels`; the prefill seam is :mod:`server.applications.prefill`.
"""
