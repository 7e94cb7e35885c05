"""Shared test helpers: data generators, a throwaway PostgreSQL cluster, writer processes."""
