"""factcheck: offline, claim-level fact-checking across sources and languages."""

__version__ = "0.1.0"
