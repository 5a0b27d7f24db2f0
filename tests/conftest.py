"""Settings shared by the tests.

The package's messages follow the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); the tests
that read a message expect the English one, so they run in English on any machine, also
under a Spanish locale. A test that wants another language sets it (tests/test_i18n.py).
"""
import os

os.environ["LANGUAGE"] = "en"
