"""Event platform: CloudEvents envelope, schemas, transactional outbox and idempotent consumer."""
