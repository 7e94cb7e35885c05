"""The main window as a user meets it: welcome, navigation, journal, follow-ups, people, errors."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from leaderlog.journal import logbook, people
from leaderlog.ui.dashboard.weekly_table_page import WeeklyTablePage
from leaderlog.ui.start.app import install_excepthook, open_database_for_window, setup_logging
from leaderlog.ui.window import pages
from leaderlog.ui.window.pages import PageSpec, load_page_class

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


def test_first_run_welcome_guides_to_a_leader_and_a_first_day(db, open_window, keyboard):
    window = open_window()
    today = window.page("today")
    assert today.welcome.isVisible()
    assert not today.form_panel.isVisible()
    assert not window.leader_combo.isEnabled()
    assert QApplication.focusWidget() is today.welcome.name_edit

    keyboard.type("Ana Ruiz")
    keyboard.press(Key.Key_Tab)
    keyboard.type("North")
    keyboard.press(Key.Key_Return)

    (leader,) = people.list_leaders(db)
    assert (leader.name, leader.team) == ("Ana Ruiz", "North")
    assert today.form_panel.isVisible() and not today.welcome.isVisible()
    assert QApplication.focusWidget() is today.minutes_edit
    assert "Step 2" in window.statusBar().currentMessage()
    keyboard.type("30")
    keyboard.press(Key.Key_Return)
    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 30


def test_welcome_needs_a_name(db, open_window, keyboard):
    window = open_window()
    keyboard.press(Key.Key_Return)
    welcome = window.page("today").welcome
    assert people.list_leaders(db) == []
    assert welcome.name_error.isVisible()
    assert "empty" in welcome.name_error.text()


def test_ctrl_number_switches_pages_and_the_app_remembers_the_leader_not_the_page(
    db, leader, open_window, keyboard
):
    other = people.add_leader(db, "Ben Okafor", team="South")
    window = open_window()
    keyboard.ctrl(Key.Key_3)
    assert window.stack.currentWidget() is window.page("followups")
    keyboard.ctrl(Key.Key_5)
    assert window.stack.currentWidget() is window.page("people")
    row = next(
        i
        for i in range(window.leader_combo.count())
        if window.leader_combo.itemText(i).startswith("Ben")
    )
    window.leader_combo.setCurrentIndex(row)
    window.leader_combo.activated.emit(row)
    assert window.context.leader.id == other.id
    window.close()

    window = open_window()
    # issue 16: the app always opens on Today, where the daily habit starts; the leader is kept
    assert window.stack.currentWidget() is window.page("today")
    assert window.context.leader.id == other.id
    assert window.leader_combo.currentText().startswith("Ben Okafor")


def test_journal_search_and_type_filter(db, leader, open_window, keyboard, qtbot):
    sam = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_day_log(db, leader.id, TODAY, 40, "quiet morning", today=TODAY)
    logbook.add_coaching_note(db, leader.id, TODAY, sam.id, "late greeting", today=TODAY)
    logbook.add_reinforcement(db, leader.id, TODAY, "praise", "refund", today=TODAY)
    window = open_window()
    keyboard.ctrl(Key.Key_F)
    page = window.page("journal")
    assert QApplication.focusWidget() is page.search_edit
    assert page.model.rowCount() == 3
    keyboard.type("greet")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.entry(0).entry_type == "coaching"
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.type_combo.setCurrentIndex(1)  # day logs
    assert [page.model.entry(r).entry_type for r in range(page.model.rowCount())] == ["day"]


def test_journal_empty_state_says_what_to_do(db, leader, open_window, keyboard):
    window = open_window()
    keyboard.ctrl(Key.Key_2)
    page = window.page("journal")
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible()
    assert "Today page" in page.empty_label.text()


def test_delete_in_journal_then_ctrl_z_restores_the_entry(db, leader, open_window, keyboard):
    logbook.add_day_log(db, leader.id, TODAY - dt.timedelta(days=1), 50, today=TODAY)
    kept = logbook.add_reinforcement(db, leader.id, TODAY, "praise", "well done", today=TODAY)
    window = open_window()
    keyboard.ctrl(Key.Key_2)
    page = window.page("journal")
    page.table.setFocus()
    page.table.selectRow(0)
    assert page.selected_entry().uuid == kept.uuid
    keyboard.press(Key.Key_Delete)
    assert [e.entry_type for e in logbook.list_entries(db)] == ["day"]
    assert page.model.rowCount() == 1
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    assert window.undo_action.isEnabled()

    keyboard.ctrl(Key.Key_Z)
    restored = [e for e in logbook.list_entries(db) if e.entry_type == "reinforcement"]
    assert [e.uuid for e in restored] == [kept.uuid]
    assert page.model.rowCount() == 2
    assert not window.undo_action.isEnabled()


def test_edit_dialog_saves_changes_and_shows_field_errors(db, leader, open_window, qtbot):
    log = logbook.add_day_log(db, leader.id, TODAY, 50, today=TODAY)
    window = open_window()
    window.go_to(1)
    page = window.page("journal")
    seen: list[str] = []

    def edit_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.day_edit.setDate(dialog.day_edit.date().addDays(3))  # the future: refused
        dialog._save()
        seen.append(dialog.errors._fields["date"][0].text())
        dialog.day_edit.setDate(dialog.day_edit.date().addDays(-3))
        dialog.minutes_edit.setValue(65)
        dialog._save()

    QTimer.singleShot(0, edit_in_dialog)
    page.edit_selected()
    assert "future" in seen[0]
    assert logbook.get_entry(db, "day", log.id).minutes == 65


def test_marking_a_follow_up_done_moves_it_out_of_the_overdue_list(
    db, leader, open_window, keyboard, qtbot
):
    sam = people.add_member(db, leader.id, "Sam Lee")
    late = logbook.add_coaching_note(
        db, leader.id, TODAY - dt.timedelta(days=10), sam.id, "slow greeting",
        action="greet first", follow_up_on=TODAY - dt.timedelta(days=3), today=TODAY,
    )  # fmt: skip
    logbook.add_coaching_note(
        db, leader.id, TODAY, sam.id, "good", follow_up_on=TODAY + dt.timedelta(days=7), today=TODAY
    )
    window = open_window()
    qtbot.waitUntil(lambda: window.sidebar.item(2).text() == "Follow-ups (1)")
    keyboard.ctrl(Key.Key_3)
    page = window.page("followups")
    assert page.overdue_tree.topLevelItemCount() == 1
    assert page.coming_tree.topLevelItemCount() == 1
    assert QApplication.focusWidget() is page.overdue_tree
    keyboard.press(Key.Key_Space)

    assert page.overdue_tree.topLevelItemCount() == 0
    assert page.coming_tree.topLevelItemCount() == 1
    assert logbook.get_entry(db, "coaching", late.id).follow_up_done_on == TODAY
    assert "marked done" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.sidebar.item(2).text() == "Follow-ups")


def test_people_page_adds_members_and_shows_validation_next_to_the_field(
    db, leader, open_window, keyboard
):
    window = open_window()
    keyboard.ctrl(Key.Key_5)
    page = window.page("people")
    page.tabs.setCurrentIndex(1)
    tab = page.members_tab
    tab.new_name.setFocus()
    keyboard.type("Sam Lee")
    keyboard.press(Key.Key_Return)
    assert [m.name for m in people.list_members(db, leader.id)] == ["Sam Lee"]
    keyboard.type("sam lee")
    keyboard.press(Key.Key_Return)
    assert tab.name_error.isVisible()
    assert "already has a team member" in tab.name_error.text()
    assert len(people.list_members(db, leader.id)) == 1
    # the new member is offered on Today straight away
    keyboard.ctrl(Key.Key_1)
    assert window.page("today").completer.model().stringList() == ["Sam Lee"]


def test_leader_dialog_edits_work_pattern_and_targets(db, leader, open_window, qtbot):
    window = open_window()
    window.go_to(4)
    page = window.page("people")

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.name_edit.clear()
        dialog._save()
        assert "empty" in dialog.errors._fields["name"][0].text()
        dialog.name_edit.setText("Ana Ruiz-Lopez")
        dialog.day_checks[0].setChecked(False)  # no Mondays
        dialog.day_checks[5].setChecked(True)  # Saturdays
        dialog.minutes_spin.setValue(90)
        dialog._save()

    QTimer.singleShot(0, fill)
    page.leaders_tab.edit()
    saved = people.get_leader(db, leader.id)
    assert saved.name == "Ana Ruiz-Lopez"
    assert str(saved.work_pattern) == "tue-sat"
    assert saved.target_minutes == 90
    assert window.context.leader.name == "Ana Ruiz-Lopez"
    assert window.leader_combo.currentText().startswith("Ana Ruiz-Lopez")


def test_archiving_the_chosen_leader_picks_another(db, leader, open_window):
    other = people.add_leader(db, "Ben Okafor")
    window = open_window()
    window.go_to(4)
    tab = window.page("people").leaders_tab
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "Ana Ruiz")
    tab.table.selectRow(row)
    tab.toggle_archived()
    assert people.get_leader(db, leader.id).archived
    assert window.context.leader.id == other.id


def test_every_input_has_an_accessible_name(db, leader, open_window):
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    for index in range(len(pages.PAGES)):
        window.go_to(index)
    unnamed = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QAbstractButton) and widget.text():
            continue  # a button's text is its name
        if isinstance(
            widget, QLineEdit | QComboBox | QPlainTextEdit | QAbstractSpinBox | QAbstractItemView
        ):
            if widget.window() is not window or isinstance(
                widget.parent(), QComboBox | QAbstractSpinBox | QAbstractItemView
            ):
                continue  # popups, inner editors of combo and spin boxes, table headers
            if not widget.accessibleName():
                unnamed.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert unnamed == [], unnamed


def test_dashboard_falls_back_to_the_weekly_table_without_the_charts_page(db, leader):
    spec = PageSpec(
        "dashboard", "Dashboard", "leaderlog.ui.no_such_page", "DashboardPage",
        fallback=("leaderlog.ui.dashboard.weekly_table_page", "WeeklyTablePage"),
    )  # fmt: skip
    assert load_page_class(spec) is WeeklyTablePage


def test_weekly_table_shows_this_weeks_numbers(db, leader, open_window, qtbot):
    logbook.add_day_log(db, leader.id, TODAY, 70, today=TODAY)
    window = open_window()
    page = WeeklyTablePage(window.context)
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() >= 1
    assert page.table.item(0, 0).text().startswith("2026-11-16")
    # her first entry is today, a Friday: she is judged from that day, so one day's target
    assert page.table.item(0, 2).text() == "70 / 60"
    assert "Ana Ruiz" in page.summary.text()


def test_theme_choice_switches_the_palette_and_is_remembered(db, leader, open_window):
    window = open_window()
    window.set_theme("dark")
    dark = QApplication.palette().window().color().lightness()
    window.set_theme("light")
    light = QApplication.palette().window().color().lightness()
    assert dark < 128 < light
    assert window.context.settings.value("view/theme") == "light"


def test_unopenable_database_gets_a_dialog_not_a_traceback(app_paths, tmp_path, next_dialog):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database at all" * 10)
    shown = next_dialog()
    assert open_database_for_window(str(broken), demo=False) is None
    assert "not a LeaderLog database" in shown[0]
    assert "What to do" in shown[0]


def test_main_window_opens_without_importing_matplotlib(db_path, app_paths):
    script = textwrap.dedent(
        f"""
        import sys
        from leaderlog.ui.start.app import build_main_window, create_application, open_database_for_window
        app = create_application()
        db = open_database_for_window({str(db_path)!r}, demo=True)
        window = build_main_window(db, __import__("leaderlog.core.paths").core.paths.AppPaths.default())
        window.show()
        app.processEvents()
        assert window.isVisible()
        print("matplotlib" in sys.modules, "sqlalchemy" in sys.modules)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_unexpected_error_is_logged_and_shown_readably(app_paths, monkeypatch, next_dialog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    setup_logging(app_paths)
    install_excepthook(app_paths)
    shown = next_dialog()
    try:
        raise RuntimeError("the flux capacitor is empty")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "the flux capacitor is empty" in shown[0]
    assert str(app_paths.log_file) in shown[0]
    logged = app_paths.log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: the flux capacitor is empty" in logged


def test_app_icon_comes_from_the_packaged_svg():
    from leaderlog.ui.window.appearance import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 256}


def test_about_dialog_names_the_version_and_the_files(
    db, leader, open_window, app_paths, next_dialog
):
    from leaderlog import __version__

    window = open_window()
    shown = next_dialog()
    window.show_about()
    assert __version__ in shown[0]
    assert str(app_paths.log_file) in shown[0]


def _mnemonics(root: QWidget) -> list[str]:
    """The Alt+letter keys on show in a window: labels with a buddy, and buttons."""
    from PySide6.QtWidgets import QLabel

    letters = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            text = widget.text().replace("&&", "")
            if "&" in text:
                letters.append(text[text.index("&") + 1].lower())
    return letters


def test_no_two_alt_shortcuts_on_screen_share_a_letter(db, leader, open_window):
    from leaderlog.ui.entries import EntryEditDialog
    from leaderlog.ui.people.people_page import LeaderDialog, StandardDialog

    sam = people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    menus = [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions()]
    clashes = {}
    for index, spec in enumerate(pages.PAGES):
        window.go_to(index)
        letters = menus + _mnemonics(window)
        clashes[spec.key] = sorted({x for x in letters if letters.count(x) > 1})
    entries = [
        logbook.add_day_log(db, leader.id, TODAY, 5, today=TODAY),
        logbook.add_coaching_note(db, leader.id, TODAY, sam.id, "seen", today=TODAY),
        logbook.add_reinforcement(db, leader.id, TODAY, "praise", today=TODAY),
    ]
    dialogs = [EntryEditDialog(window.context, entry, window) for entry in entries]
    dialogs += [
        LeaderDialog(window.context, leader, window),
        StandardDialog(window.context, None, window),
    ]
    for dialog in dialogs:
        letters = _mnemonics(dialog)
        clashes[dialog.windowTitle()] = sorted({x for x in letters if letters.count(x) > 1})
        dialog.deleteLater()
    assert {k: v for k, v in clashes.items() if v} == {}


def test_leaderlog_demo_opens_the_window_on_the_demo_journal(app_paths):
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from leaderlog.cli.main import run
        from leaderlog.ui.start.app import create_application
        from leaderlog.ui.window.main_window import MainWindow

        app = create_application()

        def report():
            shown = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
            if not shown or not shown[0].isVisible() or not shown[0].is_open:
                return  # the window's shell is up; the demo journal is still being created
            window = shown[0]
            print(window.isVisible(), window.windowTitle(), window.context.db.display_name, sep="|")
            print(window.leader_combo.count(), window.context.leader.name, sep="|")
            window.close()

        poll = QTimer()
        poll.timeout.connect(report)
        poll.start(100)
        sys.exit(run(["--demo"]))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    shown, people_line = result.stdout.strip().splitlines()[-2:]
    visible, title, database = shown.split("|")
    assert visible == "True"
    assert "demo journal" in title
    assert database == str(app_paths.demo_database_file)
    assert int(people_line.split("|")[0]) >= 5


def test_follow_ups_of_every_leader_name_the_leader(db, leader, open_window):
    ben = people.add_leader(db, "Ben Okafor")
    for who in (leader, ben):
        member = people.add_member(db, who.id, f"Member of {who.name}")
        logbook.add_coaching_note(
            db, who.id, TODAY, member.id, "seen", follow_up_on=TODAY, today=TODAY
        )
    window = open_window()
    window.go_to(2)
    page = window.page("followups")
    assert page.coming_tree.topLevelItemCount() == 1
    assert page.coming_tree.isColumnHidden(5)
    page.all_leaders_check.setChecked(True)
    rows = [page.coming_tree.topLevelItem(i) for i in range(page.coming_tree.topLevelItemCount())]
    assert sorted(item.text(5) for item in rows) == ["Ana Ruiz", "Ben Okafor"]
    assert not page.coming_tree.isColumnHidden(5)


def test_field_errors_stay_readable_in_light_and_dark(db, leader, open_window):
    from PySide6.QtGui import QPalette

    def contrast(a, b) -> float:
        def luminance(colour) -> float:
            def channel(c: float) -> float:
                return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

            r, g, b_ = (channel(x) for x in colour.getRgbF()[:3])
            return 0.2126 * r + 0.7152 * g + 0.0722 * b_

        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    window = open_window()
    visible = window.page("today").errors._fields["minutes"][0]
    visible.show_message("enter the minutes")
    later = window.page("today").errors._fields["kind"][0]
    for theme in ("light", "dark", "light"):
        window.set_theme(theme)
        later.show_message("choose a kind")  # an error that appears after the switch
        QApplication.processEvents()  # Qt hands the new palette to widgets from its event loop
        for label in (visible, later):
            text = label.palette().color(QPalette.ColorRole.WindowText)
            background = QApplication.palette().color(QPalette.ColorRole.Window)
            assert contrast(text, background) >= 4.5, (theme, label is visible)
        later.show_message("")
