"""The `mentora` command: a usage generated from the commands, and groups people can explore."""

from __future__ import annotations

from pathlib import Path

import mentora
from mentora.cli import main, usage

COMMANDS = sorted(
    path.stem
    for path in Path(mentora.__file__).parent.glob("*/management/commands/*.py")
    if not path.stem.startswith("_")
)


def test_it_lists_every_command_in_the_usage(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out == usage()
    for name in COMMANDS:
        noun, _, verb = name.partition("_")
        if verb:
            line = next(row for row in out.splitlines() if row.startswith(f"  {noun} "))
            assert verb in line, name
        else:
            assert f"\n  {name} " in out, name
    assert "match export|priority|publish|run|status" in out
    assert all(len(row) <= 100 for row in out.splitlines())


def test_it_lists_a_groups_verbs_with_one_line_each(capsys):
    for argv in (["match"], ["match", "--help"], ["help", "match"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert out.startswith("usage: mentora match VERB [ARGS]")
        for verb in ("export", "publish", "run", "status"):
            assert f"\n  {verb} " in out
    assert main(["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert "  enrollments " in out and "  people " in out


def test_it_names_an_unknown_verb_and_shows_the_group(capsys):
    assert main(["match", "bogus"]) == 1
    err = capsys.readouterr().err
    assert "there is no verb “bogus”" in err and "  run " in err
