"""Storage: engine and connection settings, ORM models, set-based queries, migrations. No Qt."""
