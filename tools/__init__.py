"""The repository's tools; a package so that the tools and tests import tools.nbsource."""
