"""Write docs/cli.md from the commands' own --help, so the reference never drifts.

    python -m factcheck.clidocs > docs/cli.md

tests/test_docs.py fails when docs/cli.md differs from what this prints.
"""

from __future__ import annotations

import click

from .cli import cli


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def render() -> str:
    parts = [
        "# Command reference",
        "",
        "Generated from `--help` by `python -m factcheck.clidocs > docs/cli.md`; do not edit.",
        "",
    ]
    from click.testing import CliRunner

    # Ask each command for --help exactly as a user would, so the text is what they see.
    runner = CliRunner()
    for path, _command in _walk(cli, ["factcheck"]):
        result = runner.invoke(
            cli, [*path[1:], "--help"], prog_name="factcheck", terminal_width=100
        )
        parts += [f"## `{' '.join(path)}`", "", "```", result.output.rstrip("\n"), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
