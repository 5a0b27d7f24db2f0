"""The command line, python -m lstm_np, and its benchmarks."""
