"""Images too big for the handbook: reported at the page's line (the bad-inputs corpus builds the
end-to-end cases), measured from the file's header only, and refused by the PDF renderer."""

from __future__ import annotations

import pytest
from PIL import Image

from handbook.pdf.render import RenderJob, render_in_children
from handbook.sphinxext.image_limits import pixel_size, problems


def test_an_image_over_either_limit_is_reported_with_its_size_and_the_fix(tmp_path):
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), "white").save(photo)
    size = photo.stat().st_size

    assert problems(photo, "docs/photo.png", size, 60_000) == []
    [too_big] = problems(photo, "docs/photo.png", size - 1, 0)
    assert too_big.startswith("the image docs/photo.png is ")
    assert "handbook_image_max_bytes in conf.py" in too_big
    [too_many] = problems(photo, "docs/photo.png", 0, 59_999)
    assert too_many.startswith("the image docs/photo.png is 300 × 200 pixels (0.1 megapixels), more than "
                               "the limit of 0.1 megapixels — scale it down")
    assert "handbook_image_max_pixels in conf.py" in too_many


def test_the_pixel_count_comes_from_the_header_even_past_pillows_own_limit(tmp_path):
    bomb = tmp_path / "plan.png"  # 196 megapixels: Pillow itself refuses to open it
    Image.new("1", (14_000, 14_000), 1).save(bomb)
    assert bomb.stat().st_size < 100_000
    assert pixel_size(bomb) == (14_000, 14_000)
    [message] = problems(bomb, "docs/plan.png", 10_000_000, 40_000_000)
    assert "14,000 × 14,000 pixels (196 megapixels), more than the limit of 40 megapixels" in message


def test_vector_images_and_missing_files_have_no_pixel_count(tmp_path):
    drawing = tmp_path / "scheme.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="90000" height="90000"/>')
    assert problems(drawing, "docs/scheme.svg", 10_000_000, 40_000_000) == []
    assert problems(tmp_path / "missing.png", "docs/missing.png", 1, 1) == []  # Sphinx reports it


@pytest.mark.slow
def test_the_pdf_renderer_refuses_an_image_over_the_limit_before_decoding_it(tmp_path):
    jobs = []
    for name, side in (("small", 800), ("over", 1_200), ("far-over", 1_500)):  # limit 1 MP; Pillow
        image = tmp_path / f"{name}.png"  # warns up to twice its limit and refuses only beyond
        Image.new("1", (side, side), 1).save(image)
        html = tmp_path / f"{name}.html"
        html.write_text(f'<html lang="fi"><head><title>{name}</title></head><body><p>Kuva</p>'
                        f'<img src="{image.as_uri()}" alt="kuva"></body></html>', encoding="utf-8")
        jobs.append(RenderJob(html, tmp_path / f"{name}.pdf"))
    small, over, far_over = render_in_children(jobs, [tmp_path], False, timeout=120,
                                               max_image_pixels=1_000_000)
    assert small.ok, small.problems
    for result, name in ((over, "over"), (far_over, "far-over")):
        assert not result.ok
        assert result.problems == [f"the image {tmp_path / name}.png has more pixels than "
                                   "handbook_image_max_pixels in conf.py allows, and was not loaded — "
                                   "scale it down to at most 2,000 px wide and save it again"]
        assert not (tmp_path / f"{name}.pdf").exists()
