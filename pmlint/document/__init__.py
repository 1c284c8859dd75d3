"""The document layer: bytes to an immutable, typed model of one post-mortem."""
