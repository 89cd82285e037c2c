"""Speech backends and the one factory that chooses among them.

Registered here: ``pyttsx3`` (espeak-ng through pyttsx3: Linux, Windows, macOS),
``recording`` (keeps every utterance, for tests) and ``null`` (silent fallback).

The Android seam
----------------
pyttsx3 has no Android driver.  On Android (detected by the ``ANDROID_ARGUMENT`` variable
python-for-android sets) the factory asks for the backend named ``android``, which the
mobile client registers at start with :func:`register_backend` before creating the speech
facade.  That backend holds one ``android.speech.tts.TextToSpeech`` instance (through
pyjnius), created in ``open()`` on the worker thread, waiting for its ``OnInitListener``;
``speak()`` sets the language with ``setLanguage(Locale("uz"|"ru"|"en"))``, the rate with
``setSpeechRate(rate / 175)`` and the volume through the ``KEY_PARAM_VOLUME`` bundle key,
calls ``speak(text, QUEUE_FLUSH, params, utteranceId)`` and waits for its
``UtteranceProgressListener.onDone``/``onStop`` (emitting ``AUDIO_STARTED`` from
``onStart``); ``stop()`` calls ``TextToSpeech.stop()``, which is safe from any thread.  The
queue and the polite/assertive rules stay in the worker, as for every backend.  Until that
backend is registered, Android falls back to the null backend and the log says why.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any, Final

from accessibility.speech.backends.base import SpeechBackend
from accessibility.speech.backends.null import NullBackend

log = logging.getLogger(__name__)

#: Environment variable that overrides the backend choice (e.g. ``null`` on a server).
BACKEND_VARIABLE: Final[str] = "XIZMAT_SPEECH_BACKEND"

BackendLoader = Callable[..., SpeechBackend]


def _load_pyttsx3(**options: Any) -> SpeechBackend:
    # Imported here so that a missing pyttsx3 only affects this backend (and is noticed now,
    # not at the first utterance).
    import pyttsx3  # noqa: F401

    from accessibility.speech.backends.pyttsx3_espeak import (
        Pyttsx3EspeakBackend,
    )

    return Pyttsx3EspeakBackend(**options)


def _load_recording(**options: Any) -> SpeechBackend:
    from accessibility.speech.backends.recording import RecordingBackend

    return RecordingBackend(**options)


def _load_null(**options: Any) -> SpeechBackend:
    return NullBackend(**options)


_LOADERS: dict[str, BackendLoader] = {
    "pyttsx3": _load_pyttsx3,
    "recording": _load_recording,
    "null": _load_null,
}


def register_backend(name: str, loader: BackendLoader) -> None:
    """Make ``loader`` the backend called ``name`` (the Android seam); duplicates fail."""
    if name in _LOADERS:
        raise ValueError(f"speech backend {name!r} is already registered")
    _LOADERS[name] = loader


def registered_backends() -> tuple[str, ...]:
    return tuple(_LOADERS)


def default_backend_name() -> str:
    """``$XIZMAT_SPEECH_BACKEND``, else ``android`` on Android, else ``pyttsx3``."""
    chosen = os.environ.get(BACKEND_VARIABLE, "").strip()
    if chosen:
        return chosen
    if "ANDROID_ARGUMENT" in os.environ:
        return "android"
    return "pyttsx3"


def create_backend(name: str | None = None, **options: Any) -> SpeechBackend:
    """The backend called ``name`` (default: :func:`default_backend_name`).

    Never raises for a missing engine: an unknown name or a backend that fails to load is
    logged and replaced by a :class:`NullBackend` whose ``reason`` says why.
    """
    chosen = name or default_backend_name()
    loader = _LOADERS.get(chosen)
    if loader is None:
        reason = f"no speech backend {chosen!r} registered (known: {', '.join(_LOADERS)})"
        log.error("%s; speech is silent", reason)
        return NullBackend(reason=reason)
    try:
        return loader(**options)
    except Exception as error:  # an engine that cannot load must not take the app down
        reason = f"speech backend {chosen!r} failed to load: {error}"
        log.error("%s; speech is silent", reason)
        return NullBackend(reason=reason)
