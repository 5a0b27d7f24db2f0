"""Every figure of every lesson reads from the back row: its smallest text is >= 24 px on a slide.

A lesson's figure is a PNG output of the stored notebook. lstm_np.lessons.plots records in that
output's metadata (and in the PNG's own tEXt chunks, which the decks' test reads) the smallest
font size the figure uses (points) and its dpi; the text is then font_pt * dpi / 72 pixels
high in the stored image, and a 1280x720 slide shows the image at the scale that fits it
into the room a figure has on a slide below a heading (SLIDE_FIGURE, never enlarged):

    displayed = font_pt * dpi / 72 * min(1, room_width / width, room_height / height)

The figure's description (the alt text of the deck and the book) is checked too: every figure
cell carries metadata["lstm_np"]["alt"], in the notebook's language.

The diagrams of img/ (drawn by img/draw_diagrams.py, shown as Markdown images) are held to the
same 24 px: each PNG records in its own metadata (tEXt chunks "lstm_np.smallest_font_pt" and
"lstm_np.dpi") the smallest font size its texts use and its dpi, and the same formula gives
the size of that text on a slide, in the room a diagram has there (DIAGRAM_ROOM: beside an h2
heading and two lines of bullets, as on the slides of lessons 01 and 03).
"""
import base64
import struct
import zlib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("es", "en")
LESSONS = sorted((ROOT / "notebooks" / lang / p.name)
                 for lang in LANGS for p in (ROOT / "notebooks" / lang).glob("[0-9][0-9]_*.ipynb"))
MIN_TEXT_PX = 24
SLIDE_FIGURE = (1240, 565)      # px: a figure's room on a slide (slide width minus the cell's
                                # padding; tools/slides.py's ROOM minus an h2 heading)
DIAGRAM_ROOM = (1240, 470)      # px: a diagram's room beside an h2 heading (75 px) and two
                                # lines of bullets (2 x 40 px + 16): ROOM 640 minus those


def png_size(data):
    """(width, height) of a base64 PNG, from its IHDR chunk."""
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", raw[16:24])


def displayed_text_px(font_pt, dpi, width, height, room=SLIDE_FIGURE):
    """How many pixels high text of `font_pt` points is, on a slide, in a figure drawn at `dpi`
    whose PNG is width x height pixels."""
    scale = min(1.0, room[0] / width, room[1] / height)
    return font_pt * dpi / 72 * scale


def figures(path):
    """(cell index, output) of every PNG output of a stored notebook."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if "image/png" in output.get("data", {}):
                yield i, cell, output


def test_the_formula():
    # 14 pt at 100 dpi is 19.4 px; a figure twice the room's width shows it at half size
    assert displayed_text_px(14, 100, 1000, 400) == pytest.approx(19.44, abs=0.01)
    assert displayed_text_px(14, 100, 2480, 400) == pytest.approx(9.72, abs=0.01)
    assert displayed_text_px(14, 100, 1000, 1130) == pytest.approx(9.72, abs=0.01)
    # what the lessons stored before the redraw: 14 pt in a 1153 x 498 PNG (lesson 07's gates)
    assert displayed_text_px(14, 100, 1153, 498) < MIN_TEXT_PX


def test_the_style_gives_24_px():
    from lstm_np.lessons import plots
    px = displayed_text_px(plots.FONT["tick"], plots.DPI,
                           plots.SLIDE_INCHES[0] * plots.DPI, plots.SLIDE_INCHES[1] * plots.DPI)
    assert px >= MIN_TEXT_PX


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_lesson_figure_is_large_enough(path):
    problems = []
    for i, cell, output in figures(path):
        width, height = png_size(output["data"]["image/png"])
        record = output.get("metadata", {}).get("image/png", {}).get("lstm_np")
        if not record or record.get("smallest_font_pt") is None:
            problems.append(f"cell {i}: the figure has no font record (draw it after "
                            f"importing lstm_np.lessons.plots, then execute the notebook)")
            continue
        (_, _), texts = png_text(base64.b64decode(output["data"]["image/png"]))
        if (texts.get("lstm_np.smallest_font_pt"), texts.get("lstm_np.dpi")) != (
                f"{record['smallest_font_pt']:g}", f"{record['dpi']:g}"):
            problems.append(f"cell {i}: the PNG's own record {texts} is not its metadata's "
                            f"{record} (execute the notebook)")
        px = displayed_text_px(record["smallest_font_pt"], record["dpi"], width, height)
        if px < MIN_TEXT_PX:
            problems.append(f"cell {i}: smallest text {px:.1f} px on a slide "
                            f"({record['smallest_font_pt']} pt at {record['dpi']:g} dpi, "
                            f"{width}x{height} px image)")
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_lesson_figure_has_a_description(path):
    missing = [i for i, cell, _ in figures(path)
               if not cell.metadata.get("lstm_np", {}).get("alt", "").strip()]
    assert not missing, (f"{path.relative_to(ROOT)}: figures without alt= in the source "
                         f"(cells {missing})")


# --- the diagrams of img/ ----------------------------------------------------------------------

DIAGRAMS = sorted((ROOT / "img").glob("lstm_*_[a-z][a-z].png"))


def png_text(raw):
    """(width, height) and {keyword: text} of the tEXt chunks of a PNG file's bytes."""
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", raw[16:24])
    texts, i = {}, 8
    while i < len(raw):
        length, kind = struct.unpack(">I4s", raw[i:i + 8])
        data = raw[i + 8:i + 8 + length]
        if kind == b"tEXt":
            key, _, value = data.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt":
            key, _, value = data.partition(b"\0")
            texts[key.decode("latin-1")] = zlib.decompress(value[1:]).decode("latin-1")
        i += 12 + length
    return (width, height), texts


def diagram_text_px(raw):
    """How many pixels high a diagram's smallest text is on a slide, from its PNG's bytes
    (None if the PNG does not record its font size)."""
    (width, height), texts = png_text(raw)
    if "lstm_np.smallest_font_pt" not in texts or "lstm_np.dpi" not in texts:
        return None
    return displayed_text_px(float(texts["lstm_np.smallest_font_pt"]),
                             float(texts["lstm_np.dpi"]), width, height, DIAGRAM_ROOM)


def test_the_diagrams_are_found():
    names = {p.name for p in DIAGRAMS}
    assert {f"lstm_{d}_{lang}.png" for d in ("cell", "unrolled") for lang in LANGS} <= names


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_every_diagram_is_large_enough(path):
    px = diagram_text_px(path.read_bytes())
    assert px is not None, (f"img/{path.name} records no font size: regenerate it with "
                            f"python img/draw_diagrams.py")
    assert px >= MIN_TEXT_PX, (f"img/{path.name}: smallest text {px:.1f} px on a slide "
                               f"(at least {MIN_TEXT_PX}; redraw it in img/draw_diagrams.py)")


def test_the_old_diagrams_were_too_small():
    # what img/draw_diagrams.py drew before: 14 pt at 100 dpi in a 1245x655 PNG (the cell) and
    # in a 1210x630 PNG (unrolled): 19.4 px in the PNG, 14.0 and 14.5 px in a diagram's room
    assert displayed_text_px(14, 100, 1245, 655, DIAGRAM_ROOM) == pytest.approx(13.95, abs=0.01)
    assert displayed_text_px(14, 100, 1210, 630, DIAGRAM_ROOM) == pytest.approx(14.51, abs=0.01)
    assert displayed_text_px(14, 100, 1210, 630, DIAGRAM_ROOM) < MIN_TEXT_PX


def test_the_drawing_fails_on_overlapping_or_cut_text():
    """img/draw_diagrams.py's own check: two texts on each other, or one past the edge."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("draw_diagrams",
                                                  ROOT / "img" / "draw_diagrams.py")
    draw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw)
    fig, ax = draw.new_axes((0, draw.WIDTH_IN), (0, draw.HEIGHT_IN))
    ax.text(1, 1, "olvido", fontsize=draw.SMALLEST_PT)
    ax.text(1.1, 1, "salida", fontsize=draw.SMALLEST_PT)
    with pytest.raises(SystemExit, match="overlaps"):
        draw.check_layout(fig, "test")
    fig, ax = draw.new_axes((0, draw.WIDTH_IN), (0, draw.HEIGHT_IN))
    ax.text(draw.WIDTH_IN - 0.1, 1, "salida", fontsize=draw.SMALLEST_PT)
    with pytest.raises(SystemExit, match="cut by the edge"):
        draw.check_layout(fig, "test")
    fig, ax = draw.new_axes((0, draw.WIDTH_IN), (0, draw.HEIGHT_IN))
    ax.text(1, 1, "olvido", fontsize=draw.SMALLEST_PT)
    ax.text(4, 1, "salida", fontsize=draw.SMALLEST_PT)
    draw.check_layout(fig, "test")                  # apart and inside: no complaint
