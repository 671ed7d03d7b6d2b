"""newsledger: a verified, citable ledger of figures and events from news articles."""

__version__ = "0.1.0"
