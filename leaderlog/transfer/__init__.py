"""Data in and out: CSV export and import, a person's records exported for privacy requests."""
