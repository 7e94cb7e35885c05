"""The Follow-ups screen: coaching follow-ups due, overdue and done."""
