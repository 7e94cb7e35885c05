"""The Today form without a window: which parts it hands to the domain, how it shows problems."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderlog.core.errors import FieldProblem, ValidationError
from leaderlog.core.records import DayLog, Reinforcement
from leaderlog.journal.today import SavedToday, TodayInput
from leaderlog.ui.today.form import PICK_DATE, TodayForm

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def form(qtbot) -> TodayForm:
    widget = TodayForm(lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def _day_log(minutes: int, note: str = "") -> DayLog:
    return DayLog(1, "uuid-day", 1, TODAY, minutes, note, 1)


def test_the_saved_total_shown_is_not_saved_again_until_it_or_the_note_changes(form):
    form.show_day_log(_day_log(45, "busy"))
    assert form.minutes_edit.text() == "45"
    assert form.today_input(TODAY).minutes is None
    form.day_note_edit.setText("busy, short-staffed")
    assert form.today_input(TODAY).minutes == "45"
    form.day_note_edit.setText("busy")
    form.minutes_edit.setText("50")
    assert form.today_input(TODAY).minutes == "50"


def test_a_note_without_minutes_still_goes_to_the_domain_to_be_refused(form):
    form.day_note_edit.setText("quiet day")
    entry = form.today_input(TODAY)
    assert (entry.minutes, entry.note) == ("", "quiet day")


def test_only_the_parts_filled_in_are_handed_over(form):
    assert form.today_input(TODAY) == TodayInput()  # nothing filled in
    form.observation_edit.setPlainText("Greeted late")
    form.follow_combo.setCurrentIndex(form.follow_combo.findData(3))
    form.description_edit.setText("Calm refund")
    entry = form.today_input(TODAY)
    assert entry.minutes is None
    assert entry.coaching is not None
    assert (entry.coaching.member, entry.coaching.observation) == ("", "Greeted late")
    assert entry.coaching.follow_up_on == TODAY + dt.timedelta(days=3)
    # a description without a kind is handed over, so the domain can say the kind is missing
    assert entry.reinforcement is not None and entry.reinforcement.kind is None


def test_a_follow_up_on_a_picked_date(form):
    form.who_edit.setText("Sam")
    form.follow_combo.setCurrentIndex(form.follow_combo.findData(PICK_DATE))
    assert form.follow_up.date_edit.isVisibleTo(form)
    form.follow_up.date_edit.setDate(dt.date(2026, 12, 24))
    assert form.today_input(TODAY).coaching.follow_up_on == dt.date(2026, 12, 24)


def test_problems_show_under_their_fields_and_a_form_wide_one_under_the_boxes(form):
    form.show_problems(
        ValidationError.from_problems(
            [FieldProblem("minutes", "enter the minutes"), FieldProblem("kind", "choose one")]
        )
    )
    assert form.errors._fields["minutes"][0].text() == "Enter the minutes"
    assert not form.errors._fields["kind"][0].isHidden()
    assert form.general_error.isHidden()

    form.show_problems(ValidationError("", "Nothing to save yet: type your minutes."))
    assert form.general_error.text() == "Nothing to save yet: type your minutes."
    assert not form.general_error.isHidden()
    assert form.errors._fields["minutes"][0].isHidden()


def test_a_save_clears_the_parts_saved_and_remembers_the_days_total(form):
    form.minutes_edit.setText("30")
    form.who_edit.setText("Sam Lee")
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("praise"))
    form.description_edit.setText("Calm")
    action = Reinforcement(
        id=1, uuid="uuid-r", leader_id=1, day=TODAY, kind="praise", member_id=None,
        member_name=None, standard_id=None, standard_name=None, description="Calm", version=1,
    )  # fmt: skip
    form.mark_saved(SavedToday(_day_log(30), None, action))
    assert form.kind_combo.currentData() is None and form.description_edit.text() == ""
    assert form.who_edit.text() == "Sam Lee"  # no coaching note in this save: its text stays
    assert form.today_input(TODAY).minutes is None  # the total on screen is the saved one
    assert form.draft_fields()["minutes"] == ""
