"""The atomic-write helper: a target holds the old content or the new, never a part."""

from __future__ import annotations

import errno

import pytest

from handbook import atomic


def test_write_text_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "a.po"
    atomic.write_text(target, "msgid \"\"\n")
    atomic.write_text(target, "второй\n")
    assert target.read_text(encoding="utf-8") == "второй\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.po"]


def test_a_failed_write_keeps_the_good_file(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"good")
    with pytest.raises(RuntimeError), atomic.replacing(target) as temporary:
        temporary.write_bytes(b"ha")
        raise RuntimeError("renderer crashed")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_unchanged_text_is_not_written_again(tmp_path):
    target = tmp_path / "a.txt"
    assert atomic.write_text_if_changed(target, "x\n")
    before = target.stat().st_mtime_ns
    assert not atomic.write_text_if_changed(target, "x\n")
    assert target.stat().st_mtime_ns == before


def test_the_written_file_has_the_usual_mode(tmp_path):
    target = tmp_path / "page.html"
    atomic.write_text(target, "<p>")
    assert target.stat().st_mode & 0o044 == 0o044  # readable by the web server, like any file


def test_a_scratch_folder_keeps_the_temporary_file_out_of_the_targets_folder(tmp_path):
    target = tmp_path / "site" / "pdf" / "manifest.json"
    with atomic.replacing(target, scratch=tmp_path) as temporary:
        temporary.write_text("{}", encoding="utf-8")
        assert temporary.parent == tmp_path
        assert not list(target.parent.iterdir())
    assert target.read_text(encoding="utf-8") == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_finished_file_is_put_in_place_in_one_rename(tmp_path):
    finished = tmp_path / "work" / "handbook-ru.pdf"
    finished.parent.mkdir()
    finished.write_bytes(b"%PDF new")
    target = tmp_path / "site" / "pdf" / "handbook-ru.pdf"
    atomic.put_in_place(finished, target)
    assert target.read_bytes() == b"%PDF new" and not finished.exists()


def test_a_full_disk_is_reported_for_the_target_not_the_temporary_file(tmp_path):
    target = tmp_path / "stats.json"
    with pytest.raises(OSError) as raised, atomic.replacing(target) as temporary:
        raise OSError(errno.ENOSPC, "No space left on device", str(temporary))
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []
