"""The Today screen: the quick daily entry form and the helpers it owns."""
