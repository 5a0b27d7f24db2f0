"""The training engine: the settings, the streams, the trainer, the fast path and its workers."""
