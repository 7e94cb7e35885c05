"""The reinforcement kinds the schema allows, in a module that imports nothing (read at start-up)."""

from __future__ import annotations

REINFORCEMENT_KINDS: tuple[str, ...] = (
    "recognition",
    "praise",
    "customer_compliment",
    "corrective_feedback",
    "training",
    "team_celebration",
)
CORRECTIVE_KINDS: frozenset[str] = frozenset({"corrective_feedback"})
