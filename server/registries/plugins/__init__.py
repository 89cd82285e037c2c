"""The registries Xizmat reads from; importing this package registers every plugin."""

from server.registries.plugins import address, civil, education, social, tax, vehicles

__all__ = ["address", "civil", "education", "social", "tax", "vehicles"]
