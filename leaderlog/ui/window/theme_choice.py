"""View › Appearance: the chosen theme (system, light or dark), saved, and the desktop's scheme followed."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from leaderlog.ui.window.appearance import THEMES, apply_theme, is_dark, system_is_dark


class ThemeChoice(QObject):
    """The Appearance menu's checkable themes; 'system' follows the desktop as it switches."""

    def __init__(self, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.settings = settings
        self.group = QActionGroup(self)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    @property
    def chosen(self) -> str:
        return self.settings.value("view/theme", "system", type=str)

    def fill_menu(self, menu: QMenu) -> None:
        """One checkable action per theme, the saved one checked."""
        chosen = self.chosen
        for theme in THEMES:
            action = QAction(
                theme.capitalize() if theme != "system" else "Follow the system", self.parent()
            )
            action.setCheckable(True)
            action.setChecked(theme == chosen)
            action.setData(theme)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.group.addAction(action)
            menu.addAction(action)

    def set_theme(self, theme: str) -> None:
        """System, light or dark; saved first because applying it emits colorSchemeChanged."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.settings.setValue("view/theme", theme if theme in THEMES else "system")
        apply_theme(app, theme)

    def confirm_system_theme(self) -> None:
        """Follow the desktop's colour scheme where the platform palette told otherwise."""
        app = QApplication.instance()
        if (
            isinstance(app, QApplication)
            and self.chosen not in ("light", "dark")
            and system_is_dark() != is_dark(app.palette())
        ):
            apply_theme(app, "system")

    def _system_scheme_changed(self) -> None:
        """The desktop switched between light and dark: follow it if the user chose 'system'."""
        if self.chosen == "system":
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_theme(app, "system")
