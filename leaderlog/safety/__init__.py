"""Keeping the journal safe: automatic backups, restore, and recovery of a damaged file."""
