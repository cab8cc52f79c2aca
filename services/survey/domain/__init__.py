"""Pure survey rules: templates, scoring, results and topics; no I/O."""
