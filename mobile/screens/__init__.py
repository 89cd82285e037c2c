"""The screens, in the order a new citizen meets them; each has its layout in ``kv/``."""

from __future__ import annotations

from mobile.screens.application import ApplicationScreen
from mobile.screens.applications import ApplicationsScreen
from mobile.screens.base import XScreen
from mobile.screens.data_access import DataAccessScreen
from mobile.screens.flow_step import FlowStepScreen
from mobile.screens.home import HomeScreen
from mobile.screens.language import LanguageScreen
from mobile.screens.notifications import NotificationsScreen
from mobile.screens.offer import OfferScreen
from mobile.screens.offers import OffersScreen
from mobile.screens.reading_mode import ReadingModeScreen
from mobile.screens.register import RegisterScreen
from mobile.screens.review import ReviewScreen
from mobile.screens.service import ServiceScreen
from mobile.screens.session import SessionScreen
from mobile.screens.settings import SettingsScreen
from mobile.screens.sign_in import SignInScreen
from mobile.screens.submitted import SubmittedScreen

SCREENS: dict[str, type[XScreen]] = {
    "language": LanguageScreen,
    "reading_mode": ReadingModeScreen,
    "sign_in": SignInScreen,
    "register": RegisterScreen,
    "home": HomeScreen,
    "service": ServiceScreen,
    "flow_step": FlowStepScreen,
    "review": ReviewScreen,
    "submitted": SubmittedScreen,
    "applications": ApplicationsScreen,
    "application": ApplicationScreen,
    "notifications": NotificationsScreen,
    "settings": SettingsScreen,
    "offers": OffersScreen,
    "offer": OfferScreen,
    "data_access": DataAccessScreen,
    "session": SessionScreen,
}
