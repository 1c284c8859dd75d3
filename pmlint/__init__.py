"""pmlint keeps incident post-mortems honest."""

__version__ = "0.1.0"
