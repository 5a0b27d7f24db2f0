"""The lessons' helpers: figures, sliders, looking inside a network, showing the source, and
the bridge to PyTorch (torch_bridge, lesson 08)."""
