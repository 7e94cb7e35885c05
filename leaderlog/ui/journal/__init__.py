"""The Journal screen: every entry, searchable, editable."""
