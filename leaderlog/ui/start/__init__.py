"""Opening the app: the database, the lock and integrity checks, sign-in, the first paint."""
