"""The answering page (HTML + vanilla JS, no external assets)."""
