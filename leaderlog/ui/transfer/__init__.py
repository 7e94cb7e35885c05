"""File › Export CSV… and File › Import CSV…: the dialogs, their periods and their background work."""
