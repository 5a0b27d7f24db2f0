"""nbval settings for the notebooks: warnings on stderr are not part of the comparison.

Every notebook's stdout and text outputs are compared with what is stored; stderr carries
only warnings whose wording changes between library versions, so it is skipped.
"""


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)
