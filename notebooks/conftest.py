"""nbval settings for the notebooks.

- Warnings on stderr are not part of the comparison: every lesson's stdout and text
  outputs are compared with what is stored; stderr carries only warnings whose wording
  changes between library versions, so it is skipped.
- The student notebooks (exercises/) are stored without outputs, for students to fill in:
  nbval does not collect them; tests/test_exercise_notebooks.py executes them, unfilled and
  with the solutions filled in. The Voila app (app/) is driven by browser_tests.
"""

collect_ignore_glob = ["*/exercises/*", "app/*"]


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)


def pytest_collection_modifyitems(items):
    """The first lesson of each language is in the quick tier (`python -m pytest -m quick`)."""
    for item in items:
        if item.path.name.startswith("01_"):
            item.add_marker("quick")
