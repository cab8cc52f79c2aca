"""Survey service: templates, invitations, responses, satisfaction and topics (docs/design.md §4)."""
