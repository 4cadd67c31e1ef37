"""Command line for the claims database (`factcheck db ...`) and the CI gate (`factcheck check`).

The only module of the feature that knows about click: everything here parses
options, calls factcheck.db / factcheck.check, and turns their errors into one-line
click errors. Heavy imports (pandas, faiss, models) happen inside the commands.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    import pandas as pd

from . import db as claims_db
from .confidence import DEFAULT_MIN_CONFIDENCE

DEFAULT_DB = "claims"
# Exit codes of `check`: 1 is reserved for "a verified claim is contradicted".
EXIT_CONTRADICTION = 1
EXIT_INPUT = 2


class InputError(click.ClickException):
    """A problem with the inputs of `check` (exit 2, so that 1 always means a contradiction)."""

    exit_code = EXIT_INPUT


F = TypeVar("F", bound=Callable[..., Any])


def _db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_dir",
        default=DEFAULT_DB,
        show_default=True,
        envvar="FACTCHECK_DB",
        type=click.Path(file_okay=False),
        help="Claims database directory.",
    )(func)


def _table(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return str(frame.to_json(orient="records", force_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        return str(frame.to_csv(index=False))
    if frame.empty:
        return "(no claims)\n"
    shown = frame.copy()
    for column in ("statement", "quote"):
        if column in shown:  # long quotes would make the table unreadable
            shown[column] = shown[column].map(lambda s: s if len(s) <= 60 else s[:59] + "…")
    return str(shown.to_string(index=False)) + "\n"


def min_confidence_option(func: F) -> F:
    """--min-confidence, shared by `compare` and `check`: where a contradiction fails."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        metavar="P",
        help="Fail only on contradictions whose confidence (the pair scorer's calibrated "
        "P(same claim), 0 to 1) is at least P; those below are reported as possible "
        "contradictions. The default is the scorer's fitted contradiction threshold. In "
        "`compare` with the learned pairing, a lower P also calls differing pairs from P "
        "up contradictions (below the default they are otherwise unclear).",
    )(func)


# -h works everywhere, also when these commands are used on their own (tests, plugins)
HELP = {"help_option_names": ["-h", "--help"]}


@click.group("db", context_settings=HELP)
def db() -> None:
    """Manage the reviewed-claims database (claims/)."""


@db.command("init")
@click.argument("directory", default=DEFAULT_DB, type=click.Path(file_okay=False))
def init_cmd(directory: str) -> None:
    """Create an empty claims database in DIRECTORY (default: claims).

    A database that already holds records is left as it is, and said so."""
    existing = claims_db.record_count(directory)
    if existing:
        click.echo(f"{directory} is already a claims database ({existing} records): unchanged")
        return
    try:
        path = claims_db.init_db(directory)
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"initialised claims database in {path}")


@db.command("add")
@click.argument("report", type=click.Path(dir_okay=False))
@click.option(
    "--claim",
    "claim_ids",
    multiple=True,
    metavar="ID",
    help="A claim id from the report (repeatable).",
)
@click.option(
    "--group",
    "groups",
    multiple=True,
    type=int,
    metavar="N",
    help="An agreement group number, 1-based (repeatable).",
)
@click.option("--all-groups", is_flag=True, help="Every agreement group in the report.")
@click.option(
    "--reviewer", envvar="FACTCHECK_REVIEWER", required=True, help="Who reviewed these claims."
)
@click.option(
    "--status", type=click.Choice(claims_db.STATUSES), default="verified", show_default=True
)
@click.option(
    "--force",
    is_flag=True,
    help="Verify even a figure the report shows contradicted, or one that contradicts a "
    "verified claim already in the database.",
)
@_db_option
def add_cmd(report: str, claim_ids: tuple[str, ...], groups: tuple[int, ...], all_groups: bool,
            reviewer: str, status: str, force: bool, db_dir: str) -> None:  # fmt: skip
    """Add claims (or whole agreeing groups) from a `factcheck compare --json` REPORT.

    A figure the report shows contradicted is added as disputed, not verified; a claim
    that contradicts one already verified is refused (both unless --force)."""
    notes: list[str] = []
    try:
        ids = claims_db.add_from_report(
            db_dir, report, claim_ids=claim_ids, groups=groups, all_groups=all_groups,
            reviewer=reviewer, status=status, force=force, notes=notes,
        )  # fmt: skip
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    for note in notes:
        click.echo(f"warning: {note}", err=True)
    for record_id in ids:
        click.echo(f"added {record_id}")


@db.command("list")
@click.option(
    "--status", type=click.Choice(claims_db.STATUSES), default=None, help="Only this status."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@_db_option
def list_cmd(status: str | None, fmt: str, db_dir: str) -> None:
    """List the claims in the database."""
    try:
        frame = claims_db.list_frame(claims_db.load_db(db_dir), status)
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(_table(frame, fmt), nl=False)


@db.command("show")
@click.argument("claim_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@_db_option
def show_cmd(claim_id: str, fmt: str, db_dir: str) -> None:
    """Show one claim with every source it was seen in."""
    try:
        frame = claims_db.show_frame(claims_db.load_db(db_dir), claim_id)
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "table":  # one field per line reads better than a very wide table
        for _, row in frame.iterrows():
            click.echo("\n".join(f"{key:>18}: {value}" for key, value in row.items()) + "\n")
        return
    click.echo(_table(frame, fmt), nl=False)


@db.command("set-status")
@click.argument("claim_id", metavar="ID")
@click.argument("status", type=click.Choice(claims_db.STATUSES))
@click.option("--reviewer", envvar="FACTCHECK_REVIEWER", required=True, help="Who made the call.")
@_db_option
def set_status_cmd(claim_id: str, status: str, reviewer: str, db_dir: str) -> None:
    """Mark claim ID as verified, disputed, false or retracted."""
    try:
        record = claims_db.set_status(db_dir, claim_id, status, reviewer)
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{record.id}: {record.status}")


@db.command("validate")
@click.argument("directory", default=DEFAULT_DB, type=click.Path(file_okay=False))
def validate_cmd(directory: str) -> None:
    """Check the database: schema, statuses, duplicate ids, contradicting verified claims."""
    problems = claims_db.validate(directory)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise SystemExit(1)
    click.echo(f"{directory}: ok")


@db.command("migrate")
@click.argument("directory", default=DEFAULT_DB, type=click.Path(file_okay=False))
def migrate_cmd(directory: str) -> None:
    """Upgrade DIRECTORY to the current schema version (safe to re-run)."""
    try:
        applied = claims_db.migrate(directory)
    except (claims_db.DBError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"migrated to version {applied[-1]}" if applied else f"{directory}: up to date")


@click.command("check", context_settings=HELP)
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json", "junit", "github"]),
    default="human",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report here instead of stdout.",
)
@click.option(
    "--model",
    default=None,
    help="Embedding model: use-multilingual (default), fake, or a sentence-transformers name.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Embedding cache (default: $FACTCHECK_CACHE or <db>/.cache).",
)
@min_confidence_option
def check(sources: tuple[str, ...], db_dir: str, fmt: str, output: str | None, model: str | None,
          cache_dir: str | None, min_confidence: float) -> None:  # fmt: skip
    """Check new SOURCE files against the claims database.

    Exit 0 when nothing contradicts a verified claim at --min-confidence or more, 1 when
    something does, 2 on input problems only (each printed as `path: problem` on stderr;
    the other sources are still checked).
    """
    from .api import Database
    from .check import render
    from .embed import EmbedderError
    from .fileio import atomic_write_text

    try:
        database = Database(db_dir)
        result = database.check(
            list(sources), model=model, cache_dir=cache_dir, min_confidence=min_confidence
        )
    except (claims_db.DBError, EmbedderError, OSError) as exc:
        raise InputError(str(exc)) from None
    for problem in result.problems:  # unreadable inputs, and sources extraction failed on
        click.echo(str(problem), err=True)
    text = render(result, fmt)
    if output:
        atomic_write_text(Path(output), text)
    else:
        click.echo(text, nl=False)
    if result.failed:
        sys.exit(EXIT_CONTRADICTION)
    if result.problems:
        sys.exit(EXIT_INPUT)
