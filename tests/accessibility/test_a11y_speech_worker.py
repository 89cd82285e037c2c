"""The speech facade and its worker, heard through the recording backend (real thread)."""

import logging
import threading
from pathlib import Path

import pytest

from accessibility.announcements import focus_moved, screen_shown
from accessibility.nodes import AccessibleNode, Role
from accessibility.speech import EventKind, Priority, Speech, SpeechEvent, create_speech
from accessibility.speech.backends import (
    BACKEND_VARIABLE,
    create_backend,
    default_backend_name,
    register_backend,
)
from accessibility.speech.backends.null import NullBackend
from accessibility.speech.backends.recording import RecordingBackend

# Recorded "speech" lasting 20 ms per character: long enough to be interrupted.
SLOW = 0.02


def _slow_speech(seconds_per_character: float = SLOW) -> tuple[Speech, RecordingBackend]:
    backend = RecordingBackend(seconds_per_character=seconds_per_character)
    return Speech(backend), backend


def test_polite_utterances_are_said_in_order_with_language_and_priority(recording) -> None:
    speech, backend = recording
    speech.say("Xush kelibsiz", "uz_Latn")
    speech.say("Добро пожаловать", "ru")
    speech.say("Тўлов 75000 сўм", "uz_Cyrl")
    assert speech.wait_until_idle(5)
    said = backend.utterances
    assert [(u.text, u.language, u.priority) for u in said] == [
        ("Xush kelibsiz", "uz_Latn", Priority.POLITE),
        ("Добро пожаловать", "ru", Priority.POLITE),
        ("Тўлов 75000 сўм", "uz_Cyrl", Priority.POLITE),
    ]
    assert said[2].spoken_text == "Тўлов етмиш беш минг сўм"
    assert said[0].started_at <= said[1].started_at <= said[2].started_at
    assert not any(u.interrupted for u in said)


def test_assertive_drops_the_queue_and_stops_the_audio_within_100_ms() -> None:
    speech, backend = _slow_speech()
    events: list[SpeechEvent] = []
    speech.add_listener(events.append)
    started = threading.Event()
    speech.add_listener(lambda e: e.kind is EventKind.AUDIO_STARTED and started.set())
    with speech:
        speech.say("Bu juda uzun eʼlon, uni oxirigacha eshitish shart emas.", "uz_Latn")
        speech.say("Navbatda turgan xabar", "uz_Latn")
        assert started.wait(2)
        urgent = speech.say("Aloqa uzildi", "uz_Latn", Priority.ASSERTIVE)
        assert speech.wait_until_idle(5)
    said = backend.utterances
    assert [(u.text, u.interrupted) for u in said] == [
        ("Bu juda uzun eʼlon, uni oxirigacha eshitish shart emas.", True),
        ("Aloqa uzildi", False),
    ]
    dropped = [e.utterance.text for e in events if e.kind is EventKind.DROPPED and e.utterance]
    assert dropped == ["Navbatda turgan xabar"]
    stopped = next(e for e in events if e.kind is EventKind.AUDIO_INTERRUPTED)
    assert urgent is not None
    assert stopped.at - urgent.requested_at < 0.1


def test_screen_title_is_never_lost_and_only_the_last_focus_is_said() -> None:
    speech, backend = _slow_speech(0.005)
    first = AccessibleNode(Role.BUTTON, "Orqaga")
    second = AccessibleNode(Role.BUTTON, "Keyingisi")
    with speech:
        speech.say("Oldingi xabar tugaguncha kuting", "uz_Latn")
        speech.announce(screen_shown("Toʻlovlar", "uz_Latn"))
        speech.announce(focus_moved(first, "uz_Latn"))
        speech.announce(focus_moved(second, "uz_Latn"))
        assert speech.wait_until_idle(5)
    assert backend.texts() == [
        "Oldingi xabar tugaguncha kuting",
        "Toʻlovlar ekrani",
        "Keyingisi, tugma",
    ]


def test_interrupt_silences_and_forgets_the_queue() -> None:
    speech, backend = _slow_speech()
    started = threading.Event()
    speech.add_listener(lambda e: e.kind is EventKind.AUDIO_STARTED and started.set())
    with speech:
        speech.say("Birinchi uzun xabar, u toʻxtatiladi", "uz_Latn")
        speech.say("Ikkinchi xabar", "uz_Latn")
        assert started.wait(2)
        speech.interrupt()
        assert speech.wait_until_idle(2)
        speech.say("Keyin", "uz_Latn")
        assert speech.wait_until_idle(2)
    assert [(u.text, u.interrupted) for u in backend.utterances] == [
        ("Birinchi uzun xabar, u toʻxtatiladi", True),
        ("Keyin", False),
    ]


class _EngineFailingOn(RecordingBackend):
    """A backend whose engine raises on one text, as a broken voice or library might."""

    def __init__(self, failing_text: str) -> None:
        super().__init__()
        self.failing_text = failing_text

    def speak(self, utterance, settings, still_wanted, emit) -> None:
        if utterance.text == self.failing_text:
            raise RuntimeError("engine crashed")
        super().speak(utterance, settings, still_wanted, emit)


def test_the_worker_survives_engine_errors_and_faulty_listeners(caplog) -> None:
    backend = _EngineFailingOn("boom")
    errors: list[SpeechEvent] = []
    with Speech(backend) as speech:
        speech.add_listener(lambda e: 1 / 0 if e.kind is EventKind.QUEUED else None)
        speech.add_listener(lambda e: e.kind is EventKind.ERROR and errors.append(e))
        with caplog.at_level(logging.ERROR):
            speech.say("boom", "en")
            speech.say("still here", "en")
            assert speech.wait_until_idle(5)
    assert backend.texts() == ["still here"]
    assert [e.utterance.text for e in errors if e.utterance] == ["boom"]
    assert "engine crashed" in errors[0].detail
    assert "speech listener failed" in caplog.text


def test_blank_text_is_ignored_and_unknown_languages_refused(recording) -> None:
    speech, backend = recording
    assert speech.say("   ", "uz_Latn") is None
    with pytest.raises(ValueError, match="no voice"):
        speech.say("Hallo", "de")
    assert speech.wait_until_idle(2)
    assert backend.utterances == []


def test_preferences_set_rate_and_volume() -> None:
    with create_speech("recording", {"speech_rate": 220, "speech_volume": 0.4}) as speech:
        assert (speech.settings.rate, speech.settings.volume) == (220, 0.4)
        speech.update_preferences({"speech_rate": 120})
        assert (speech.settings.rate, speech.settings.volume) == (120, 1.0)


def test_unknown_or_failing_backends_fall_back_to_null(caplog) -> None:
    with caplog.at_level(logging.ERROR):
        backend = create_backend("festival")
    assert isinstance(backend, NullBackend)
    assert "no speech backend 'festival'" in backend.reason
    assert "speech is silent" in caplog.text
    with caplog.at_level(logging.ERROR):
        broken = create_backend("recording", seconds_per_character="fast", unknown_option=1)
    assert isinstance(broken, NullBackend) and "failed to load" in broken.reason


def test_an_engine_that_cannot_open_leaves_a_silent_working_app(tmp_path: Path, caplog) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with caplog.at_level(logging.ERROR), create_speech(
        "recording", synthesize_to=not_a_folder
    ) as speech:
        assert speech.backend.name == "null"
        speech.say("Salom", "uz_Latn")
        assert speech.wait_until_idle(2)
    assert "cannot start" in caplog.text


def test_backend_choice_and_the_android_seam(monkeypatch, caplog) -> None:
    monkeypatch.delenv(BACKEND_VARIABLE, raising=False)
    monkeypatch.delenv("ANDROID_ARGUMENT", raising=False)
    assert default_backend_name() == "pyttsx3"
    monkeypatch.setenv("ANDROID_ARGUMENT", "/data/app")
    assert default_backend_name() == "android"
    with caplog.at_level(logging.ERROR):
        backend = create_backend()
    assert isinstance(backend, NullBackend) and "'android'" in backend.reason
    monkeypatch.setenv(BACKEND_VARIABLE, "null")
    assert default_backend_name() == "null"
    with pytest.raises(ValueError, match="already registered"):
        register_backend("recording", RecordingBackend)
