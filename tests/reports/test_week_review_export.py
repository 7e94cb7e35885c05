"""The week review's files: a PDF of exactly one page, whatever the number of leaders, and its CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re

from leaderlog.journal import logbook, people
from leaderlog.reports import attention, week_review, week_review_export
from leaderlog.reports.week_review import ReviewRow, WeekReview

TODAY = dt.date(2026, 12, 7)
WEEK = dt.date(2026, 11, 30)


def pages_in(path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def row(index: int, flagged: bool) -> ReviewRow:
    reasons = (
        (attention.AttentionReason("no_reinforcement", "no reinforcement for 9 workdays"),)
        if flagged
        else ()
    )
    return ReviewRow(
        leader_id=index, name=f"Leader {index:03d}", team="North", score=50.0 + index % 50,
        change=-3.0, workdays=5, days_logged=4, days_off=0, coaching=2, coaching_target=3,
        reinforcements=4, reinforcement_target=5, overdue=index % 3, reasons=reasons, status="",
    )  # fmt: skip


def test_a_review_of_many_leaders_is_one_page_that_says_how_many_are_left_out(tmp_path):
    rows = tuple(row(i, flagged=i % 4 == 0) for i in range(1, 121))
    review = WeekReview(WEEK, WEEK + dt.timedelta(days=6), TODAY, None, ("North",), rows)
    written = week_review_export.write_pdf(review, tmp_path / "week")
    assert written == tmp_path / "week.pdf"
    assert pages_in(written) == 1
    assert written.read_bytes().startswith(b"%PDF")


def test_the_pdf_of_a_real_journal_has_one_page(db, tmp_path):
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    logbook.add_day_log(db, ana.id, WEEK, 60, today=TODAY)
    review = week_review.week_review(db, today=TODAY)
    assert pages_in(week_review_export.write_pdf(review, tmp_path / "review.pdf")) == 1


def test_the_csv_has_the_documented_columns_and_neutralised_names(db, tmp_path):
    ana = people.add_leader(db, "=HYPERLINK(1)", team="North")
    member = people.add_member(db, ana.id, "Sam")
    for day in (WEEK, WEEK + dt.timedelta(days=1)):
        logbook.add_day_log(db, ana.id, day, 60, today=TODAY)
    logbook.add_coaching_note(db, ana.id, WEEK, member.id, "seen", today=TODAY)
    review = week_review.week_review(db, today=TODAY)
    path = week_review_export.write_csv(review, tmp_path / "review.csv")
    raw = path.read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    with path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert tuple(records[0]) == week_review_export.CSV_COLUMNS
    first = records[0]
    assert first["leader"] == "'=HYPERLINK(1)"
    assert (first["week_start"], first["week_end"], first["rank"]) == (
        "2026-11-30",
        "2026-12-06",
        "1",
    )
    assert (first["days_logged"], first["workdays_scheduled"], first["days_off"]) == ("2", "5", "0")
    assert (first["coaching"], first["coaching_target"]) == ("1", "3")
    assert first["needs_attention"] == "yes"
    assert "logged 2 of 5 workdays" in first["why"]
    bom = week_review_export.write_csv(review, tmp_path / "bom.csv", bom=True)
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
