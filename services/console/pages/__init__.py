"""The console's routes: HTML pages (the console serves no JSON API of its own)."""

from services.console.pages import (
    actions,
    auth,
    customers,
    dashboard,
    operations,
    settings_documents,
    settings_pages,
    tickets,
    webhook_pages,
)

ROUTERS = [
    auth.router,
    tickets.router,
    customers.router,
    actions.router,
    dashboard.router,
    settings_pages.router,
    settings_documents.router,
    webhook_pages.router,
    operations.router,
]
