"""Survey service: templates, invitations, responses, satisfaction and topics (DESIGN 4)."""
