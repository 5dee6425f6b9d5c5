"""The PDF builder, end to end on a tiny handbook: real Sphinx, real WeasyPrint, PDFs read with pypdf."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import REPO, ROOTS, copy_project, hyphenation_resolves, run_command
from handbook import commands
from handbook.paths import Layout
from handbook.pdf import command, fonts, hyphenation
from handbook.pdf.fetcher import ProjectFetcher
from handbook.pdf.render import render

pytestmark = pytest.mark.slow  # builds many PDFs

EPOCH = "1600000000"


def build_pdf(tmp: Path, langs: str = "ru", edition: str = "", source: Path = ROOTS / "pdf"):
    layout = Layout(copy_project(source, tmp))
    return layout, run_command(command.pdf, langs, edition, "", layout)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    layout, run = build_pdf(tmp_path_factory.mktemp("pdf"))
    mp.undo()
    assert run.status == 0, run.out + run.err
    return layout, run


def reader(layout: Layout, name: str) -> PdfReader:
    return PdfReader(layout.site / "pdf" / name)


def outline(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, pdf.get_destination_page_number(item) + 1))

    walk(pdf.outline, 0)
    return found


def normalize(text: str) -> str:
    """Text as a reader sees it: words hyphenated at line ends joined, spacing collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text))


def page_texts(pdf: PdfReader) -> list[str]:
    return [normalize(page.extract_text()) for page in pdf.pages]


def test_make_pdf_writes_every_standard_pdf_and_says_where(built):
    layout, run = built
    assert "pdf/handbook-ru.pdf:" in run.out
    assert "The PDFs are in _build/site/pdf/" in run.out
    for name in ("handbook-ru.pdf", "handbook-ru-large-print.pdf", "handout-ru-checklist.pdf"):
        assert (layout.site / "pdf" / name).read_bytes().startswith(b"%PDF-")


def test_manifest_describes_each_pdf(built):
    layout, _ = built
    data = json.loads((layout.site / "pdf" / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["variant"]: e for e in data["pdfs"]}
    assert set(entries) == {"standard", "large-print", "handout-checklist"}
    for entry in entries.values():
        path = layout.site / entry["file"]
        assert entry["language"] == "ru"
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["pages"] == len(PdfReader(path).pages)


def test_cover_has_title_subtitle_partners_edition_year(built):
    layout, _ = built
    cover = reader(layout, "handbook-ru.pdf").pages[0].extract_text()
    for text in ("Проверочный справочник", "Подзаголовок для проверки", "Партнёры проекта",
                 "Партнёр «Один»", "Издание: Полное издание · 2020"):
        assert text in cover


def toc_lines(pdf: PdfReader) -> list[tuple[str, int]]:
    """(title, printed page number) of each line of the table of contents, in order."""
    entries, buffer = [], ""
    for page in pdf.pages:
        lines = page.extract_text().splitlines()
        if not lines or not (entries or lines[0].startswith("Содержание")):
            continue
        if lines[-1].strip().isdigit():
            lines = lines[:-1]  # the page number in the bottom margin
        toc_page = False
        for line in lines:
            if line.startswith("Содержание"):
                toc_page = True
                continue
            buffer = f"{buffer} {line.strip()}".strip()
            match = re.fullmatch(r"(.+?)\s*\.+\s*(\d+)", buffer)  # a leader may shrink to one dot
            if match:
                entries.append((" ".join(match.group(1).split()), int(match.group(2))))
                toc_page = True
                buffer = ""
        if not toc_page:
            break
    return entries


def assert_toc_matches_headings(pdf: PdfReader, depth: int = 3) -> int:
    printed = toc_lines(pdf)
    headings = [(title, page) for level, title, page in outline(pdf)
                if level < depth and title != "Содержание"]
    assert [title for title, _ in printed] == [" ".join(t.split()) for t, _ in headings]
    texts = page_texts(pdf)
    for (title, number), (_, page) in zip(printed, headings):
        assert number == page, title
        assert title.split()[0] in texts[page - 1]  # and the heading really is on that page
    return len(printed)


def test_toc_page_numbers_are_the_pages_of_the_headings(built):
    layout, _ = built
    # the front page, chapters, sections and subsections
    assert assert_toc_matches_headings(reader(layout, "handbook-ru.pdf")) >= 19


def test_bookmarks_cover_every_level(built):
    layout, _ = built
    depths = Counter(depth for depth, _, _ in outline(reader(layout, "handbook-ru.pdf")))
    assert depths[0] >= 4 and depths[1] >= 5 and depths[2] >= 5


def test_cross_chapter_link_goes_to_the_page_of_its_target(built):
    layout, _ = built
    pdf = reader(layout, "handbook-ru.pdf")
    destinations = pdf.named_destinations
    table_page = next(p for _, t, p in outline(pdf) if t == "Длинная таблица")
    links = []
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                links.append((number, str(annot["/Dest"])))
    intro_page = next(p for _, t, p in outline(pdf) if t == "Введение")
    from_intro = {dest for page, dest in links if page == intro_page}
    to_table = [d for d in from_intro if d.startswith("d-chapters-02-money--")
                and pdf.get_destination_page_number(destinations[d]) + 1 == table_page]
    assert to_table, from_intro  # "См. раздел «Длинная таблица»" leads to that page
    # no link is left pointing outside the PDF at a web page of the handbook
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            uri = annot.get_object().get("/A", {}).get("/URI", "")
            assert not str(uri).startswith(("handbook-pdf:", "#"))


def test_footnote_is_at_the_bottom_of_the_page_of_its_reference(built):
    layout, _ = built
    texts = page_texts(reader(layout, "handbook-ru.pdf"))
    for n in range(1, 6):
        reference = next(i for i, t in enumerate(texts) if f"Текст со сноской номер {n}." in t)
        page = texts[reference]
        assert f"Сноска номер {n} к разделу {n}" in page
        # the note comes after the text of the page: it is a footnote, not an endnote
        assert page.index(f"Сноска номер {n} к разделу") > page.index(f"Текст со сноской номер {n}.")


def test_long_table_repeats_its_header_row(built):
    layout, _ = built
    texts = page_texts(reader(layout, "handbook-ru.pdf"))
    table_pages = [t for t in texts if "Статья расходов" in t]
    assert len(table_pages) >= 2
    assert all("Сумма, руб." in t for t in table_pages)


def test_running_header_and_page_numbers(built):
    layout, _ = built
    pdf = reader(layout, "handbook-ru.pdf")
    texts = page_texts(pdf)
    money_pages = [i for i, t in enumerate(texts) if "Статья расходов 50 " in t]
    assert money_pages
    # the margin boxes come last in the text: the chapter's title, then the page number
    lines = pdf.pages[money_pages[0]].extract_text().splitlines()
    assert [line.strip() for line in lines[-2:]] == ["Деньги", str(money_pages[0] + 1)]
    assert not any(line.strip() == "Деньги" for line in pdf.pages[0].extract_text().splitlines())


def test_fonts_are_bundled_embedded_and_subset(built):
    layout, _ = built
    pdf = reader(layout, "handbook-ru.pdf")
    seen = set()
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert re.fullmatch(r"/[A-Z]{6}\+Handbook-(Serif|Sans).*", str(font["/BaseFont"]))
            seen.add(str(font["/BaseFont"]).split("+")[1])
    assert {"Handbook-Serif", "Handbook-Sans-Bold"} <= seen


def test_tagged_pdf_with_language_and_title(built):
    layout, _ = built
    pdf = reader(layout, "handbook-ru.pdf")
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "ru"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert pdf.metadata.title == "Проверочный справочник"
    tree = root["/StructTreeRoot"].get_object()
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict) and "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K", []) if isinstance(node, dict) else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and depth < 40:
                walk(kid, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/P", "/Table"} <= kinds


def test_large_print_body_is_at_least_16_pt(built):
    layout, _ = built
    pdf = reader(layout, "handbook-ru-large-print.pdf")
    sizes = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes[round(size * scale, 1)] += len(text)

    pdf.pages[5].extract_text(visitor_text=visit)
    body_size = sizes.most_common(1)[0][0]
    assert body_size >= 16
    standard = len(reader(layout, "handbook-ru.pdf").pages)
    assert len(pdf.pages) > standard * 1.5


def test_handout_has_only_its_sections(built):
    layout, _ = built
    text = "\n".join(page_texts(reader(layout, "handout-ru-checklist.pdf")))
    assert "Чек-лист" in text and "Первый пункт" in text
    assert "Статья расходов" not in text and "Содержание" not in text
    assert "Из рекомендаций «Проверочный справочник»" in text


def test_downloads_page_lists_every_pdf(built):
    layout, _ = built
    run = run_command(commands.html, "ru", layout)
    assert run.status == 0, run.out + run.err
    page = (layout.site / "ru" / "downloads.html").read_text(encoding="utf-8")
    assert 'href="../pdf/handbook-ru.pdf"' in page
    pages = len(reader(layout, "handbook-ru.pdf").pages)
    assert f"{pages} стр." in page


def test_downloads_page_builds_before_any_pdf(tmp_path):
    layout = Layout(copy_project(ROOTS / "pdf", tmp_path))
    run = run_command(commands.html, "ru", layout)
    assert run.status == 0, run.out + run.err
    page = (layout.site / "ru" / "downloads.html").read_text(encoding="utf-8")
    assert "PDF-файлы ещё не собраны" in page


def test_same_sources_give_byte_identical_pdfs(built, tmp_path, monkeypatch):
    layout, _ = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again, run = build_pdf(tmp_path, edition="standard")
    assert run.status == 0, run.out + run.err
    first = (layout.site / "pdf" / "handbook-ru.pdf").read_bytes()
    assert (again.site / "pdf" / "handbook-ru.pdf").read_bytes() == first


def test_regional_edition_has_its_cover_line_and_only_its_region(built):
    layout, _ = built
    run = run_command(command.pdf, "ru", "pskov", "", layout)
    assert run.status == 0, run.out + run.err
    pdf = reader(layout, "handbook-ru-pskov.pdf")
    texts = page_texts(pdf)
    assert "ИЗДАНИЕ ДЛЯ СЕМИНАРА" in texts[0] and "Семинар в Пскове" in texts[0]  # uppercase by CSS
    titles = [t for _, t, _ in outline(pdf)]
    assert titles[-2:] == ["Региональное приложение", "Псковская область"]
    assert "Ленинградская область" not in "\n".join(texts)
    assert "Общее для всех" in titles  # the rest of the regional chapter stays
    entries = json.loads((layout.site / "pdf" / "manifest.json").read_text())["pdfs"]
    assert {"standard", "pskov"} <= {e["variant"] for e in entries}


def test_unknown_edition_is_a_usage_error(built):
    layout, _ = built
    with pytest.raises(commands.UsageError, match="unknown PDF variant 'oslo'.*pskov, tosno"):
        command.pdf("ru", "oslo", "", layout)


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_missing_glyph_and_missing_alt_text_are_errors_with_file_and_line(tmp_path):
    project = copy_project(ROOTS / "pdf", tmp_path / "broken")
    chapter = project / "docs" / "chapters" / "02-money.md"
    lines = chapter.read_text(encoding="utf-8").splitlines()
    lines[4:4] = ["Готово ☃ и дальше.", "", "![](pixel.png)", "", "![Схема](https://example.org/a.png)", ""]
    chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (chapter.parent / "pixel.png").write_bytes(PNG)
    run = run_command(command.pdf, "ru", "standard", "", Layout(project))
    assert run.status == 1
    assert ("docs/chapters/02-money.md:5: error: the character '☃' (U+2603 SNOWMAN) has no glyph "
            "in the PDF fonts") in run.err
    assert re.search(r"docs/chapters/02-money\.md:7: error: image '.*pixel\.png' has no alt text", run.err)
    # Refused while reading, for the site and the PDF alike (sphinxext/confine.py).
    assert ("docs/chapters/02-money.md:9: warning: the image 'https://example.org/a.png' is an image on "
            "another site") in run.err
    assert not (project / "_build" / "site" / "pdf" / "handbook-ru.pdf").exists()


def test_glyph_check_knows_the_bundled_fonts():
    assert fonts.missing_glyphs("Ёлка «№ 5» — 100 ₽, åæø äö") == []
    assert fonts.missing_glyphs("a ✓ b → ◦") == []  # the bundled symbols (issue 18)
    assert fonts.missing_glyphs("a ☃ b ☃ 🙂") == ["☃", "🙂"]
    assert fonts.describe("→") == "'→' (U+2192 RIGHTWARDS ARROW)"
    assert (fonts.FONTS_DIR / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1


def test_fetcher_allows_only_project_files_and_data(tmp_path):
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "a.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = ProjectFetcher([inside])
    assert fetcher.permits((inside / "a.css").as_uri())
    assert fetcher.permits("data:text/plain,hi")
    for url in ((tmp_path / "secret.txt").as_uri(), (inside / ".." / "secret.txt").as_uri(),
                "http://example.org/x.png", "https://example.org/", "file:///etc/passwd"):
        assert not fetcher.permits(url), url


def test_renderer_refuses_outside_files_and_attachments(tmp_path):
    html = tmp_path / "doc.html"
    html.write_text('<html lang="ru"><body><p>Текст</p><img alt="x" src="file:///etc/hostname">'
                    '</body></html>', encoding="utf-8")
    result = render(html, tmp_path / "doc.pdf", [tmp_path], [], tagged=False)
    assert not result.ok
    assert "refused file:///etc/hostname" in result.problems[0]
    assert not (tmp_path / "doc.pdf").exists()
    html.write_text('<html lang="ru"><body><a rel="attachment" href="doc.html">x</a></body></html>')
    result = render(html, tmp_path / "doc.pdf", [tmp_path], [], tagged=False)
    assert not result.ok and "attach" in result.problems[0]


def test_finnish_and_norwegian_resolve_to_hyphenation_patterns(tmp_path):
    assert hyphenation.html_lang("nb") == "nb" and hyphenation.html_lang("no") == "nb"
    for lang in ("ru", "en", "fi", "nb"):
        assert hyphenation_resolves(lang), lang
    import pyphen

    assert pyphen.Pyphen(lang="fi").inserted("sosiaalipalvelut") == "so-si-aa-li-pal-ve-lut"
    html = tmp_path / "fi.html"
    words = "järjestöille sosiaalipalveluiden rahoitusmahdollisuuksista kansalaisjärjestöjen " * 8
    html.write_text(f'<html lang="fi"><body><p style="width: 32mm; text-align: justify; '
                    f'hyphens: auto">{words}</p></body></html>', encoding="utf-8")
    result = render(html, tmp_path / "fi.pdf", [tmp_path], [], tagged=False)
    assert result.ok, result.problems
    text = PdfReader(tmp_path / "fi.pdf").pages[0].extract_text()
    assert re.search(r"\w[-\u2010]\n", text), text  # words broken at line ends with a hyphen
    assert "hoitusmahdolli\u2010\nsuuksista" in text  # at a break the Finnish patterns allow


def test_real_handbook_pdf_in_russian(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    layout, run = build_pdf(tmp_path, edition="standard", source=REPO)
    assert run.status == 0, run.out + run.err
    # Nothing but the one line saying that, with no public address in conf.py, the PDFs give
    # site pages by their path (and the preflight's pending checks, if conf.py lists any).
    notices = [line for line in run.err.splitlines() if line.endswith("[pdf-site-address]")]
    assert len(notices) == 1 and notices[0].startswith("conf.py: handbook_base_url is empty"), run.err
    others = [line for line in run.err.splitlines() if line not in notices
              and "(pending: handbook_pdf_preflight_pending in conf.py)" not in line]
    assert others == []
    pdf = reader(layout, "handbook-ru.pdf")
    assert len(pdf.pages) > 60
    assert assert_toc_matches_headings(pdf) > 150  # every chapter and section has its page number
    assert pdf.trailer["/Root"]["/Lang"] == "ru"


def test_print_shop_output_has_bleed_and_its_own_file(built, monkeypatch):
    layout, _ = built
    # The same date as the module's build: this build rewrites the print HTML of handbook-ru.pdf,
    # whose colophon prints the date (test_the_print_html_is_the_document_the_pdf_was_made_from).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    run = run_command(command.pdf, "ru", "standard", "shop", layout)
    assert run.status == 0, run.out + run.err
    page = reader(layout, "handbook-ru-print.pdf").pages[3]
    bleed = 3 / 25.4 * 72
    assert float(page.mediabox.width) == pytest.approx(float(page.trimbox.width) + 2 * bleed, abs=0.5)
    assert float(page.trimbox.width) == pytest.approx(595.3, abs=0.5)  # A4
    entries = json.loads((layout.site / "pdf" / "manifest.json").read_text())["pdfs"]
    assert {(e["variant"], e["print"]) for e in entries} >= {("standard", ""), ("standard", "shop")}


def test_a_render_that_takes_too_long_is_stopped_with_a_message(tmp_path):
    from handbook.pdf.render import RenderJob, render_all_in_child

    html = tmp_path / "doc.html"
    html.write_text('<html lang="ru"><body><p>Текст</p></body></html>', encoding="utf-8")
    [result] = render_all_in_child([RenderJob(html, tmp_path / "doc.pdf")], [tmp_path], False, timeout=0.2)
    assert not result.ok
    assert "rendering took longer than 0.2 s and was stopped" in result.problems[0]
    assert not (tmp_path / "doc.pdf").exists()


def test_the_renderer_leaves_no_temporary_folder_behind(tmp_path, monkeypatch):
    # The child ends without Python's clean-up, which is where WeasyPrint removes the folder it
    # copies the fonts into.
    from handbook.pdf.render import RenderJob, render_all_in_child

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    html = tmp_path / "doc.html"
    html.write_text('<html lang="ru"><body><p>Текст</p></body></html>', encoding="utf-8")
    [result] = render_all_in_child([RenderJob(html, tmp_path / "doc.pdf")], [tmp_path], True, timeout=120)
    assert result.ok and result.pages == len(PdfReader(tmp_path / "doc.pdf").pages) == 1
    assert list(scratch.iterdir()) == []


def test_metadata_carries_edition_and_date(built):
    layout, _ = built
    standard = reader(layout, "handbook-ru.pdf").metadata
    assert "Полное издание" in standard["/Keywords"] and "2020" in standard["/Keywords"]
    expected = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).strftime("D:%Y%m%d%H%M%S")
    assert standard["/CreationDate"].startswith(expected)
    large = reader(layout, "handbook-ru-large-print.pdf").metadata
    assert large["/Keywords"] != standard["/Keywords"]


def test_state_records_each_languages_pdf_stages_and_pages(built):
    layout, _ = built
    (record,) = [r for r in json.loads((layout.state / "last-handbookpdf.json").read_text())
                 if r["language"] == "ru"]
    for stage in ("assemble", "layout", "pdf_write", "render"):
        assert record["stages"][stage] > 0, stage
    # Other tests rebuild in this project (other variants, print-shop files): compare the last
    # build's PDFs with their manifest entries.
    manifest = {Path(e["file"]).name: e["pages"]
                for e in json.loads((layout.site / "pdf" / "manifest.json").read_text())["pdfs"]}
    assert record["pdfs"]
    assert all(p["pages"] == manifest[p["file"]] > 0 for p in record["pdfs"]), record["pdfs"]
    assert record["pages"] == sum(p["pages"] for p in record["pdfs"])
    assert sum(p["layout"] for p in record["pdfs"]) == pytest.approx(record["stages"]["layout"], abs=0.01)


def test_the_print_html_is_the_document_the_pdf_was_made_from(built, tmp_path):
    from handbook.pdf.print_html import print_html_dir
    from handbook.pdf.render import weasyprint_alone

    layout, _ = built
    html = print_html_dir(layout.build, "ru") / "standard.html"
    assert html == layout.build / "pdf-html" / "ru" / "standard.html"
    result = weasyprint_alone(html, tmp_path / "alone.pdf")
    ours = reader(layout, "handbook-ru.pdf")
    assert result.pages == len(ours.pages) and result.layout_seconds > 0
    alone = PdfReader(tmp_path / "alone.pdf")
    assert alone.pages[-1].extract_text() == ours.pages[-1].extract_text()


def test_documents_rendered_side_by_side_keep_their_order_and_their_own_problems(tmp_path):
    from handbook.pdf.render import RenderJob, render_in_children

    jobs = []
    for name, body in (("long", "<p>Текст</p>" * 120), ("bad", '<img alt="x" src="file:///etc/hostname">'),
                       ("short", "<p>Текст</p>")):
        html = tmp_path / f"{name}.html"
        html.write_text(f'<html lang="ru"><body>{body}</body></html>', encoding="utf-8")
        jobs.append(RenderJob(html, tmp_path / f"{name}.pdf"))
    long, bad, short = render_in_children(jobs, [tmp_path], False, timeout=120, processes=2)
    assert long.ok and long.pages == len(PdfReader(tmp_path / "long.pdf").pages) > 1
    assert not bad.ok and "refused file:///etc/hostname" in bad.problems[0]
    assert not (tmp_path / "bad.pdf").exists()
    assert short.ok and short.pages == 1 and short.layout_seconds > 0 and short.write_seconds > 0
