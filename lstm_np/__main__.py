"""python -m lstm_np: see lstm_np.cli.main."""
import sys

from .cli.main import main

sys.exit(main())
