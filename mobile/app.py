"""The Kivy application: app state as properties, navigation, and the accessibility wiring.

State that the kv rules read (colours of the theme, locale, type scale, speech) lives here as
Kivy properties, so a change in the settings applies at once on every screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock, ClockEvent
from kivy.lang import Builder
from kivy.metrics import Metrics
from kivy.properties import BooleanProperty, DictProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import NoTransition, ScreenManager
from kivy.uix.widget import Widget

from accessibility.nodes import save_tree
from accessibility.themes import Theme, get_theme
from accessibility.typescale import clamp_scale
from locales import BCP47_TAGS, DEFAULT_LOCALE, to_bcp47
from mobile.a11y.export import export_screen
from mobile.a11y.focus import FocusManager
from mobile.a11y.voice import Voice
from mobile.api import ApiError, AuthenticationError, Outbox, ProblemError, XizmatApi
from mobile.fonts import register_fonts
from mobile.forms import StepForm
from mobile.i18n import Translator
from mobile.palette import palette
from mobile.preferences import Preferences, words_per_minute
from mobile.screens import SCREENS
from mobile.screens.base import XScreen
from mobile.screens.home import regions_of
from mobile.session_watch import SessionWatch
from mobile.store import DraftStore
from mobile.worker import Background

#: What the server profile holds before the citizen changes anything.
SERVER_PREFERENCE_DEFAULTS = {"font_scale": 1.0, "theme": "default", "speech": False,
                              "speech_rate": 1.0}
BCP47_LOCALES = {tag: locale for locale, tag in BCP47_TAGS.items()}
KV_DIR = Path(__file__).resolve().parent / "kv"
#: A new screen is announced a frame later, after layout, so that the reading order (and so
#: the first control) sees the new widgets' sizes.
LAYOUT_DELAY = 0.05
#: How long a screen's title waits for the screen's data.  A screen reader user expects to
#: hear where they are, then what is there, once: "Offer, screen", "Loading…", then the offer's
#: own title as a second screen, is two screens for one.  A local or good mobile connection
#: answers well within a second, and a pause that short after a key still reads as the app's
#: response; a longer silence would leave the user wondering whether the key was taken.  So
#: after it the screen is announced with a stand-in title that names it ("Offer"), and what
#: arrives later is said as an update of that screen, not as a new one.
DATA_WAIT = 1.0


class XizmatApp(App):
    colours = DictProperty(palette(get_theme("default")))
    theme_name = StringProperty("default")
    locale = StringProperty(DEFAULT_LOCALE)
    font_scale = NumericProperty(1.0)
    speech_on = BooleanProperty(True)
    speech_rate = NumericProperty(1.0)
    #: The last status line (saved, sent, offline ...), shown at the foot of screens.
    status = StringProperty("")

    def __init__(self, api_url: str, data_dir: Path, voice: Voice | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_dir = data_dir
        self.preferences = Preferences(data_dir / "preferences.json")
        self.tr = Translator(self.preferences.locale or DEFAULT_LOCALE)
        self.api = XizmatApi(api_url, data_dir, locale=self.tr.locale)
        self.outbox = Outbox(data_dir / "outbox.sqlite3")
        self.drafts = DraftStore(data_dir / "drafts.sqlite3")
        self.voice = voice or Voice.for_environment()
        self.history: list[str] = []
        self.context: dict[str, Any] = {}
        self.font_path = str(register_fonts())
        self.worker = Background(self.report_failure)
        self.session = SessionWatch(self)
        self.focus_manager: FocusManager | None = None
        #: The scheduled outbox deliveries, cancelled on stop (the outbox closes then).
        self._outbox_flushes: list[ClockEvent] = []
        #: The widget to focus when the next screen shows (instead of its first control).
        self.return_focus: Widget | None = None
        self._after_layout = Clock.create_trigger(
            lambda _dt: self._announce_current(wait_for_data=True), LAYOUT_DELAY)
        self._data_late = Clock.create_trigger(
            lambda _dt: self._announce_current(wait_for_data=False), DATA_WAIT)
        self._refocus = Clock.create_trigger(lambda _dt: self._keep_focus(), LAYOUT_DELAY)
        #: What the screen (or the user's Tab) focused while its title was still to be said.
        self._focus_chosen: Widget | None = None
        #: The title last said for the current screen (to tell, when data comes late, whether
        #: the screen now has another one to say).
        self._announced_title = ""
        self.sm: ScreenManager | None = None
        #: With XIZMAT_EXPORT_TREES set, each screen's tree is saved there as it opens.
        trees = os.environ.get("XIZMAT_EXPORT_TREES", "").strip()
        self.trees_dir: Path | None = Path(trees) if trees else None

    # -- start -------------------------------------------------------------------------------
    def build(self) -> ScreenManager:
        self.title = "Xizmat"
        for kv_file in sorted(KV_DIR.glob("*.kv")):
            Builder.load_file(str(kv_file))
        self.apply_preferences(self.preferences.as_dict(), save=False)
        self.sm = ScreenManager(transition=NoTransition())
        # Screens are built when first opened: the first one speaks sooner after start.
        self.focus_manager = FocusManager(
            root_provider=lambda: self.sm.current_screen if self.sm else None,
            on_focus=self.speak_focus,
            on_back=self.go_back,
            on_repeat=self.voice.repeat,
            on_value=lambda widget: self.voice.value(widget, self.locale),
        )
        first = "language" if not self.preferences.chosen else (
            "home" if self.api.signed_in else "sign_in")
        self.go(first, remember=False)
        self._outbox_flushes = [Clock.schedule_interval(lambda _dt: self.flush_outbox(), 30),
                                Clock.schedule_once(lambda _dt: self.flush_outbox(), 1)]
        self.session.start()
        return self.sm

    def on_stop(self) -> None:
        # A delivery due while the app stops would find the outbox closed.
        for scheduled in self._outbox_flushes:
            scheduled.cancel()
        self.session.stop()
        if self.focus_manager is not None:
            self.focus_manager.stop()
        self.worker.stop()
        self.voice.close()
        self.outbox.close()
        self.drafts.close()
        self.api.close()

    # -- preferences -------------------------------------------------------------------------
    def apply_preferences(self, values: dict[str, Any], save: bool = True) -> None:
        """Apply language, type scale, theme and speech at once (and keep them)."""
        if values.get("locale") and values["locale"] != self.tr.locale:
            self.tr.switch(values["locale"])
        self.locale = self.api.locale = self.tr.locale
        self.font_scale = clamp_scale(float(values.get("font_scale", self.font_scale)))
        Metrics.fontscale = self.font_scale
        self.theme_name = get_theme(str(values.get("theme", self.theme_name))).name
        self.colours = palette(get_theme(self.theme_name))
        self.speech_on = bool(values.get("speech", self.speech_on))
        self.speech_rate = float(values.get("speech_rate", self.speech_rate))
        self.voice.configure(enabled=self.speech_on, rate=words_per_minute(self.speech_rate))
        if save:
            self.preferences.update(**self.preference_values())

    def preference_values(self) -> dict[str, Any]:
        return {"locale": self.locale, "font_scale": self.font_scale, "theme": self.theme_name,
                "speech": self.speech_on, "speech_rate": float(self.speech_rate)}

    def load_profile(self) -> None:
        """After sign-in, reconcile this phone's settings with the server profile.

        Settings the citizen changed elsewhere (the profile differs from the server's
        defaults) follow them to this phone; an untouched profile takes this phone's settings
        instead, so the reading mode just chosen (speech on, say) is not switched off.  The
        language chosen on this phone stays.
        """

        def loaded(user: Any) -> None:
            if not isinstance(user, dict):
                return
            remote = dict(user.get("preferences") or {})
            if remote and remote != SERVER_PREFERENCE_DEFAULTS:
                self.apply_preferences({**remote, "locale": self.locale})
            self.save_profile()

        self.background(self.api.me, loaded, lambda _error: None)

    def save_profile(self) -> None:
        """Send the settings to the server profile (quietly kept locally when offline)."""
        values = self.preference_values()
        changes = {"locale": to_bcp47(values.pop("locale")), "preferences": values}
        self.background(lambda: self.api.update_me(changes), lambda _user: None,
                        lambda _error: None)

    @property
    def theme(self) -> Theme:
        return get_theme(self.theme_name)

    # -- navigation --------------------------------------------------------------------------
    def go(self, name: str, remember: bool = True, **context: Any) -> None:
        assert self.sm is not None
        if remember and self.sm.current and self.sm.current != name:
            self.history.append(self.sm.current)
        if not self.sm.has_screen(name):
            self.sm.add_widget(SCREENS[name](name=name))
        screen = self.sm.get_screen(name)
        assert isinstance(screen, XScreen)
        self._expect_screen()  # before prepare(): what it starts loading is said after the title
        screen.opened_with = context  # "Try again" opens it so again (XScreen.try_again)
        screen.prepare(**context)
        if self.sm.current == name:
            self.screen_entered(screen)
        self.sm.current = name

    def go_back(self) -> bool:
        """Escape: the screen's own step back first (a flow step), else the previous screen."""
        if self.sm is None:
            return False
        screen = self.sm.current_screen
        if isinstance(screen, XScreen) and screen.back():
            return True
        if not self.history:
            return False
        self._expect_screen()
        self.sm.current = self.history.pop()
        return True

    def start_application(self, service: dict[str, Any]) -> None:
        """Open (or resume) the draft of ``service`` and go to its first unfinished step.

        The server draft is made now when the network allows (it brings prefilled values);
        offline, the draft lives on the phone and the outbox makes it on delivery.
        """
        draft = self.drafts.open(str(service["id"]))
        self.context.update(service=service, draft=draft, prefill={})

        def made(answer: Any) -> None:
            if isinstance(answer, dict):
                draft.application_id = str(answer.get("id"))
                self.context["prefill"] = answer.get("prefill") or {}
                self.drafts.save(draft)
            self.go("flow_step", index=draft.step_index)

        def offline(error: BaseException) -> None:
            if isinstance(error, ProblemError):
                self.say_error(self.error_text(error))
                return
            self.say_status(self.error_text(error))
            self.go("flow_step", index=draft.step_index)

        def make() -> Any:
            self.context.setdefault("regions", regions_of(self.api.regions()))
            return None if draft.application_id else self.api.create_application(draft.service_id)

        self.background(make, made, offline)

    def _expect_screen(self) -> None:
        """A screen change has begun: its status and focus speech wait for its title."""
        self.voice.hold()
        self._focus_chosen = None
        self._data_late.cancel()
        self._data_late()

    def screen_entered(self, _screen: XScreen) -> None:
        """The new screen shows: announce it after layout (once its data is there)."""
        self._after_layout()

    def screen_loaded(self, screen: XScreen) -> None:
        """``screen``'s data has come (or failed to): announce it now if it was waiting;
        if it was announced without it (the data was late), say what it shows now instead of
        announcing the whole screen again."""
        screen.loading = False
        if self.sm is None or screen is not self.sm.current_screen:
            return
        if self.voice.holding:
            self._after_layout()
            return
        if screen.title != self._announced_title:
            self._announced_title = screen.title
            self.voice.loaded(screen.title, screen.summary, self.locale)
        self._refocus()

    def _keep_focus(self) -> None:
        """After new content (and its layout): if the focused control went with the old
        content, focus the first one, so that Tab and Enter act on what is shown."""
        manager = self.focus_manager
        if manager is None or self.voice.holding:
            return  # another screen is on its way: it chooses its own focus
        if manager.focused not in manager.order():
            manager.focus_first(speak=True)

    def _announce_current(self, wait_for_data: bool) -> None:
        """Say the title and summary, then what the screen said while opening, then focus
        (and say) what it chose, or its first control: once per screen change.

        Done a frame later, after layout, so that the reading order sees the new widgets'
        sizes; and, up to DATA_WAIT, once the screen's data is there.
        """
        if self.sm is None or not isinstance(self.sm.current_screen, XScreen):
            return
        screen = self.sm.current_screen
        if not self.voice.holding or (wait_for_data and screen.loading):
            return  # said already, or screen_loaded() or the DATA_WAIT trigger comes back
        self._data_late.cancel()
        self._announced_title = screen.title
        self.voice.screen(screen.title, screen.summary, self.locale)
        if self.focus_manager is not None:
            # Back from an interruption (the session warning): where the citizen was; else
            # what the screen focused with its data (the newest offer), else the first control.
            chosen = (self.return_focus, self._focus_chosen)
            self.return_focus = self._focus_chosen = None
            order = self.focus_manager.order()
            target = next((widget for widget in chosen if widget in order), None)
            if target is not None:
                self.focus_manager.focus(target)
            else:
                self.focus_manager.focus_first(speak=True)
        if self.trees_dir is not None:
            self.export_tree(screen, self.trees_dir)

    def export_tree(self, screen: XScreen, folder: Path) -> Path:
        """Save the screen's accessible tree (for ``xizmat-audit`` or a native bridge)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{screen.name}-{self.locale}-{self.theme_name}-" \
                        f"{round(self.font_scale * 100)}.json"
        save_tree(export_screen(screen, self.theme, self.locale, self.font_path), path)
        return path

    def focus(self, widget: Widget) -> None:
        if self.focus_manager is not None:
            self.focus_manager.focus(widget)

    # -- speech ------------------------------------------------------------------------------
    def speak_focus(self, widget: Widget) -> None:
        if self.voice.holding:
            self._focus_chosen = widget  # said after the screen's title (_announce_current)
            return
        self.voice.focus(widget, self.locale)

    def say_status(self, text: str) -> None:
        self.status = text
        self.voice.status(text, self.locale)

    def say_error(self, text: str) -> None:
        self.status = text
        self.voice.error(text, self.locale)

    def report_field_errors(self, fields: list[Widget]) -> None:
        """After a refused form: say how many fields need attention, then move focus to the
        first; its focus announcement carries its error, so nothing is cut off."""
        if not fields:
            return
        self.voice.field_errors(len(fields), self.locale)
        self.focus(fields[0])

    def report_refusal(self, error: BaseException, form: StepForm | None) -> str:
        """The server refused a form: field errors go under their fields and focus moves to
        the first (its announcement carries the error); any other refusal is said as an
        error.  Returns the text the screen shows."""
        text = self.error_text(error)
        if isinstance(error, ProblemError) and error.field_errors and form is not None:
            invalid = form.show_errors(error.field_errors)
            if invalid:
                self.report_field_errors(invalid)
                return text
        self.say_error(text)
        return text

    def report_failure(self, error: BaseException) -> None:
        """A background call failed: a refused sign-in ends the session (work kept),
        anything else is said as an error."""
        if isinstance(error, AuthenticationError):
            self.session.ended(refused=True)
        else:
            self.say_error(self.error_text(error))

    def error_text(self, error: BaseException) -> str:
        if isinstance(error, ProblemError) and error.text:
            return error.text
        if isinstance(error, ApiError):
            return self.tr._(error.message_id)
        return self.tr._(ApiError.message_id)

    # -- background work ---------------------------------------------------------------------
    def background(self, work: Callable[[], Any], done: Callable[[Any], None],
                   failed: Callable[[BaseException], None] | None = None) -> None:
        """Run ``work`` off the UI thread (see :mod:`mobile.worker`)."""
        self.worker.run(work, done, failed)

    def flush_outbox(self) -> None:
        if not self.outbox.pending() or not self.api.signed_in:
            return

        def delivered(entries: list[Any]) -> None:
            for entry in entries:
                if entry.state == "delivered":
                    number = (entry.result or {}).get("number", "")
                    self.say_status(self.tr._(
                        "Your application was sent. Number: %(number)s", number=number))

        self.background(lambda: self.outbox.deliver_pending(self.api), delivered, lambda _e: None)
