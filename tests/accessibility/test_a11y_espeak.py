"""The real engine: espeak-ng through pyttsx3 says one sentence per locale to audio files.

Marked ``speech``; skipped with a message when espeak-ng is not installed.
"""

import array
import logging
import math
import shutil
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from accessibility.speech import EventKind, Priority, SpeechEvent, create_speech
from accessibility.speech.backends.pyttsx3_espeak import (
    EspeakSynthesizer,
    SynthesisError,
    wait_for_complete_wav,
)
from accessibility.speech.voices import VoiceSettings

pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

SENTENCES = {
    "uz_Latn": "Arizangiz qabul qilindi, toʻlov 150 000 soʻm.",
    "uz_Cyrl": "Аризангиз қабул қилинди, маълумотлар текширилмоқда.",
    "ru": "Ваше заявление принято и передано в ведомство.",
    "en": "Your application has been received and sent to the agency.",
}

# A player that lasts as long as the clip, for machines without a sound card (here, CI):
# aplay would exit at once there, leaving nothing to interrupt.
PACED_PLAYER = (
    sys.executable, "-c",
    "import sys, time, wave; w = wave.open(sys.argv[1]); "
    "time.sleep(w.getnframes() / w.getframerate())",
    "{path}",
)


def _duration_and_rms(path: Path) -> tuple[float, float]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        samples = array.array("h", wav.readframes(wav.getnframes()))
        duration = wav.getnframes() / wav.getframerate()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    return duration, rms


def test_one_sentence_per_locale_is_spoken_to_a_plausible_audio_file(tmp_path: Path) -> None:
    with create_speech("recording", synthesize_to=tmp_path) as speech:
        assert speech.backend.name == "recording"
        for locale, sentence in SENTENCES.items():
            speech.say(sentence, locale)
        assert speech.wait_until_idle(30)
        said = speech.backend.utterances  # type: ignore[attr-defined]
    assert [u.language for u in said] == list(SENTENCES)
    for utterance in said:
        assert utterance.audio_file is not None and utterance.audio_file.exists()
        duration, rms = _duration_and_rms(utterance.audio_file)
        words = len(utterance.spoken_text.split())
        # espeak-ng at 175 wpm: about 0.34 s a word; allow a wide band, but not silence
        # and not a letter-by-letter spelling (several times longer).
        assert 0.15 * words < duration < 0.9 * words, (utterance.language, duration, words)
        assert rms > 500, (utterance.language, rms)  # 16-bit samples: clearly not silent
        assert utterance.duration == pytest.approx(duration)


def test_mapping_the_tutuq_keeps_the_uzbek_voice_from_spelling(tmp_path: Path) -> None:
    synthesizer = EspeakSynthesizer()
    synthesizer.open()
    settings = VoiceSettings()
    raw = synthesizer.synthesize("maʼlumot", "trk/uz", settings, tmp_path / "raw.wav")
    mapped = synthesizer.synthesize("ma'lumot", "trk/uz", settings, tmp_path / "mapped.wav")
    assert mapped < raw * 0.7  # measured: 0.84 s against 2.08 s spelled out


def test_a_wrong_voice_id_is_detected_and_logged(tmp_path: Path, caplog) -> None:
    synthesizer = EspeakSynthesizer()
    synthesizer.open()
    with caplog.at_level(logging.ERROR):
        duration = synthesizer.synthesize(
            "Hello", "xx/no-such-voice", VoiceSettings(), tmp_path / "x.wav"
        )
    assert duration > 0  # still speaks, with the previous voice
    assert "xx/no-such-voice" in caplog.text


def test_a_failing_player_is_logged_once_and_speech_goes_on(caplog) -> None:
    with caplog.at_level(logging.WARNING), create_speech(
        "pyttsx3", player=("false", "{path}")
    ) as speech:
        for locale, sentence in SENTENCES.items():
            speech.say(sentence, locale)
        assert speech.wait_until_idle(30)
        assert speech.backend.name == "pyttsx3"
    failures = [r for r in caplog.records if "audio player failed" in r.getMessage()]
    assert len(failures) == 1


def test_assertive_terminates_the_player_within_100_ms() -> None:
    events: list[SpeechEvent] = []
    started = threading.Event()
    with create_speech("pyttsx3", player=PACED_PLAYER) as speech:
        speech.add_listener(events.append)
        speech.add_listener(lambda e: e.kind is EventKind.AUDIO_STARTED and started.set())
        speech.say(SENTENCES["en"], "en")
        assert started.wait(5)
        urgent = speech.say("Stop.", "en", Priority.ASSERTIVE)
        assert speech.wait_until_idle(10)
    assert urgent is not None
    stopped = next(e for e in events if e.kind is EventKind.AUDIO_INTERRUPTED)
    assert stopped.at - urgent.requested_at < 0.1
    finished = [e.utterance.text for e in events
                if e.kind is EventKind.AUDIO_FINISHED and e.utterance]
    assert finished == ["Stop."]


def test_waiting_for_a_file_written_late_and_for_one_never_written(tmp_path: Path) -> None:
    late = tmp_path / "late.wav"
    frames = array.array("h", [1000, -1000] * 2205).tobytes()

    def write_later() -> None:
        time.sleep(0.02)
        with wave.open(str(late), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(frames)

    writer = threading.Thread(target=write_later)
    writer.start()
    assert wait_for_complete_wav(late, timeout=2.0) == pytest.approx(0.2)
    writer.join()
    with pytest.raises(SynthesisError, match="no complete audio"):
        wait_for_complete_wav(tmp_path / "never.wav", timeout=0.05)
