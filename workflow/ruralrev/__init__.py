"""ruralrev: a reproducible workflow on rural revitalization and new-type urbanization in China."""

__version__ = "0.1.0"
