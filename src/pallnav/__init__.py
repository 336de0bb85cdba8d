"""pallnav: a calm, offline guide to palliative care."""

__version__ = "0.1.0"
