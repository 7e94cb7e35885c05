"""Icons, the .desktop file and styles, shipped inside the wheel."""
