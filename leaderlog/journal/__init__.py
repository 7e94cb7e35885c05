"""People and entries: the use cases that validate and save them, the start-up first screen, the demo journal."""
