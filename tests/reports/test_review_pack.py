"""The review pack PDF: charts, weekly table and follow-ups, from the domain and the CLI, headless."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.chart_data import TODAY, fill_known_journal

from leaderlog.cli import main as cli
from leaderlog.core.errors import ValidationError
from leaderlog.journal import settings_history, time_off
from leaderlog.reports import overview
from leaderlog.reports.review_pack import (
    FOLLOW_UP_ROWS_PER_PAGE,
    WEEK_ROWS_PER_PAGE,
    follow_up_row,
    write_review_pack,
)


def pdf_page_count(data: bytes) -> int:
    """Page objects in a PDF ('/Type /Page', not the '/Type /Pages' tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_review_pack_has_summary_charts_weekly_table_and_follow_ups(db, leader, tmp_path):
    fill_known_journal(db, leader)
    first, last = overview.last_weeks(52, TODAY)
    # a record that began before the year (weeks before a leader's start are left out)
    settings_history.set_start_date(db, leader.id, first)
    out = tmp_path / "ana.pdf"
    pages = write_review_pack(db, leader, first, last, out, today=TODAY)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    data_review = overview.leader_review(db, leader, first, last, today=TODAY)
    expected = (
        2
        + math.ceil(len(data_review.weeks) / WEEK_ROWS_PER_PAGE)
        + math.ceil(len(data_review.coaching_notes) / FOLLOW_UP_ROWS_PER_PAGE)
    )
    assert len(data_review.weeks) == 52  # two pages of weekly rows
    assert pages == expected == pdf_page_count(data)
    assert b"LeaderLog review: Ana Ruiz" in data  # the document title


def test_follow_up_table_names_the_overdue_follow_up_and_its_agreed_action(db, leader):
    ids = fill_known_journal(db, leader)
    data = overview.leader_review(db, leader, *overview.last_weeks(6, TODAY), today=TODAY)
    rows = {note.id: follow_up_row(note, TODAY) for note in data.coaching_notes}
    overdue = rows[ids["overdue"]]
    assert overdue[0] == "2026-11-02"
    assert overdue[3] == "Write the handover note"
    assert overdue[4] == "2026-11-09"
    assert overdue[5] == "OVERDUE (11 days)"
    closed = [row for note_id, row in rows.items() if note_id != ids["overdue"]]
    assert closed and all(row[5].startswith(("done", "open")) for row in closed)


def test_review_pack_refuses_a_file_that_is_not_a_pdf(db, leader, tmp_path):
    with pytest.raises(ValidationError, match=r"should end in \.pdf"):
        write_review_pack(db, leader, TODAY, TODAY, tmp_path / "pack.png", today=TODAY)
    assert not (tmp_path / "pack.png").exists()


def test_report_command_writes_the_pack_without_qt(db_path, leader, db, tmp_path):
    fill_known_journal(db, leader)
    out = tmp_path / "report.pdf"
    script = (
        "import sys, leaderlog.cli.main as c;"
        f"code = c.run(['--db', {str(db_path)!r}, 'report', '--leader', 'Ana Ruiz',"
        f" '--from', '2026-10-12', '--to', '2026-11-20', '--out', {str(out)!r}]);"
        "sys.exit(code or ('PySide6' in sys.modules and 'loaded Qt'))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Ana Ruiz's review pack for 2026-10-12 to 2026-11-20" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")


def test_report_command_explains_an_unknown_leader(db_path, db, tmp_path, capsys):
    code = cli.run(
        ["--db", str(db_path), "report", "--leader", "Nobody", "--out", str(tmp_path / "x.pdf")]
    )
    assert code == cli.EXIT_INVALID
    assert "Nobody" in capsys.readouterr().err
    assert not Path(tmp_path / "x.pdf").exists()


def test_report_command_refuses_a_period_that_ends_before_it_starts(
    db_path, leader, tmp_path, capsys
):
    out = tmp_path / "x.pdf"
    code = cli.run(
        ["--db", str(db_path), "report", "--leader", "Ana Ruiz", "--from", "2026-11-20",
         "--to", "2026-11-01", "--out", str(out)]
    )  # fmt: skip
    assert code == cli.EXIT_INVALID
    assert "2026-11-01 is before 2026-11-20" in capsys.readouterr().err
    assert not out.exists()


def test_review_pack_of_a_leader_with_nothing_logged_still_explains_itself(db, leader, tmp_path):
    out = tmp_path / "empty.pdf"
    pages = write_review_pack(db, leader, *overview.last_weeks(4, TODAY), out, today=TODAY)
    # summary, charts (a plain-words note), one weekly page, one follow-ups page
    assert pages == 4 == pdf_page_count(out.read_bytes())


def _page_texts(figure) -> str:
    texts = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        texts += [t.get_text() for t in ax.texts]
    return "\n".join(texts)


def test_every_page_names_the_leader_and_period_and_counts_pages(db, leader):
    from leaderlog.reports.review_pack import page_count, review_pages

    fill_known_journal(db, leader)
    data = overview.leader_review(db, leader, *overview.last_weeks(12, TODAY), today=TODAY)
    pages = [_page_texts(figure) for figure in review_pages(data)]
    total = page_count(data)
    assert len(pages) == total
    for number, text in enumerate(pages, 1):
        assert f"page {number} of {total}" in text
        assert "Ana Ruiz · North" in text
        # the record began on 12 Oct (the first entry), inside the period
        assert "31 Aug 2026 – 20 Nov 2026 · since 12 Oct 2026" in text
    weekly = pages[2]
    assert "12 Oct 2026" in weekly and "05 Oct 2026" not in weekly  # no week before the start


def test_the_summary_explains_the_score_in_its_own_words(db, leader):
    from leaderlog.reports.review_pack import review_pages

    fill_known_journal(db, leader)
    time_off.add(db, leader.id, dt.date(2026, 11, 19), dt.date(2026, 11, 20), "training")
    data = overview.leader_review(db, leader, *overview.last_weeks(6, TODAY), today=TODAY)
    # the page wraps its lines: compare without the line breaks
    summary = " ".join(_page_texts(next(iter(review_pages(data)))).split())
    assert "docs/metrics.md" not in summary
    assert "Why this score" in summary and "Week of 16 Nov 2026" in summary
    assert "Thu 19 Nov – Fri 20 Nov (On leave (Training))" in summary
    assert "on-track line (70)" in summary
    assert "Days off (leave, public holidays)" in summary  # reading the score
    assert "2 days off not counted" in summary


def test_the_weekly_table_shows_a_weeks_days_off(db, leader):
    from leaderlog.reports.review_pack import days_off_in, week_row

    fill_known_journal(db, leader)
    time_off.add(db, leader.id, dt.date(2026, 11, 19), dt.date(2026, 11, 20), "training")
    data = overview.leader_review(db, leader, *overview.last_weeks(6, TODAY), today=TODAY)
    last = data.weeks[-1]
    assert days_off_in(data, last) == 2
    assert week_row(last, 2)[1].endswith("\n2 days off")
