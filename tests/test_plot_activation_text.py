"""plots.plot_activation_text: the coloured-characters picture as a matplotlib figure."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lstm_np.lessons import plots  # noqa: E402


def test_one_cell_per_character_coloured_by_its_value():
    text = "ab c\nde"
    values = np.array([-1.0, 1.0, 0.0, 0.5, 2.0, -0.5, 0.25])
    fig = plots.plot_activation_text(text, values, lang="en", columns=3)
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    # rows: "ab " | "c⏎" (newline ends the row) | "de"; values clipped to [-1, 1]
    assert grid.shape == (3, 3)
    assert np.allclose(grid[0], [-1.0, 1.0, 0.0])
    assert np.allclose(grid[1, :2], [0.5, 1.0]) and grid.mask[1, 2]
    assert np.allclose(grid[2, :2], [-0.5, 0.25])
    drawn = [t.get_text() for t in ax.texts]
    assert drawn == ["a", "b", "c", "⏎", "d", "e"]          # the space is left blank
    assert fig.axes[1].get_ylabel() == "activation"
    assert plots.plot_activation_text(text, values, lang="es").axes[1].get_ylabel() == "activación"
    assert plots.plot_activation_text(text, values, label="H").axes[1].get_ylabel() == "H"


def test_values_must_match_the_text():
    with pytest.raises(ValueError, match="one per character"):
        plots.plot_activation_text("abc", np.zeros(2))
