"""The Dashboard screen: one leader's charts, the team comparison, the weekly table fallback."""
