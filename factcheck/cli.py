"""The command line: parse options, call the importable functions, print.

Heavy libraries (numpy, faiss, pandas, the models) are imported inside commands so
that `factcheck --help` stays instant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from .cli_db import check, db, min_confidence_option
from .model import DEFAULT_PAIRING, PAIRINGS
from .progress import for_terminal

if TYPE_CHECKING:  # the CLI imports the pipeline lazily, so that --help stays instant
    from .model import CompareResult

from . import __version__

EXIT_CONTRADICTION = 1
EXIT_BAD_INPUT = 2
EXIT_FAILURE = 3
MAX_MIB = 20.0  # ingest.MAX_BYTES, in MiB (kept here so that --help needs no import)


class Failure(click.ClickException):
    """factcheck could not run or write what was asked (exit 3: never 1, which only ever
    means contradictions, nor 2, which means an input could not be read)."""

    exit_code = EXIT_FAILURE


# (option, parameter, help) for every report file a command can write
REPORT_FILES = (
    ("--html", "html_path", "Write the HTML report here."),
    ("--json", "json_path", "Write the JSON report (docs/json.md) here."),
    ("--csv", "csv_path", "Write one row per claim as CSV here."),
    ("--parquet", "parquet_path", "Write one row per claim as Parquet here (needs pyarrow)."),
    ("--claimreview", "claimreview_path", "Write schema.org ClaimReview JSON-LD here."),
)


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Report files and verbosity, shared by every command that writes reports."""
    options = [
        click.option(flag, dest, type=click.Path(dir_okay=False), help=text)
        for flag, dest, text in REPORT_FILES
    ]
    options.append(click.option("-q", "--quiet", is_flag=True, help="No progress bar."))
    for option in reversed(options):
        command = option(command)
    return command


def model_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        default=None,
        metavar="NAME",
        help="Embedding model: 'use-multilingual' (default, bundled), 'fake' (tests), "
        "or a sentence-transformers model name or path (needs factcheck[st]).",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Claim-level fact-checking across sources and languages, offline.

    Extracts every figure (money, percentages, specs, counts) from news in English,
    Simplified and Traditional Chinese, matches claims across sources and says which
    agree, which contradict and which stand alone.
    """


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@output_options
@model_option
@click.option(
    "--fail-on-contradiction",
    is_flag=True,
    help="Exit with status 1 if a contradiction at or above --min-confidence is found.",
)
@min_confidence_option
@click.option("--title", default=None, help="Title of the HTML report.")
@click.option(
    "--aliases",
    "aliases_path",
    type=click.Path(exists=True),
    envvar="FACTCHECK_ALIASES",
    help="More entity aliases across scripts: an aliases.json, or a claims/ folder holding one.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=MAX_MIB,
    show_default=True,
    metavar="MIB",
    help="Largest input file, in MiB; a larger one is reported as an input problem.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=(
        "Processes that extract and embed claims (default: the usable cores; "
        "a few inputs use one)."
    ),
)
@click.option(
    "--pairing",
    type=click.Choice(list(PAIRINGS)),
    default=DEFAULT_PAIRING,
    show_default=True,
    help="How candidate pairs become verdicts: 'learned' (a fitted scorer pairs claims one "
    "to one and gives each pair a confidence) or 'rules' (the older entity, metric and "
    "period checks: about a quarter of the agreements; docs/accuracy.md).",
)
@click.option(
    "--cluster",
    default=None,
    metavar="ADDRESS",
    envvar="FACTCHECK_CLUSTER",
    help="Extract and embed on the dask cluster whose scheduler is at ADDRESS "
    "(tcp://HOST:PORT; needs factcheck[cluster] here and on every worker). The report is "
    "the one a local run gives (docs/cluster.md).",
)
def compare(
    sources: tuple[str, ...],
    html_path: str | None,
    json_path: str | None,
    csv_path: str | None,
    parquet_path: str | None,
    claimreview_path: str | None,
    quiet: bool,
    model: str | None,
    fail_on_contradiction: bool,
    min_confidence: float,
    title: str | None,
    aliases_path: str | None,
    max_size: float,
    jobs: int | None,
    pairing: str,
    cluster: str | None,
) -> None:
    """Compare the claims in SOURCE files, directories or '-' (stdin).

    With no SOURCE, compares the example corpus bundled with factcheck. Prints a
    summary table; writes the reports asked for. Exit status: 0 ok, 1 contradictions
    at or above --min-confidence with --fail-on-contradiction, 2 when an input could
    not be read (the others are still compared), 3 when factcheck could not run or
    write what was asked (model, aliases, cluster, report file).
    """
    from .api import compare as compare_api
    from .cluster import ClusterError
    from .db import DBError, load_alias_table
    from .embed import EmbedderError

    try:
        aliases = load_alias_table(aliases_path) if aliases_path else None
        result = compare_api(
            list(sources), model=model, aliases=aliases, progress=for_terminal(quiet),
            pairing=pairing, max_bytes=int(max_size * 2**20), jobs=jobs, cluster=cluster,
            min_confidence=min_confidence,
        ).result  # fmt: skip
    except (EmbedderError, DBError, ClusterError) as exc:
        raise Failure(str(exc)) from None
    for problem in result.problems:
        click.echo(f"factcheck: {problem}", err=True)
    _write_reports(
        result, html_path, json_path, csv_path, parquet_path, claimreview_path, title,
        min_confidence,
    )  # fmt: skip
    from .output import strong_contradictions, summary_lines

    for line in summary_lines(result, min_confidence):
        click.echo(line)
    if result.problems:
        sys.exit(EXIT_BAD_INPUT)
    if fail_on_contradiction and strong_contradictions(result, min_confidence):
        sys.exit(EXIT_CONTRADICTION)


def _write_reports(
    result: CompareResult,
    html_path: str | None,
    json_path: str | None,
    csv_path: str | None,
    parquet_path: str | None,
    claimreview_path: str | None,
    title: str | None,
    min_confidence: float,
) -> None:
    from . import output

    try:
        if json_path:
            output.write_json(result, json_path)
        if csv_path:
            output.write_csv(result, csv_path)
        if parquet_path:
            output.write_parquet(result, parquet_path)
        if claimreview_path:
            from .claimreview import write_claimreview

            write_claimreview(result, claimreview_path)
        if html_path:
            from .report import write_html

            write_html(result, html_path, title=title, min_confidence=min_confidence)
    except (OSError, ImportError) as exc:
        raise Failure(f"cannot write report: {exc}") from None


# The claims-database commands live in their own module (still the CLI layer).
cli.add_command(db)
cli.add_command(check)


def main() -> None:
    cli(prog_name="factcheck")


if __name__ == "__main__":
    main()
