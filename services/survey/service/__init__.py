"""Use cases of the survey service, one module per area."""
