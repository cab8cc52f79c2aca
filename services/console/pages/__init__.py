"""The console's routes: HTML pages (the console serves no JSON API of its own)."""

from services.console.pages import actions, auth, customers, dashboard, settings_pages, tickets

ROUTERS = [
    auth.router,
    tickets.router,
    customers.router,
    actions.router,
    dashboard.router,
    settings_pages.router,
]
