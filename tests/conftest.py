"""Settings shared by the tests.

The package's messages follow the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); the tests
that read a message expect the English one, so they run in English on any machine, also
under a Spanish locale. A test that wants another language sets it (tests/test_i18n.py).
"""
import os

os.environ["LANGUAGE"] = "en"


QUICK = {"test_forward.py", "test_gradients.py", "test_optim.py", "test_sampling.py",
         "test_layout.py", "test_lessons.py", "test_twins.py"}
"""The quick tier, `python -m pytest -m quick`: the taught maths, its gradients against
finite differences, the lessons' shape, and lesson 01 of each language (notebooks/conftest.py)."""


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in QUICK:
            item.add_marker("quick")
