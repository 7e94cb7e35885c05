"""The People screen: leaders, team members and standards."""
