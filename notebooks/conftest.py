"""nbval settings for the notebooks.

- Warnings on stderr are not part of the comparison: every lesson's stdout and text
  outputs are compared with what is stored; stderr carries only warnings whose wording
  changes between library versions, so it is skipped.
- The student notebooks (exercises/) are stored without outputs, for students to fill in:
  nbval does not collect them; tests/test_exercise_notebooks.py executes them, unfilled and
  with the solutions filled in. The Voila app (app/) is driven by browser_tests.
- Lessons that need a package outside requirements.txt (08 needs PyTorch, which CI installs
  for it alone) are skipped, with the reason, where that package cannot be imported: a
  student without it reads the stored outputs.
"""
import importlib.util

import pytest

NEEDS = {"08_pytorch.ipynb": ("torch", "lesson 08 needs PyTorch, which lstm_np does not: "
                                        "pip install torch==2.13.0 (the CPU wheel) to run it")}

collect_ignore_glob = ["*/exercises/*", "app/*"]


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)


def pytest_collection_modifyitems(items):
    """The first lesson of each language is in the quick tier (`python -m pytest -m quick`);
    a lesson whose package cannot be imported here is skipped, saying why (NEEDS)."""
    for item in items:
        if item.path.name.startswith("01_"):
            item.add_marker("quick")
        need = NEEDS.get(item.path.name)
        if need and importlib.util.find_spec(need[0]) is None:
            item.add_marker(pytest.mark.skip(reason=need[1]))
