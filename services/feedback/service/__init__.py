"""Use cases of the feedback service, one function per user action."""
