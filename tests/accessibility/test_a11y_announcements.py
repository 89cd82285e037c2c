"""Announcements: screen-reader order, errors folded into state, plurals, priorities."""

import pytest

from accessibility.announcements import (
    CONFIRMATION,
    FOCUS,
    SCREEN,
    VALUE,
    confirmation,
    describe,
    error_summary,
    focus_moved,
    screen_shown,
    session_expiring,
    status_message,
    value_changed,
)
from accessibility.nodes import AccessibleNode, Role, State
from accessibility.speech import Priority

SUBMIT = AccessibleNode(Role.BUTTON, "Arizani yuborish", hint="Enter tugmasini bosing")
PHONE = AccessibleNode(
    Role.TEXT_FIELD,
    "Telefon raqami",
    states=frozenset({State.REQUIRED}),
    error="9 ta raqam kiriting",
    hint="Masalan, 90 123 45 67",
)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("uz_Latn", "Arizani yuborish, tugma, Enter tugmasini bosing"),
        ("uz_Cyrl", "Arizani yuborish, тугма, Enter tugmasini bosing"),
        ("ru", "Arizani yuborish, кнопка, Enter tugmasini bosing"),
        ("en", "Arizani yuborish, button, Enter tugmasini bosing"),
    ],
)
def test_name_role_hint_order(locale: str, expected: str) -> None:
    assert describe(SUBMIT, locale) == expected


def test_error_is_folded_into_the_state_before_the_hint() -> None:
    assert describe(PHONE, "uz_Latn") == (
        "Telefon raqami, matn maydoni, notoʻgʻri qiymat: 9 ta raqam kiriting, majburiy, "
        "Masalan, 90 123 45 67"
    )
    assert describe(PHONE, "ru") == (
        "Telefon raqami, текстовое поле, неверное значение: 9 ta raqam kiriting, "
        "обязательное поле, Masalan, 90 123 45 67"
    )
    # One announcement carries both: nothing later can cut the error off on its own.
    announcement = focus_moved(PHONE, "en")
    assert "invalid entry: 9 ta raqam kiriting" in announcement.text
    assert announcement.text.index("invalid entry") < announcement.text.index("Masalan")


def test_value_and_placeholder() -> None:
    filled = AccessibleNode(Role.TEXT_FIELD, "Ism", value="Dilnoza", placeholder="Ismingiz")
    empty = AccessibleNode(Role.TEXT_FIELD, "Ism", placeholder="Ismingiz")
    assert describe(filled, "en") == "Ism, text field, Dilnoza"
    assert describe(empty, "en") == "Ism, text field, Ismingiz"


def test_switch_says_on_and_off_and_checkbox_checked() -> None:
    switch = AccessibleNode(Role.SWITCH, "Ovozli yordam", states=frozenset({State.CHECKED}))
    box = AccessibleNode(Role.CHECKBOX, "Roziman", states=frozenset({State.UNCHECKED}))
    assert describe(switch, "uz_Latn") == "Ovozli yordam, almashtirgich, yoqilgan"
    assert describe(box, "uz_Cyrl") == "Roziman, белгилаш катакчаси, белгиланмаган"
    assert value_changed(box, "ru").text == "не отмечено"
    assert value_changed(box, "ru").kind == VALUE


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 элемент"), (3, "3 элемента"), (5, "5 элементов"), (11, "11 элементов"),
     (21, "21 элемент"), (22, "22 элемента")],
)
def test_russian_list_sizes_use_three_plural_forms(count: int, expected: str) -> None:
    items = tuple(AccessibleNode(Role.LIST_ITEM, f"Xizmat {i}") for i in range(count))
    services = AccessibleNode(Role.LIST, "Xizmatlar", children=items)
    assert describe(services, "ru") == f"Xizmatlar, список, {expected}"


def test_screen_title_is_polite_and_not_replaced_by_focus() -> None:
    title = screen_shown("Toʻlovlar", "uz_Latn")
    assert title.text == "Toʻlovlar ekrani"
    assert title.priority is Priority.POLITE and title.kind == SCREEN
    focus = focus_moved(SUBMIT, "uz_Latn")
    assert focus.priority is Priority.POLITE
    assert SCREEN not in focus.replaces and FOCUS in focus.replaces
    assert screen_shown("Платежи", "ru").text == "Платежи, экран"


def test_errors_interrupt_and_statuses_wait() -> None:
    summary = error_summary(2, "ru")
    assert summary.text == "2 поля требуют внимания"
    assert summary.priority is Priority.ASSERTIVE
    assert error_summary(1, "uz_Latn").text == "1 ta maydonni tuzatish kerak"
    assert status_message("Saqlandi", "uz_Latn").priority is Priority.POLITE
    done = confirmation("Ariza yuborildi", "uz_Latn")
    assert done.priority is Priority.POLITE and done.kind == CONFIRMATION
    assert CONFIRMATION not in focus_moved(SUBMIT, "en").replaces


def test_session_warning_is_assertive_and_localized() -> None:
    warning = session_expiring(5, "ru")
    assert warning.priority is Priority.ASSERTIVE
    assert warning.text.startswith("Сеанс завершится через 5 минут.")
    assert session_expiring(2, "ru").text.startswith("Сеанс завершится через 2 минуты.")
    assert session_expiring(1, "en").text.startswith("Your session ends in 1 minute.")
