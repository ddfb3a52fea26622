"""A chart as a PNG from the server (charts/image.py): kaleido 1.x driving Debian's Chromium, one renderer kept."""

from __future__ import annotations

import io

from PIL import Image

from charts import blocks, image
from charts.prepared import Prepared
from tests import browser_support as bs

SOURCE = "Fuente: Plan de Acción 2016, Versión 3 del plan, publicada el 12/03/2016."


def test_the_image_spec_carries_the_title_the_headline_and_the_source_escaped(prepared: Prepared) -> None:
    block = blocks.budget_flow(prepared)
    spec = image.annotated(block.figure, headline="«<b>Área</b>» & <a href='http://x'>y</a>", source=SOURCE)
    title = spec["layout"]["title"]["text"]
    assert title.startswith("<b>Del ingreso al gasto")
    assert "&lt;b&gt;Área&lt;/b&gt;" in title and "<a " not in title
    assert spec["layout"]["annotations"][-1]["text"] == SOURCE
    assert spec["layout"]["width"] == image.WIDTH_PX
    assert block.figure.to_dict()["layout"]["title"]["text"] != title, "the shared figure is left as it was"


def test_a_png_is_made_as_wide_as_a_projector_with_its_headline(prepared: Prepared) -> None:
    bs.require_chromium()
    block = blocks.staff(prepared)
    data = image.png(block.figure, headline=block.headline, source=SOURCE)
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG" and picture.width == image.WIDTH_PX
    assert picture.height > (block.figure.layout.height or 0)
    again = image.png(blocks.budget_flow(prepared).figure, headline="x", source=SOURCE)  # the same renderer
    assert Image.open(io.BytesIO(again)).width == image.WIDTH_PX
