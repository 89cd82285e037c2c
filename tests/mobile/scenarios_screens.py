"""Scenarios over whole screens: widget rules, the audit matrix, the screenshots.

Run through :mod:`tests.mobile.scenarios` in a process of their own, like the journeys.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.mobile.harness import Driver
from tests.mobile.scenarios_journey import report


def widget_rules(api_url: str) -> None:
    """Keyboard, focus, speech and font rules, observed on the running app (no server)."""
    from kivy.core.text import LabelBase
    from kivy.utils import get_hex_from_color

    from accessibility.audit import font_characters
    from accessibility.contrast import contrast_ratio
    from mobile.a11y.widgets import XTextField

    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-rules-")))
    app = driver.app
    found: dict[str, Any] = {}
    regular = LabelBase._fonts["Roboto"][0]
    glyphs = font_characters(regular)
    found["font"] = Path(regular).name
    found["font_has_uzbek_and_nnbsp"] = all(ord(c) in glyphs for c in "ʻʼ\u202fўғқҳ")
    # Language list: Down moves within the list, Space activates, Escape comes back.
    driver.settle()
    first = driver.heard()[-1]
    driver.key("down")
    driver.key("down")
    found["down_twice"] = driver.heard_since(driver.mark() - 1)[-1]
    driver.key("up")
    found["up"] = driver.heard()[-1]
    mark = driver.mark()
    driver.key("spacebar")
    driver.settle()
    found["after_space"] = app.sm.current
    driver.key("escape")
    driver.settle()
    found["after_escape"] = app.sm.current
    found["first_language"] = first
    # Sign-in: Tab skips a transparent button; Tab in a field moves on, typing no tab.
    app.trees_dir = Path(tempfile.mkdtemp(prefix="xizmat-trees-"))
    app.go("sign_in")
    driver.settle()
    found["exported_trees"] = sorted(path.name for path in app.trees_dir.glob("*.json"))
    from accessibility.audit_cli import main as audit_command

    found["audit_command_status"] = audit_command(
        [str(path) for path in app.trees_dir.glob("*.json")])
    screen = app.sm.current_screen
    register = next(w for w in screen.walk() if getattr(w, "a11y_id", "") == "register")
    register.opacity = 0
    order = [w.a11y_id for w in app.focus_manager.order()]
    found["order_without_invisible"] = order
    register.opacity = 1
    login = screen.ids.login
    app.focus(login)
    driver.type("123")
    driver.key("tab")
    found["tab_from_field"] = (login.text, app.focus_manager.focused.a11y_id,
                               XTextField().write_tab)
    driver.key("tab", ("shift",))
    found["shift_tab"] = app.focus_manager.focused.a11y_id
    # An empty submit: an assertive count, then the field with its error, focus on it.
    login.text = ""
    mark = driver.mark()
    screen.sign_in()
    said = driver.heard_since(mark)
    found["error_speech"] = said
    found["error_priority"] = [u.priority.value for u in driver.backend.utterances[mark:]]
    found["focus_after_error"] = app.focus_manager.focused.a11y_id
    # Ctrl+R says the last announcement again.
    mark = driver.mark()
    driver.key("r", ("ctrl",))
    found["repeat"] = driver.heard_since(mark)
    # The focus ring is drawn in the theme's focus colour, >= 3:1 on the screen.
    ring = [i for i in app.focus_manager.focused.canvas.after.children
            if i.__class__.__name__ == "Color"][-1]
    found["ring_colour"] = get_hex_from_color(ring.rgba)[:7].upper()
    found["ring_contrast"] = contrast_ratio(found["ring_colour"], app.theme.background)
    found["theme_focus"] = app.theme.focus
    # Large type: the settings screen at 300 % scrolls to follow the focus.
    app.apply_preferences({"font_scale": 3.0, "locale": "ru"}, save=False)
    app.go("settings")
    driver.settle()
    found["title_in_russian"] = app.sm.current_screen.title
    for _ in range(12):
        driver.key("tab")
    focused = app.focus_manager.focused
    scroller = app.sm.current_screen.children[0]
    _x, y = focused.to_window(focused.x, focused.y)
    found["scrolled"] = scroller.scroll_y < 1
    found["focused_in_view"] = y >= 0 and y + focused.height <= scroller.height + 1
    report(**found)
    driver.stop()


def seeded_findings(driver: Driver) -> list[str]:
    """The audit must see what the export reports: a nameless 20 dp button, pale text."""
    from kivy.metrics import dp

    from accessibility.audit import audit_tree
    from mobile.a11y.export import export_screen
    from mobile.a11y.widgets import XButton, XLabel

    app = driver.app
    app.go("settings")
    driver.settle()
    body = app.sm.current_screen.children[0].children[0]
    bad_button = XButton(text="", a11y_id="seeded_button", size_hint_y=None)
    pale = XLabel(text="pale", a11y_id="seeded_label", fg_role="surface")
    body.add_widget(bad_button)
    body.add_widget(pale)
    driver.pump(0.2)
    bad_button.height = dp(20)
    driver.pump(0.2)
    tree = export_screen(app.sm.current_screen, app.theme, app.locale, app.font_path)
    codes = sorted(f"{f.code}:{f.node_id}" for f in audit_tree(tree))
    body.remove_widget(bad_button)
    body.remove_widget(pale)
    return codes


def speak_on_server(app: Any, locale: str) -> None:
    """The profile's language too, as the settings screen saves it: the server answers a
    signed-in citizen in their saved language before the Accept-Language header."""
    from locales import to_bcp47

    app.api.update_me({"locale": to_bcp47(locale)})


def audit(api_url: str, login: str, password: str, locales: list[str], scales: list[float],
          themes: list[str]) -> None:
    """Audit every screen in every locale, type scale and theme; report every finding."""
    from accessibility.audit import audit_tree
    from mobile.a11y.export import export_screen
    from tests.mobile.screen_tour import sign_in_and_apply, tour

    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-audit-")))
    app = driver.app
    application = sign_in_and_apply(driver, login, password)
    findings: list[str] = []
    audited = 0
    for locale in locales:
        app.apply_preferences({"locale": locale, "font_scale": 1.0, "theme": "default"},
                              save=False)
        speak_on_server(app, locale)
        for name in tour(driver, application):
            for theme in themes:
                for scale in scales:
                    app.apply_preferences({"theme": theme, "font_scale": scale}, save=False)
                    driver.pump(0.12)
                    tree = export_screen(app.sm.current_screen, app.theme, app.locale,
                                         app.font_path)
                    audited += 1
                    findings += [f"{name} {locale} {theme} {scale}: {finding.describe('en')}"
                                 for finding in audit_tree(tree)]
            app.apply_preferences({"theme": "default", "font_scale": 1.0}, save=False)
    report(audited=audited, findings=findings, seeded=seeded_findings(driver))
    driver.stop()


def screenshots(api_url: str, login: str, password: str, folder: str, locales: list[str],
                scales: list[float]) -> None:
    """A PNG of every screen per locale and type scale, and an index page linking them."""
    from tests.mobile.screen_tour import sign_in_and_apply, tour

    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-shots-")))
    from mobile.a11y.focus import settle_scroll  # imports the window: after Driver sized it
    app = driver.app
    application = sign_in_and_apply(driver, login, password)
    written: list[str] = []
    for locale in locales:
        app.apply_preferences({"locale": locale, "font_scale": 1.0}, save=False)
        speak_on_server(app, locale)
        for name in tour(driver, application):
            for scale in scales:
                app.apply_preferences({"font_scale": scale}, save=False)
                driver.pump(0.3)
                scroller = app.sm.current_screen.children[0]
                scroller.scroll_y = 1  # the top of the screen, as it opens
                settle_scroll(scroller)
                driver.pump(0.1)
                relative = f"{locale}/{int(scale * 100)}/{name}.png"
                target = Path(folder) / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                app.sm.current_screen.export_to_png(str(target))
                written.append(relative)
            app.apply_preferences({"font_scale": 1.0}, save=False)
    report(written=written)
    driver.stop()


ALL_TYPES_STEP = {
    "id": "everything",
    "title": "Every field type",
    "fields": [
        {"name": "full_name", "type": "text", "label": "Full name", "required": True},
        {"name": "story", "type": "long_text", "label": "Story", "required": False},
        {"name": "children", "type": "integer", "label": "Children"},
        {"name": "income", "type": "decimal", "label": "Income"},
        {"name": "born", "type": "date", "label": "Born"},
        {"name": "reason", "type": "single_choice", "label": "Reason",
         "options": [{"value": "lost", "label": "Lost"}, {"value": "stolen", "label": "Stolen"}]},
        {"name": "needs", "type": "multiple_choice", "label": "Needs",
         "options": [{"value": "ramp", "label": "Ramp"}, {"value": "sign", "label": "Signer"}]},
        {"name": "has_car", "type": "yes_no", "label": "Do you have a car?"},
        {"name": "car_plate", "type": "text", "label": "Plate",
         "show_if": {"field": "has_car", "equals": True}},
        {"name": "agree", "type": "consent", "label": "I agree"},
        {"name": "phone", "type": "phone", "label": "Phone"},
        {"name": "pinfl", "type": "pinfl", "label": "PINFL"},
        {"name": "email", "type": "email", "label": "E-mail"},
        {"name": "region", "type": "region", "label": "Region"},
        {"name": "district", "type": "district", "label": "District",
         "constraints": {"region_field": "region"}},
        {"name": "address", "type": "address", "label": "Address"},
    ],
}
REGIONS = [
    {"id": "tashkent-city", "name": "Toshkent shahri",
     "districts": [{"id": "chilanzar", "name": "Chilonzor tumani"},
                   {"id": "yunusabad", "name": "Yunusobod tumani"}]},
    {"id": "samarkand", "name": "Samarqand viloyati",
     "districts": [{"id": "urgut", "name": "Urgut tumani"}]},
]


def form_rules(api_url: str) -> None:
    """Every field type rendered, conditions applied as the user types, values typed."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-form-")))
    app = driver.app
    service = {"id": "every-field-type", "title": "Every field type", "steps": [ALL_TYPES_STEP]}
    draft = app.drafts.open(service["id"])
    app.context.update(service=service, draft=draft, regions=REGIONS, prefill={
        "full_name": {"value": "Aziz Karimov", "source": "Civil registry", "status": "registry"}})
    app.go("flow_step", index=0)
    driver.settle()
    form = app.sm.current_screen.form
    found: dict[str, Any] = {
        "controls": {view.name: type(view.control).__name__ for view in form.fields},
        "prefilled": [form.fields[0].control.text, form.fields[0].block.hint],
    }
    order = [w.a11y_id for w in app.focus_manager.order()]
    found["plate_before"] = "car_plate" in order
    yes = next(w for w in app.focus_manager.order() if w.a11y_id == "has_car__True")
    app.focus(yes)
    driver.key("spacebar")
    found["plate_after"] = "car_plate" in [w.a11y_id for w in app.focus_manager.order()]
    born = next(w for w in app.focus_manager.order() if w.a11y_id == "born")
    app.focus(born)
    driver.type("05.03.1990")
    children = next(w for w in app.focus_manager.order() if w.a11y_id == "children")
    app.focus(children)
    driver.type("2x")
    region = next(w for w in app.focus_manager.order() if w.a11y_id == "region__samarkand")
    app.focus(region)
    driver.key("spacebar")
    driver.settle()
    found["districts"] = [w.a11y_id for w in app.focus_manager.order()
                          if w.a11y_id.startswith("district__")]
    values = form.values()
    found["values"] = {key: values[key] for key in ("born", "children", "has_car", "region",
                                                    "needs", "agree", "car_plate")}
    found["draft"] = app.drafts.open(service["id"]).values_by_step.get("everything", {})
    report(**found)
    driver.stop()


def settings_profile(api_url: str, login: str, password: str) -> None:
    """Settings changed by keys apply at once and reach the server profile."""
    from kivy.metrics import Metrics

    from mobile.i18n import catalog

    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-settings-")))
    app = driver.app
    app.api.sign_in(login, password)
    app.apply_preferences({"locale": "ru"}, save=False)
    app.go("settings")
    driver.settle()
    larger = catalog("ru").gettext("Larger text")
    driver.tab_until(lambda said: said.startswith(larger))
    driver.key("enter")
    dark = catalog("ru").gettext("High contrast, dark")
    driver.tab_until(lambda said: said.startswith(dark))
    driver.key("spacebar")
    driver.settle()
    driver.until(lambda: app.api.me()["preferences"]["theme"] == "high_contrast_dark",
                 what="the profile update", timeout=15)
    me = app.api.me()
    report(font_scale=app.font_scale, metrics_fontscale=float(Metrics.fontscale),
           background=app.colours["background"], profile=me["preferences"],
           profile_locale=me["locale"])
    driver.stop()
