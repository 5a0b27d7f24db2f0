"""Storage: the corpus registry, checkpoints and model files, and safe files on a real disk."""
