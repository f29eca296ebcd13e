"""The web map (``syndicate serve``): pages and their JSON twins over one store."""

from .app import CSP, Settings, create_app

__all__ = ["CSP", "Settings", "create_app"]
