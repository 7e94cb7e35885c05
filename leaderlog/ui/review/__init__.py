"""The Week review page: the manager's ranked table of every leader's week, and its PDF and CSV."""
