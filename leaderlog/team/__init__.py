"""Team mode on PostgreSQL: roles and access rules, sign-in, and the outbox that syncs saves made offline."""
