"""python -m lstm_np: see lstm_np.cli."""
import sys

from .cli import main

sys.exit(main())
