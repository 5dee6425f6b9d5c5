"""handbook.outputs_compare: two builds' pages and PDFs compared as a reader sees them — what
`make upgrade-check` reports as changed output and `make test-upstream` requires to be the same."""

from pathlib import Path

from handbook import outputs_compare as compare

PAGE = """<!doctype html><html lang="ru"><head><title>Глава 1 — Тест</title>
<link rel="stylesheet" href="_static/{css}"><script>var x = 1;</script></head>
<body><div class="{cls}"><h1>Глава 1</h1>
<p>Первый   абзац
 текста.</p><p>{last}</p></div></body></html>"""


def site(folder: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, encoding="utf-8")
    return folder


def test_what_a_reader_sees_of_a_page_is_its_title_and_text():
    text = compare.page_text(PAGE.format(css="a.css", cls="content", last="Конец."))
    assert text.splitlines() == ["Глава 1 — Тест", "Глава 1", "Первый абзац текста.", "Конец."]


def test_a_new_theme_release_changing_only_markup_is_no_change(tmp_path):
    first = site(tmp_path / "a", {"ru/index.html": PAGE.format(css="furo.css?v=1", cls="content", last="Конец."),
                                  "ru/_static/x.html": "<p>a</p>"})
    second = site(tmp_path / "b", {"ru/index.html": PAGE.format(css="furo.css?v=2", cls="main", last="Конец."),
                                   "ru/_static/x.html": "<p>b</p>"})
    assert compare.html_differences(first, second, compare.visible_text) == []


def test_changed_text_and_missing_pages_are_listed_with_an_excerpt(tmp_path):
    first = site(tmp_path / "a", {"ru/index.html": PAGE.format(css="a", cls="c", last="Конец."),
                                  "ru/old.html": "<p>старая</p>"})
    second = site(tmp_path / "b", {"ru/index.html": PAGE.format(css="a", cls="c", last="Конец главы."),
                                   "ru/new.html": "<p>новая</p>"})
    found = compare.html_differences(first, second, compare.visible_text)
    assert found == [compare.Difference("ru/old.html", "only in the first", ""),
                     compare.Difference("ru/new.html", "only in the second", ""),
                     compare.Difference("ru/index.html", "text", "-Конец.\n+Конец главы.")]


def test_the_whole_markup_compares_with_each_builds_folder_left_out(tmp_path):
    first = site(tmp_path / "a" / "_build" / "site", {"p.html": f'<a href="{tmp_path}/a/x">x</a>  \n'})
    second = site(tmp_path / "b" / "_build" / "site", {"p.html": f'<a href="{tmp_path}/b/x">x</a>\n'})
    markup = lambda folder, page: compare.normalised((folder / page).read_text(encoding="utf-8"),  # noqa: E731
                                                     folder.parents[1])
    assert compare.html_differences(first, second, markup) == []


def test_a_pdfs_first_difference_is_named_pages_then_outline_then_a_page():
    base = {"pages": 2, "outline": [("Глава 1", 0)], "text": ["Обложка", "Глава 1\nТекст"]}
    assert compare.pdf_difference("ru.pdf", base, dict(base)) is None
    longer = {"pages": 3, "outline": base["outline"], "text": [*base["text"], "Ещё"]}
    assert compare.pdf_difference("ru.pdf", base, longer).what == "pages"
    moved = {**base, "outline": [("Глава 1", 1)]}
    assert compare.pdf_difference("ru.pdf", base, moved) == compare.Difference(
        "ru.pdf", "outline", "-[('Глава 1', 0)]\n+[('Глава 1', 1)]")
    retold = {**base, "text": ["Обложка", "Глава 1\nДругой текст"]}
    assert compare.pdf_difference("ru.pdf", base, retold) == compare.Difference(
        "ru.pdf", "page 2", "-Текст\n+Другой текст")


def test_a_long_change_is_cut_to_a_few_lines():
    text = compare.excerpt("\n".join(map(str, range(20))), "\n".join(f"x{i}" for i in range(20)), limit=3)
    assert text.splitlines() == ["-0", "-1", "-2", "… 37 more changed lines"]


def test_problems_are_the_lines_that_end_in_a_check_id():
    output = "reading\ndocs/a.md:3: warning: no alt text — add one [alt-text]\nbuilt in 3.2 s\n"
    assert compare.problems(output) == ["docs/a.md:3: warning: no alt text — add one [alt-text]"]
