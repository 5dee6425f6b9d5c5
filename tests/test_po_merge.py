"""update-po's merge: unit cases and Hypothesis properties (no translation is ever lost)."""

from __future__ import annotations

import pytest
import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.po import catalog
from handbook.po.merge import merge, similarity, source_of


def template(*texts: str) -> polib.POFile:
    pot = polib.POFile(wrapwidth=catalog.WRAP_WIDTH)
    seen = set()
    for line, text in enumerate(texts, 1):
        if text not in seen:
            seen.add(text)
            pot.append(polib.POEntry(msgid=text, occurrences=[("../../docs/doc.md", str(line))]))
    return pot


def roundtrip(po: polib.POFile) -> polib.POFile:
    """Through the file format, as the next run of update-po reads it."""
    return polib.pofile(catalog.render(po), wrapwidth=catalog.WRAP_WIDTH)


def entry(po: polib.POFile, msgid: str, obsolete: bool = False) -> polib.POEntry:
    found = [e for e in po if e.msgid == msgid and e.obsolete == obsolete]
    assert len(found) == 1, (msgid, [e.msgid for e in po])
    return found[0]


def translate(po: polib.POFile, msgid: str, text: str) -> None:
    e = entry(po, msgid)
    e.msgstr = text


LONG = ("Поставщик социальных услуг включается в реестр по заявлению, к которому прилагаются "
        "документы о стаже, кадрах, помещениях и опыте работы; региональный орган проверяет "
        "сведения и принимает решение в течение тридцати рабочих дней со дня получения заявления, "
        "после чего организация может получать компенсацию за услуги, оказанные по программе.")


def test_changed_message_keeps_translation_fuzzy_with_previous_text():
    po, _ = merge(template("Один два три", "Четыре"), None)
    translate(po, "Один два три", "One two three")
    new, counts = merge(template("Один два три пять", "Четыре"), roundtrip(po))
    changed = entry(new, "Один два три пять")
    assert changed.msgstr == "One two three" and changed.fuzzy
    assert changed.previous_msgid == "Один два три"
    text = catalog.render(new)
    assert '#| msgid "Один два три"\nmsgid "Один два три пять"' in text
    assert counts.fuzzy == 1 and counts.obsolete == 0


def test_long_message_one_word_edit_is_fuzzy_not_obsolete():
    po, _ = merge(template(LONG), None)
    translate(po, LONG, "A long translation.")
    edited = LONG.replace("тридцати", "десяти")
    new, _ = merge(template(edited), roundtrip(po))
    assert entry(new, edited).fuzzy and entry(new, edited).msgstr == "A long translation."
    assert not [e for e in new if e.obsolete]
    assert similarity(LONG, edited) > 0.95


def test_removed_message_is_obsolete_and_returns_translated():
    po, _ = merge(template("Первый", "Второй абзац текста"), None)
    translate(po, "Второй абзац текста", "Second paragraph")
    gone, counts = merge(template("Первый"), roundtrip(po))
    assert counts.obsolete == 1
    assert '#~ msgid "Второй абзац текста"\n#~ msgstr "Second paragraph"' in catalog.render(gone)
    back, counts = merge(template("Второй абзац текста", "Первый"), roundtrip(gone))
    returned = entry(back, "Второй абзац текста")
    assert returned.msgstr == "Second paragraph" and not returned.fuzzy
    assert counts.revived == 1 and not [e for e in back if e.obsolete]
    assert [e.msgid for e in back] == ["Второй абзац текста", "Первый"]


def test_text_edited_then_reverted_comes_back_without_fuzzy():
    po, _ = merge(template("Срок рассмотрения заявления тридцать дней"), None)
    translate(po, "Срок рассмотрения заявления тридцать дней", "Thirty days")
    edited, _ = merge(template("Срок рассмотрения заявления десять дней"), roundtrip(po))
    reverted, _ = merge(template("Срок рассмотрения заявления тридцать дней"), roundtrip(edited))
    e = entry(reverted, "Срок рассмотрения заявления тридцать дней")
    assert e.msgstr == "Thirty days" and not e.fuzzy and e.previous_msgid is None


def test_running_twice_changes_nothing_and_one_word_edit_gives_small_diff():
    texts = [f"Абзац номер {i} о социальных услугах и их поставщиках в регионе" for i in range(30)]
    po, _ = merge(template(*texts), None)
    for t in texts:
        translate(po, t, "Paragraph " + t[-20:])
    first = catalog.render(merge(template(*texts), roundtrip(po))[0])
    second = catalog.render(merge(template(*texts), polib.pofile(first))[0])
    assert first == second
    texts[10] = texts[10].replace("регионе", "области")
    edited = catalog.render(merge(template(*texts), polib.pofile(first))[0])
    import difflib
    diff = [d for d in difflib.unified_diff(first.splitlines(), edited.splitlines(), n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert 1 <= len(diff) <= 5, diff


def test_interface_catalog_keeps_strings_no_template_extracts():
    po = template("Language", "Search")
    translate(po, "Search", "Haku")
    new, counts = merge(template("Language"), roundtrip(po), interface=True)
    search = entry(new, "Search")
    assert search.msgstr == "Haku" and not search.obsolete and counts.obsolete == 0


# -- Properties -------------------------------------------------------------------------------

WORDS = ["услуга", "поставщик", "реестр", "НКО", "регион", "тариф", "заявление", "срок",
         "компенсация", "программа", "семья", "ребёнок", "помощь", "закон", "договор"]
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)

operations = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(0, 59), st.sampled_from(WORDS)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("readd"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("add"), sentences, st.integers(0, 50)),
    st.tuples(st.just("translate"), st.lists(st.booleans(), max_size=30)),
    st.tuples(st.just("accept"), st.lists(st.booleans(), max_size=30)),
), min_size=1, max_size=25)


def _apply(doc: list[str], removed: list[str], op: tuple) -> None:
    kind = op[0]
    if kind == "edit" and doc:
        i = op[1] % len(doc)
        words = doc[i].split()
        words[op[2] % len(words)] = op[3]
        doc[i] = " ".join(words)
    elif kind == "delete" and doc:
        removed.append(doc.pop(op[1] % len(doc)))
    elif kind == "move" and doc:
        doc.insert(op[2] % len(doc), doc.pop(op[1] % len(doc)))
    elif kind == "readd" and removed:
        doc.insert(op[2] % (len(doc) + 1), removed[op[1] % len(removed)])
    elif kind == "add":
        doc.insert(op[2] % (len(doc) + 1), op[1])


def _translator(po: polib.POFile, op: tuple, counter: list[int]) -> None:
    """A translator translates some empty messages, and accepts (and retouches) some fuzzy ones."""
    choices = iter(op[1])
    for e in po:
        if e.obsolete:
            continue
        if op[0] == "translate" and not e.msgstr and next(choices, False):
            counter[0] += 1
            e.msgstr = f"tr{counter[0]}"
        elif op[0] == "accept" and e.fuzzy and next(choices, False):
            e.flags.remove("fuzzy")
            e.previous_msgid = None
            counter[0] += 1
            e.msgstr = f"{e.msgstr}+{counter[0]}"


def _check_step(old: polib.POFile, pot: polib.POFile, new: polib.POFile) -> None:
    translations_after = {e.msgstr for e in new if e.msgstr}
    # 1. No translation that was in the file is lost: it is active or obsolete in the new one.
    for e in old:
        if e.msgstr:
            assert e.msgstr in translations_after, f"lost {e.msgstr!r} of {e.msgid!r}"
    active = [e for e in new if not e.obsolete]
    # The template's messages, in its order, each once.
    assert [e.msgid for e in active] == [e.msgid for e in pot]
    old_active = {e.msgid: e for e in old if not e.obsolete}
    made_for: dict[str, set[str]] = {}
    for e in old:
        if e.msgstr and not (e.fuzzy and not e.previous_msgid):
            made_for.setdefault(source_of(e), set()).add(e.msgstr)
    for e in active:
        before = old_active.get(e.msgid)
        if before is not None and before.msgstr:
            # 2. An unchanged message keeps its translation and its state.
            assert (e.msgstr, e.fuzzy) == (before.msgstr, before.fuzzy)
        elif e.msgid in made_for:
            # 3. A text that returns gets back the translation made for it, not fuzzy.
            assert e.msgstr in made_for[e.msgid] and not e.fuzzy
        if e.fuzzy:
            # 4. Every fuzzy translation says which source text it was made for.
            assert e.previous_msgid and e.previous_msgid != e.msgid


@pytest.mark.slow
@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.lists(sentences, min_size=1, max_size=12), ops=operations)
def test_no_translation_is_ever_lost(start, ops):
    doc, removed, counter = list(start), [], [0]
    po, _ = merge(template(*doc), None)
    for e in po:
        counter[0] += 1
        e.msgstr = f"tr{counter[0]}"
    for op in ops:
        if op[0] in ("translate", "accept"):
            _translator(po, op, counter)
            po = roundtrip(po)
            continue
        _apply(doc, removed, op)
        pot = template(*doc)
        old = roundtrip(po)
        po, _ = merge(pot, old)
        _check_step(old, pot, po)
        # 5. Running update-po again changes nothing.
        assert catalog.render(merge(pot, roundtrip(po))[0]) == catalog.render(po)


def test_message_moved_to_another_document_keeps_its_translation():
    chapter_a, _ = merge(template("Абзац, который переедет в другую главу.", "Остаётся"), None)
    translate(chapter_a, "Абзац, который переедет в другую главу.", "A paragraph that moves.")
    from handbook.po.merge import compendium
    others = compendium([roundtrip(chapter_a)])
    chapter_b, counts = merge(template("Новый текст", "Абзац, который переедет в другую главу."), None,
                              others=others)
    moved = entry(chapter_b, "Абзац, который переедет в другую главу.")
    assert moved.msgstr == "A paragraph that moves." and not moved.fuzzy and counts.revived == 1
