"""The main window: pages, menus, shortcuts, appearance and status."""
