"""The ``pmlint`` command: one module per command on top of every other layer."""
