"""``python -m factcheck.evaluate {stories,consistency,gold} ...``"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model import DEFAULT_PAIRING, PAIRINGS
from .consistency import PAIRS


def _stories(args: argparse.Namespace) -> int:
    from ..embed import load_embedder
    from .stories import evaluate, format_table

    scores = evaluate(args.root, load_embedder(args.model), args.story, args.pairing, args.groups)
    print(format_table(scores))
    if args.verbose:
        for score in scores.values():
            for error in score.errors:
                print(error)
    return 0


def _consistency(args: argparse.Namespace) -> int:
    from .aligned import load_corpus
    from .consistency import consistency, format_listing, format_table

    scores = consistency(args.corpus or ("flores-devtest", "tico19"), args.shared)
    print(format_table(scores))
    if args.list:
        corpora = {s.corpus for s in scores}
        lines = {line.id: line for c in corpora for line in load_corpus(c, args.shared)}
        print(format_listing(scores, lines, args.limit))
    return 0


def _gold(args: argparse.Namespace) -> int:
    from .gold import GOLD_DIR, GoldError, agreement, format_gold_table, load_gold, score_gold

    try:
        if args.agreement:
            by_lang = agreement(args.gold or GOLD_DIR, args.agreement, args.shared)
            print(format_gold_table({"agreement": by_lang}))
            if args.verbose:
                print("\n".join(e for s in by_lang.values() for e in s.errors))
            return 0
        if args.check:
            gold, _ = load_gold(args.gold, args.shared)
            figures = sum(len(g.figures) for g in gold)
            print(f"{len(gold)} annotated sentences, {figures} figures: ok")
            return 0
        scores = score_gold(args.gold, args.shared)
    except GoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_gold_table(scores))
    if args.verbose:  # the development lines only: held-out errors are not for reading
        for lang, score in scores.get("development", {}).items():
            if lang != "all":
                print("\n".join(score.errors))
    return 0


def _alignment(args: argparse.Namespace) -> int:
    from ..embed import load_embedder
    from .aligned import load_corpus
    from .alignment import evaluate_alignment, format_alignment

    embedder = load_embedder(args.model)
    scores = []
    for corpus in args.corpus or ("flores-devtest",):
        lines = load_corpus(corpus, args.shared)
        scores += evaluate_alignment(corpus, lines, embedder, pairing=args.pairing)
    print(format_alignment(scores))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in ("stories", "consistency", "gold", "alignment", "-h", "--help"):
        argv.insert(0, "stories")  # the old form: python -m factcheck.evaluate tests/heldout
    parser = argparse.ArgumentParser(prog="python -m factcheck.evaluate")
    commands = parser.add_subparsers(dest="command", required=True)

    stories = commands.add_parser("stories", help="agree/contradict pairs on labelled stories")
    stories.add_argument("root", type=Path, help="folder of story folders, each with gold.jsonl")
    stories.add_argument("--model", default=None, help="embedding model (default: bundled USE)")
    stories.add_argument("--story", action="append", default=[], help="only these stories")
    stories.add_argument("-v", "--verbose", action="store_true", help="list every error")
    pairing_help = "how candidate pairs become verdicts (as factcheck compare --pairing)"
    stories.add_argument(
        "--pairing", choices=PAIRINGS, default=DEFAULT_PAIRING, help=pairing_help
    )
    stories.add_argument(
        "--groups", action="store_true",
        help="score the agreement groups and the contradictions between them, as the report "
        "shows them, instead of the pairs",
    )  # fmt: skip
    stories.set_defaults(run=_stories)

    shared_help = "the shared folder (default: $FACTCHECK_SHARED or ../shared)"
    cons = commands.add_parser("consistency", help="figures matched across aligned translations")
    cons.add_argument(
        "--corpus", action="append", choices=tuple(PAIRS),
        help="corpus to score (repeatable; default: flores-devtest and tico19)",
    )  # fmt: skip
    cons.add_argument("--shared", type=Path, default=None, help=shared_help)
    cons.add_argument("--list", action="store_true", help="list unmatched figures by cause")
    cons.add_argument("--limit", type=int, default=40, help="figures listed per cause")
    cons.set_defaults(run=_consistency)

    gold = commands.add_parser("gold", help="extraction precision/recall on the gold sample")
    gold.add_argument("--gold", type=Path, default=None, help="annotations (default: tests/gold)")
    gold.add_argument("--shared", type=Path, default=None, help=shared_help)
    gold.add_argument("-v", "--verbose", action="store_true", help="list every error")
    gold.add_argument("--check", action="store_true", help="only validate the annotations")
    gold.add_argument(
        "--agreement", type=Path, default=None, metavar="DIR",
        help="agreement of a second annotation (DIR/annotations) with the gold, per script",
    )  # fmt: skip
    gold.set_defaults(run=_gold)

    align = commands.add_parser("alignment", help="aligned figures agreed in one big folder")
    align.add_argument(
        "--corpus", action="append", choices=tuple(PAIRS),
        help="corpus (repeatable; default: flores-devtest)",
    )  # fmt: skip
    align.add_argument("--model", default=None, help="embedding model (default: bundled USE)")
    align.add_argument("--shared", type=Path, default=None, help=shared_help)
    align.add_argument(
        "--pairing", choices=PAIRINGS, default=DEFAULT_PAIRING, help=pairing_help
    )
    align.set_defaults(run=_alignment)

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
