"""The settings of a training run: `TrainConfig`, its defaults and its checks."""
from dataclasses import dataclass

from ..arguments import fraction, positive_number, whole
from ..i18n import _

AUTO = "auto"               # TrainConfig.workers: let the trainer choose (workers.py)
CLIP_PER_WINDOW = 5.0       # the original's bound, on the gradient of one window's summed loss


@dataclass
class TrainConfig:
    """Hyperparameters of a training run, with the defaults of `Trainer` and the CLI.

    (The pretrained models in data/ were trained with other settings: batch_size=32,
    learning_rate=0.01, dtype="float64", workers=1; see data/README.md and
    the hyperparameters stored in each model file.)

    clip_value : bound of `clip`, on the gradient of the mean loss per character. None (the
        default) means CLIP_PER_WINDOW / seq_length = 5 / T_x: the original clipped at 5 the
        gradient of one window's loss summed over its T_x characters (m = 1); the mean over
        m windows of T_x characters has gradient (1 / T_x) times the mean of the m windows'
        summed-loss gradients, so 5 / T_x here bounds as the original's 5 did there. (A
        bound of 5 on the mean never acts: its entries stay below ~0.3.)
    """
    n_a: int = 100                 # hidden units
    seq_length: int = 25           # T_x, characters per window
    batch_size: int = 128          # m, parallel streams: larger batches use numpy better
    learning_rate: float = 0.04    # Adam's alpha (0.04 suits m = 128; 0.01 suits m = 32)
    clip_value: float = None       # None: 5 / seq_length (see above)
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    seed: int = 0                  # initialisation and the epochs' stream offsets
    dtype: str = "float32"         # float32 trains 2-4x faster than float64 on CPUs without
                                   # AVX-512 (numpy's float64 exp/tanh are not vectorised
                                   # there); "float64" gives the faithful functions' numbers
    val_fraction: float = 0.1      # the end of the text held out for validation
    workers: object = "auto"       # processes sharing each batch, one block of streams each
                                   # (this one and helpers: workers.py); 1 = this one only;
                                   # "auto": 2 or 1, whichever computes the first batch
                                   # faster on this machine now (`choose_workers`); the
                                   # trainer records its choice here, so checkpoints hold it

    def __post_init__(self):
        if self.clip_value is None:
            try:
                self.clip_value = CLIP_PER_WINDOW / whole(self.seq_length, "seq_length", low=1)
            except ValueError:
                pass                       # check() names the bad seq_length

    def check(self):
        """Return self if every setting is usable; ValueError naming the first that is not.

        Whole numbers may be given as whole floats (100.0); they are stored as int.
        `workers` is a whole number or "auto".
        """
        for name in ("n_a", "seq_length", "batch_size"):
            setattr(self, name, whole(getattr(self, name), name, low=1))
        if self.workers != AUTO:
            self.workers = whole(self.workers, "workers", low=1)
        self.seed = whole(self.seed, "seed", low=0)
        for name in ("learning_rate", "clip_value", "epsilon"):
            setattr(self, name, positive_number(getattr(self, name), name))
        for name in ("beta1", "beta2", "val_fraction"):
            setattr(self, name, fraction(getattr(self, name), name))
        if self.dtype not in ("float64", "float32"):
            raise ValueError(_("dtype must be 'float64' or 'float32', got {dtype!r}")
                             .format(dtype=self.dtype))
        return self
