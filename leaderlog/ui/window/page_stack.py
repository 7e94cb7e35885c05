"""The sidebar and the stack of pages: each page is built as ``Page(context)`` when first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from leaderlog import APP_NAME
from leaderlog.ui.window.pages import PAGES, PageSpec, load_page_class, page_index

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from leaderlog.ui.context import AppContext
    from leaderlog.ui.page import Page


class PageStack:
    """The sidebar of page names beside a stack holding each page once it is built.

    Until the journal is open (or a page is first shown) the stack holds an empty
    placeholder in the page's place; ``page_built`` is called with each new page so the
    window can wire it in.
    """

    def __init__(
        self,
        window: QMainWindow,
        context: AppContext,
        page_built: Callable[[PageSpec, Page], None],
    ) -> None:
        self.window = window
        self.context = context
        self.page_built = page_built
        self.pages: dict[str, Page] = {}
        metrics = window.fontMetrics()
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Pages")
        for index, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.title)
            item.setToolTip(f"{spec.title} (Ctrl+{index})")
            item.setSizeHint(QSize(0, metrics.height() * 2 + 4))
            self.sidebar.addItem(item)
        width = max(metrics.horizontalAdvance(f"{s.title} (99)") for s in PAGES)
        self.sidebar.setFixedWidth(width + metrics.averageCharWidth() * 8)
        self.stack = QStackedWidget()
        self.placeholders: list[QWidget] = []
        for _spec in PAGES:
            placeholder = QWidget()
            self.placeholders.append(placeholder)
            self.stack.addWidget(placeholder)
        self.sidebar.currentRowChanged.connect(self.show_page)
        self._opening_row = -1
        """the row the shell highlighted itself while the journal opened"""

    def page(self, key: str) -> Page:
        """The page with this key, constructed on first use."""
        return self.page_at(page_index(key))

    def page_at(self, index: int) -> Page:
        """The page at this sidebar row, constructed on first use."""
        spec = PAGES[index]
        page = self.pages.get(spec.key)
        if page is None:
            page = load_page_class(spec)(self.context)
            self.pages[spec.key] = page
            self.page_built(spec, page)
            self.stack.removeWidget(self.placeholders[index])
            self.placeholders[index].deleteLater()
            self.stack.insertWidget(index, page)
        return page

    def current_page(self) -> Page:
        return self.page_at(self.stack.currentIndex())

    def go_to(self, index: int) -> None:
        """Show page number ``index`` (0 = Today) and put the focus where work starts."""
        self.sidebar.setCurrentRow(index)
        if self.context.has_database:  # else the page is shown once the journal is open
            self.page_at(index).focus_first_input()

    def show_page(self, index: int) -> None:
        """The sidebar row changed: show its page and name it in the title bar."""
        if index < 0:
            return
        if self.context.has_database:
            self.stack.setCurrentWidget(self.page_at(index))
        else:
            self.stack.setCurrentIndex(index)  # its placeholder until the journal is open
        demo = " (demo journal)" if self.context.demo else ""
        # ends with the app's name: xcb and Windows append the display name to any other title
        self.window.setWindowTitle(f"{PAGES[index].title}{demo} — {APP_NAME}")

    def select_while_opening(self) -> None:
        """The shell highlights Today while the journal opens: the app always opens there."""
        self._opening_row = 0
        self.sidebar.setCurrentRow(self._opening_row)

    def restore_page(self) -> None:
        """Show Today, where the daily habit starts (or a page picked while the journal was opening)."""
        index = self.sidebar.currentRow()
        if index < 0 or index == self._opening_row:
            index = 0
        if self.context.leader is None:
            index = 0  # the welcome lives on Today
        if self.sidebar.currentRow() == index:
            self.show_page(index)
        else:
            self.sidebar.setCurrentRow(index)
        self.page_at(index).focus_first_input()
