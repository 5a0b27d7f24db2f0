"""The package's own errors: each says in one line what was wrong and what to do."""


class LstmNpError(ValueError):
    """Base class: bad input that the user can fix (a file, an argument, a setting)."""


class DataError(LstmNpError):
    """A corpus that is missing, unreadable, corrupt or too short."""


class CheckpointError(LstmNpError):
    """A checkpoint or model file that cannot be used (corrupt, mismatched, not one)."""


class TrainingError(LstmNpError):
    """Training that cannot go on (for example a non-finite loss or gradient)."""
