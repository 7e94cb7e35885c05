"""Alembic environment: runs LeaderLog's migrations on the connection the app hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import make_url

from leaderlog.data.engine import make_engine
from leaderlog.data.models import Base
from leaderlog.data.search import include_in_autogenerate

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
        include_name=include_in_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # developer use: `alembic -x` style runs with sqlalchemy.url set in code
    engine = make_engine(make_url(config.get_main_option("sqlalchemy.url") or ""))
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
