"""The ground floor: records, errors, validation, entry kinds, paths and atomic writes. Imports nothing else of LeaderLog."""
