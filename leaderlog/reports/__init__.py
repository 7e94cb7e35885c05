"""Formulas, the metrics walks, weekly reporting, attention rules, chart models and the review pack (no Qt)."""
