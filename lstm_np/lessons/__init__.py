"""The lessons' helpers: figures, sliders, looking inside a network, showing the source."""
