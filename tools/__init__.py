"""The repository's tools; a package so that lesson sources can import tools.nbsource."""
