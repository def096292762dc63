"""The open JSON API under /api/v1 (django-ninja), with its documentation page."""
