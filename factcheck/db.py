"""The reviewed-claims database: a directory of plain text files that lives in git.

Layout of a database directory::

    meta.json       {"schema": "factcheck.claims/1"}
    claims.jsonl    one record per line, keys in a fixed order, sorted by id
    aliases.json    {"NVIDIA": ["英伟达", "英偉達", "輝達", "Nvidia"], ...}
    .gitignore      keeps .cache/ and .lock out of git
    .lock           flock target that serialises writers (not tracked)
    .cache/         embeddings of the records (see factcheck.check; not tracked)

JSON Lines because a review diff then shows exactly the records that were added or
changed, one line each, and every error can name ``file:line``. Every write goes
through ``_atomic_write`` under ``_writer_lock`` so a crash or a concurrent writer can
never leave a half-written or interleaved file behind.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fileio import atomic_write
from .model import Claim, PairVerdict, Quantity, Sentence

if TYPE_CHECKING:  # pandas and numpy are imported lazily: `factcheck --help` stays instant
    import numpy as np
    import pandas as pd

SCHEMA_PREFIX = "factcheck.claims/"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_PREFIX}{SCHEMA_VERSION}"
REPORT_SCHEMA = "factcheck.compare/2"
# reports `db add` still reads: /1 lacks the pairs' confidence, which nothing here needs
REPORT_SCHEMAS = ("factcheck.compare/1", REPORT_SCHEMA)

META_FILE = "meta.json"
CLAIMS_FILE = "claims.jsonl"
ALIASES_FILE = "aliases.json"
LOCK_FILE = ".lock"
CACHE_DIR = ".cache"

STATUSES = ("verified", "disputed", "false", "retracted")
DB_SOURCE = "db"  # Claim.source_id of claims rebuilt from records

_ID_RE = re.compile(r"^c-[0-9a-f]{10}(-[0-9]+)?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Written in this order so that diffs line up field by field across records.
RECORD_KEYS = (
    "id", "status", "statement", "subject", "entity", "entities", "metric", "qualifier", "time",
    "quantity",
    "lang", "context", "provenance", "reviewer", "created", "updated",
)  # fmt: skip
QUANTITY_KEYS = ("value", "low", "high", "unit", "kind", "surface", "tolerance", "hedge")
PROVENANCE_KEYS = (
    "source", "source_id", "claim", "line", "quote", "sentence_span", "span", "surface", "lang",
)  # fmt: skip


class DBError(Exception):
    """A database problem worth one line to the user: ``file:line: message`` when known."""

    def __init__(self, message: str, file: str | os.PathLike[str] | None = None, line: int = 0):
        self.message, self.file, self.line = message, None if file is None else str(file), line
        super().__init__(str(Problem(self.file, line, message)) if self.file else message)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem is about the whole file
    message: str
    ids: tuple[str, ...] = ()  # the records concerned, when there are any

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


def _problem_from(exc: DBError) -> Problem:
    return Problem(exc.file or "", exc.line, exc.message)


@dataclass(frozen=True)
class RecordQuantity:
    value: float | None
    low: float | None
    high: float | None
    unit: str
    kind: str
    surface: str
    tolerance: float = 0.0
    hedge: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a reviewed claim was seen: one source, its quote and the offsets in it."""

    source: str  # path or URL
    quote: str  # the sentence as written in the source
    span: tuple[int, int]  # the quantity, code points into the source text
    lang: str
    source_id: str | None = None  # id in the compare report ("s1")
    claim: str | None = None  # claim id in the compare report ("s1:c3")
    line: int | None = None  # 1-based line of the claim in the source
    sentence_span: tuple[int, int] | None = None
    surface: str | None = None  # the number as this source wrote it


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    status: str
    statement: str
    subject: str
    entity: str | None
    entities: tuple[str, ...]  # every entity named near the figure (judge_pair uses them)
    metric: str | None
    qualifier: str | None  # a word narrowing the metric ("data-center" revenue)
    time: str | None
    quantity: RecordQuantity
    lang: str
    context: str
    provenance: tuple[Provenance, ...]  # the first entry is the one `statement` quotes
    reviewer: str
    created: str  # ISO dates, UTC
    updated: str


class ClaimsDB:
    """A loaded database: records sorted by id, the alias table, id -> line in claims.jsonl.

    A database loaded from a snapshot (see ``load_db``) parses ``records`` only when
    they are first asked for; checking never asks, it reads ``table`` instead.
    """

    def __init__(
        self,
        path: Path,
        records: Sequence[ClaimRecord] | None,
        aliases: dict[str, str],
        lines: dict[str, int] | None = None,
        *,
        table: RecordTable | None = None,
        digest: str | None = None,
    ) -> None:
        if records is None and (table is None or digest is None):
            raise ValueError("a ClaimsDB without records needs its table and digest")
        self.path = Path(path)
        self.aliases = aliases  # case-folded alias -> canonical name
        self._records = None if records is None else tuple(records)
        self._lines = lines if lines is not None or records is None else {}
        self._table = table
        self._digest = digest  # SHA-256 of the claims.jsonl the table was built from

    def __repr__(self) -> str:
        return f"ClaimsDB({str(self.path)!r}, {len(self)} records)"

    def __len__(self) -> int:
        return len(self._table) if self._table is not None else len(self.records)

    @property
    def records(self) -> tuple[ClaimRecord, ...]:  # sorted by id
        if self._records is None:
            self._materialise()
        assert self._records is not None
        return self._records

    @property
    def lines(self) -> dict[str, int]:  # id -> line in claims.jsonl
        if self._lines is None:
            self._materialise()
        assert self._lines is not None
        return self._lines

    @property
    def table(self) -> RecordTable:
        """The columns checking reads; built from ``records`` unless a snapshot gave it."""
        if self._table is None:
            self._table = RecordTable.from_records(self.records)
        return self._table

    def _materialise(self) -> None:
        # Parse the very bytes the snapshot stands for: a file replaced since load_db
        # would give records that disagree with ``table``.
        path = self.path / CLAIMS_FILE
        data = path.read_bytes() if path.exists() else b""
        if hashlib.sha256(data).hexdigest() != self._digest:
            raise DBError("changed on disk since it was loaded; run again", path)
        records, lines = _records_from(path, data)
        self._records, self._lines = tuple(records), lines

    def get(self, claim_id: str) -> ClaimRecord:
        for record in self.records:
            if record.id == claim_id:
                return record
        raise DBError(f"no claim {claim_id!r} in {self.path / CLAIMS_FILE}")


# --------------------------------------------------------------------------- safety


def record_count(directory: str | os.PathLike[str]) -> int:
    """How many records ``directory`` holds (0 when it is no database yet)."""
    claims = Path(directory) / CLAIMS_FILE
    if not claims.is_file():
        return 0
    return sum(1 for line in claims.read_bytes().splitlines() if line.strip())


@contextlib.contextmanager
def writer_lock(directory: Path) -> Iterator[None]:
    """Serialise writers across processes; readers need no lock thanks to atomic_write."""
    import fcntl  # POSIX only; imported here so that reading works everywhere

    directory = Path(directory)
    with open(directory / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ------------------------------------------------------------------ serialisation


def _dumps(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
    # U+2028/2029 are line breaks to str.splitlines() and to some editors: keep one
    # record per physical line whatever the quote contains.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def record_to_dict(record: ClaimRecord) -> dict[str, Any]:
    q = record.quantity
    quantity = {k: getattr(q, k) for k in QUANTITY_KEYS}
    provenance = []
    for p in record.provenance:
        entry = {k: getattr(p, k) for k in PROVENANCE_KEYS}
        entry["span"] = list(p.span)
        entry["sentence_span"] = list(p.sentence_span) if p.sentence_span else None
        provenance.append(entry)
    values: dict[str, Any] = {k: getattr(record, k) for k in RECORD_KEYS}
    values["quantity"] = quantity
    values["entities"] = list(record.entities)
    values["provenance"] = provenance
    return values


def record_to_line(record: ClaimRecord) -> str:
    return _dumps(record_to_dict(record))


_KEYSETS: dict[tuple[str, ...], frozenset[str]] = {}


def _check_keys(obj: dict[str, Any], expected: tuple[str, ...], where: str) -> None:
    keyset = _KEYSETS.get(expected) or _KEYSETS.setdefault(expected, frozenset(expected))
    if obj.keys() == keyset:  # the common case, kept cheap for 100k-line databases
        return
    missing = [k for k in expected if k not in obj]
    unknown = sorted(set(obj) - set(expected))
    if missing:
        raise ValueError(f"{where}missing key(s): {', '.join(missing)}")
    if unknown:
        raise ValueError(f"{where}unknown key(s): {', '.join(unknown)}")


def _str(obj: dict[str, Any], key: str, where: str = "", optional: bool = False) -> Any:
    value = obj[key]
    if type(value) is not str and not (value is None and optional):
        raise ValueError(f"{where}{key} must be a string{' or null' if optional else ''}")
    return value


def _num(obj: dict[str, Any], key: str, where: str = "", optional: bool = True) -> float | None:
    value = obj[key]
    if value is None and optional:
        return None
    if type(value) not in (int, float) or not math.isfinite(value):  # bool is not a number
        raise ValueError(f"{where}{key} must be a finite number{' or null' if optional else ''}")
    return float(value)


def _span(value: Any, name: str) -> tuple[int, int]:
    ok = isinstance(value, list) and len(value) == 2
    if not ok or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ValueError(f"{name} must be [start, end] integers")
    if not 0 <= value[0] <= value[1]:
        raise ValueError(f"{name} must satisfy 0 <= start <= end")
    return (value[0], value[1])


def _parse_quantity(obj: Any) -> RecordQuantity:
    if not isinstance(obj, dict):
        raise ValueError("quantity must be an object")
    _check_keys(obj, QUANTITY_KEYS, "quantity: ")
    w = "quantity."
    tolerance = _num(obj, "tolerance", w, optional=False)
    return RecordQuantity(
        value=_num(obj, "value", w), low=_num(obj, "low", w), high=_num(obj, "high", w),
        unit=_str(obj, "unit", w), kind=_str(obj, "kind", w), surface=_str(obj, "surface", w),
        tolerance=0.0 if tolerance is None else tolerance,
        hedge=_str(obj, "hedge", w, optional=True),
    )  # fmt: skip


def _parse_provenance(obj: Any, n: int) -> Provenance:
    w = f"provenance[{n}]."
    if not isinstance(obj, dict):
        raise ValueError(f"provenance[{n}] must be an object")
    _check_keys(obj, PROVENANCE_KEYS, w + " ")
    line = obj["line"]
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
        raise ValueError(f"{w}line must be a positive integer or null")
    sentence_span = obj["sentence_span"]
    return Provenance(
        source=_str(obj, "source", w), quote=_str(obj, "quote", w),
        span=_span(obj["span"], w + "span"), lang=_str(obj, "lang", w),
        source_id=_str(obj, "source_id", w, optional=True),
        claim=_str(obj, "claim", w, optional=True), line=line,
        sentence_span=None if sentence_span is None else _span(sentence_span, w + "sentence_span"),
        surface=_str(obj, "surface", w, optional=True),
    )  # fmt: skip


def parse_record(obj: Any) -> ClaimRecord:
    """A record from its decoded JSON; ValueError names the first thing wrong."""
    if not isinstance(obj, dict):
        raise ValueError("record must be a JSON object")
    _check_keys(obj, RECORD_KEYS, "")
    if not isinstance(obj["id"], str) or not _ID_RE.match(obj["id"]):
        raise ValueError(f"id must look like c-0123456789, got {obj['id']!r}")
    status = _str(obj, "status")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    for key in ("created", "updated"):
        _date(_str(obj, key), key)
    entities = obj["entities"]
    if not isinstance(entities, list) or not all(isinstance(e, str) for e in entities):
        raise ValueError("entities must be a list of strings")
    provenance = obj["provenance"]
    if not isinstance(provenance, list) or not provenance:
        raise ValueError("provenance must be a non-empty list")
    return ClaimRecord(
        id=obj["id"], status=status, statement=_str(obj, "statement"),
        subject=_str(obj, "subject"), entity=_str(obj, "entity", optional=True),
        entities=tuple(entities),
        metric=_str(obj, "metric", optional=True),
        qualifier=_str(obj, "qualifier", optional=True), time=_str(obj, "time", optional=True),
        quantity=_parse_quantity(obj["quantity"]), lang=_str(obj, "lang"),
        context=_str(obj, "context"),
        provenance=tuple(_parse_provenance(p, n) for n, p in enumerate(provenance)),
        reviewer=_str(obj, "reviewer"), created=obj["created"], updated=obj["updated"],
    )  # fmt: skip


@functools.lru_cache(maxsize=4096)  # a database holds few distinct dates
def _date(value: str, key: str) -> None:
    try:
        if not _DATE_RE.match(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key} must be an ISO date YYYY-MM-DD, got {value!r}") from None


def _iter_lines(path: Path, data: bytes | None = None) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) of non-blank lines, split on \\n only."""
    data = path.read_bytes() if data is None else data
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DBError(f"not valid UTF-8 ({exc.reason})", path, number) from None
        if text.strip():
            yield number, text


def _parse_line(path: Path, number: int, text: str) -> ClaimRecord:
    try:
        return parse_record(json.loads(text))
    except json.JSONDecodeError as exc:
        raise DBError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, number) from None
    except ValueError as exc:
        raise DBError(f"{exc}", path, number) from None


# ------------------------------------------------------------------------- aliases


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DBError("missing (run `factcheck db init`)", path) from None
    except UnicodeDecodeError as exc:
        raise DBError(f"not valid UTF-8 ({exc.reason})", path) from None
    except json.JSONDecodeError as exc:
        raise DBError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None


def parse_aliases(raw: Any, path: Path) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise DBError("must be an object mapping canonical names to lists of aliases", path)
    mapping: dict[str, str] = {}
    for canonical, aliases in raw.items():
        ok = isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)
        if not ok:
            raise DBError(f"aliases of {canonical!r} must be a list of strings", path)
        for alias in (canonical, *aliases):
            key = alias.casefold().strip()
            if mapping.get(key, canonical) != canonical:
                raise DBError(
                    f"{alias!r} is an alias of both {mapping[key]!r} and {canonical!r}", path
                )
            mapping[key] = canonical
    return mapping


def load_alias_table(directory: str | os.PathLike[str]) -> dict[str, list[str]]:
    """aliases.json as written: canonical name -> aliases (checked; {} when absent).

    ``directory`` is a database folder, or an aliases file itself.
    """
    path = Path(directory)
    path = path if path.is_file() else path / ALIASES_FILE
    if not path.exists():
        return {}
    raw = _read_json(path)
    parse_aliases(raw, path)  # raises on a malformed table
    return {str(k): list(v) for k, v in raw.items()}


def load_aliases(directory: str | os.PathLike[str]) -> dict[str, str]:
    """alias (case-folded) -> canonical name, the canonical names included. {} when absent."""
    return parse_aliases(load_alias_table(directory), Path(directory) / ALIASES_FILE)


def canonical_entity(name: str | None, aliases: dict[str, str]) -> str | None:
    if name is None:
        return None
    return aliases.get(name.casefold().strip(), name)


# ------------------------------------------------------------------ schema, migration


def read_version(directory: Path) -> int:
    """Schema version of a database; 0 is a legacy directory with claims.jsonl but no meta."""
    meta_path = directory / META_FILE
    if not meta_path.exists():
        if (directory / CLAIMS_FILE).exists():
            return 0
        raise DBError(f"not a claims database (no {META_FILE}; run `factcheck db init`)", directory)
    meta = _read_json(meta_path)
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        raise DBError(f"schema must be {SCHEMA!r}, got {schema!r}", meta_path)
    try:
        return int(schema.removeprefix(SCHEMA_PREFIX))
    except ValueError:
        raise DBError(f"unreadable schema version {schema!r}", meta_path) from None


def _write_meta(directory: Path, version: int) -> None:
    data = json.dumps({"schema": f"{SCHEMA_PREFIX}{version}"}, indent=2) + "\n"
    atomic_write(directory / META_FILE, data.encode())


def _migrate_0_to_1(directory: Path) -> None:
    # Before meta.json existed the records were already in today's layout.
    if not (directory / ALIASES_FILE).exists():
        atomic_write(directory / ALIASES_FILE, b"{}\n")


# MIGRATIONS[n] turns a version-n directory into version n+1 in place. Each step
# rewrites files atomically and bumps meta.json last, so a crash mid-migration leaves
# version n on disk and re-running the step is safe: steps must be idempotent.
MIGRATIONS: dict[int, Callable[[Path], None]] = {0: _migrate_0_to_1}


def migrate(directory: str | os.PathLike[str]) -> list[int]:
    """Bring a database to SCHEMA_VERSION; returns the versions migrated to (may be [])."""
    directory = Path(directory)
    applied: list[int] = []
    with writer_lock(directory):
        version = read_version(directory)
        if version > SCHEMA_VERSION:
            raise DBError(f"schema version {version} is newer than this factcheck", directory)
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](directory)
            version += 1
            _write_meta(directory, version)
            applied.append(version)
    return applied


# ------------------------------------------------------------------- load and save


def init_db(directory: str | os.PathLike[str]) -> Path:
    """Create an empty database; an existing one is left exactly as it is
    (``record_count`` tells the caller whether there was one)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with writer_lock(directory):
        files = {
            META_FILE: (json.dumps({"schema": SCHEMA}, indent=2) + "\n").encode(),
            CLAIMS_FILE: b"",
            ALIASES_FILE: b"{}\n",
            ".gitignore": f"{CACHE_DIR}/\n{LOCK_FILE}\n".encode(),
        }
        for name, data in files.items():
            if not (directory / name).exists():
                atomic_write(directory / name, data)
    return directory


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    # Bulk loading allocates millions of objects that all survive; the cyclic GC would
    # rescan them again and again (measured: about half the load time at 100,000 records).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_file(path: Path, data: bytes | None = None) -> list[tuple[int, ClaimRecord]]:
    """(line number, record) for every record; DBError names the first bad line.

    One json.loads over the whole file is several times faster than one per line; only
    when it fails do we go line by line to find the culprit.
    """
    numbered = list(_iter_lines(path, data))
    try:
        objects = json.loads("[" + ",".join(text for _, text in numbered) + "]")
    except json.JSONDecodeError:
        objects = None  # some line is bad: _parse_line will say which
    if objects is None or len(objects) != len(numbered):
        return [(n, _parse_line(path, n, text)) for n, text in numbered]
    out = []
    for (number, _), obj in zip(numbered, objects, strict=True):
        try:
            out.append((number, parse_record(obj)))
        except ValueError as exc:
            raise DBError(str(exc), path, number) from None
    return out


def _records_from(path: Path, data: bytes) -> tuple[list[ClaimRecord], dict[str, int]]:
    """Every record of claims.jsonl (given as ``data``), checked, sorted by id."""
    records: list[ClaimRecord] = []
    lines: dict[str, int] = {}
    with _no_gc():
        for number, record in _parse_file(path, data):
            if record.id in lines:
                first = lines[record.id]
                raise DBError(f"duplicate id {record.id} (first on line {first})", path, number)
            lines[record.id] = number
            records.append(record)
    records.sort(key=lambda r: r.id)
    return records, lines


def default_cache_dir(directory: str | os.PathLike[str]) -> Path:
    """$FACTCHECK_CACHE, else <db>/.cache: where the embeddings and the snapshot live."""
    env = os.environ.get("FACTCHECK_CACHE")
    return Path(env) if env else Path(directory) / CACHE_DIR


def load_db(
    directory: str | os.PathLike[str],
    *,
    snapshot: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> ClaimsDB:
    """Read and check a database; DBError (with file:line) on the first malformed line.

    With ``snapshot`` (the default, for readers) a snapshot of the columns checking
    needs is kept in the cache directory, keyed by the SHA-256 of claims.jsonl and of
    the code that validates it. When the key matches, the file was fully validated
    before, byte for byte, so it is not parsed again: ``records`` are then parsed only
    if something asks for them. Any mismatch or damage means a full parse and a new
    snapshot. Writers load with ``snapshot=False`` and always validate everything.
    """
    directory = Path(directory)
    version = read_version(directory)
    if version != SCHEMA_VERSION:
        newer = (
            "newer than this factcheck"
            if version > SCHEMA_VERSION
            else "old: run `factcheck db migrate`"
        )
        raise DBError(f"schema version {version} is {newer}", directory / META_FILE)
    aliases = load_aliases(directory)
    path = directory / CLAIMS_FILE
    data = path.read_bytes() if path.exists() else b""
    if not snapshot:
        records, lines = _records_from(path, data)
        return ClaimsDB(directory, records, aliases, lines)
    digest = hashlib.sha256(data).hexdigest()
    key = snapshot_key(digest)
    snap_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir(directory)
    table = read_snapshot(snap_dir / SNAPSHOT_FILE, key)
    if table is not None:
        return ClaimsDB(directory, None, aliases, None, table=table, digest=digest)
    records, lines = _records_from(path, data)
    table = RecordTable.from_records(records)
    with contextlib.suppress(OSError):  # a read-only checkout still gets its answer
        write_snapshot(snap_dir / SNAPSHOT_FILE, key, records, table)
    return ClaimsDB(directory, records, aliases, lines, table=table, digest=digest)


def save_records(directory: Path, records: Iterable[ClaimRecord]) -> None:
    """Write claims.jsonl, sorted by id; call it under writer_lock."""
    ordered = sorted(records, key=lambda r: r.id)
    data = "".join(record_to_line(r) + "\n" for r in ordered)
    atomic_write(Path(directory) / CLAIMS_FILE, data.encode("utf-8"))


@contextlib.contextmanager
def transaction(directory: str | os.PathLike[str]) -> Iterator[dict[str, ClaimRecord]]:
    """Lock, load, let the caller edit an id -> record dict, save if it changed.

    Loading happens under the lock so that two writers cannot both start from the same
    old file and lose each other's records; an exception in the body saves nothing.
    """
    directory = Path(directory)
    with writer_lock(directory):
        db = load_db(directory, snapshot=False)  # writers validate every line, always
        records = {r.id: r for r in db.records}
        before = dict(records)
        yield records
        if records != before:
            save_records(directory, records.values())


# ------------------------------------------------------------------------ snapshot

SNAPSHOT_SCHEMA = "factcheck.snapshot/1"  # bump when the layout below changes
SNAPSHOT_FILE = "claims-snapshot.npz"


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    # The validation rules live in this file: any edit to it invalidates every
    # snapshot, so a snapshot never vouches for a file under rules it was not checked by.
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def snapshot_key(claims_digest: str) -> str:
    """What a snapshot must carry to stand for claims.jsonl with this SHA-256."""
    parts = (SNAPSHOT_SCHEMA, SCHEMA, _code_digest(), claims_digest)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _entry_fields(r: ClaimRecord) -> list[Any]:
    """What checking reads of a record (record_to_claim with original=False, findings)."""
    q, first = r.quantity, r.provenance[0]
    return [
        r.id, r.status, r.statement, r.subject, r.entity, list(r.entities), r.metric,
        r.qualifier, r.time, r.lang, q.value, q.low, q.high, q.unit, q.kind, q.surface,
        q.tolerance, q.hedge, list(first.span),
        None if first.sentence_span is None else list(first.sentence_span),
        first.line, first.lang,
    ]  # fmt: skip


def _entry_record(fields: list[Any], context: str) -> ClaimRecord:
    """A stand-in record: everything checking reads, the first provenance's offsets only."""
    (rid, status, statement, subject, entity, entities, metric, qualifier, time, lang, value,
     low, high, unit, kind, surface, tolerance, hedge, span, sentence_span, line,
     first_lang) = fields  # fmt: skip
    first = Provenance(
        source="", quote=statement, span=(span[0], span[1]), lang=first_lang, line=line,
        sentence_span=None if sentence_span is None else (sentence_span[0], sentence_span[1]),
    )  # fmt: skip
    return ClaimRecord(
        id=rid, status=status, statement=statement, subject=subject, entity=entity,
        entities=tuple(entities), metric=metric, qualifier=qualifier, time=time,
        quantity=RecordQuantity(value, low, high, unit, kind, surface, tolerance, hedge),
        lang=lang, context=context, provenance=(first,), reviewer="", created="", updated="",
    )  # fmt: skip


class RecordTable:
    """Columns of the records (sorted by id) that checking reads.

    ``status`` (codes into STATUSES), ``kind`` (codes into ``kinds``) and ``contexts``
    for every record; ``record(row)`` for the few candidates that get judged: the
    record itself, or from a snapshot a stand-in that carries every field checking
    reads (see ``_entry_record``) but only the first provenance entry's offsets.
    """

    def __init__(
        self,
        status: np.ndarray,
        kinds: list[str],
        kind: np.ndarray,
        contexts: list[str],
        record: Callable[[int], ClaimRecord],
    ) -> None:
        self.status, self.kinds, self.kind, self.contexts = status, kinds, kind, contexts
        self.record = record

    def __len__(self) -> int:
        return len(self.contexts)

    @classmethod
    def from_records(cls, records: Sequence[ClaimRecord]) -> RecordTable:
        import numpy as np

        codes = {s: i for i, s in enumerate(STATUSES)}
        kinds = sorted({r.quantity.kind for r in records})
        kind_codes = {k: i for i, k in enumerate(kinds)}
        return cls(
            np.fromiter((codes[r.status] for r in records), np.uint8, len(records)),
            kinds,
            np.fromiter((kind_codes[r.quantity.kind] for r in records), np.int32, len(records)),
            [r.context for r in records],
            records.__getitem__,
        )


def write_snapshot(
    path: Path, key: str, records: Sequence[ClaimRecord], table: RecordTable | None = None
) -> None:
    """Save the table of ``records`` (validated by the caller) as one .npz, atomically."""
    import io

    import numpy as np

    table = RecordTable.from_records(records) if table is None else table
    entries = [
        json.dumps(_entry_fields(r), ensure_ascii=False, allow_nan=False).encode()
        for r in records
    ]
    rec_off = np.zeros(len(entries) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in entries], out=rec_off[1:])
    ctx_off = np.zeros(len(records) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in table.contexts], out=ctx_off[1:])
    meta = {"schema": SNAPSHOT_SCHEMA, "key": key, "count": len(records), "kinds": table.kinds}
    buffer = io.BytesIO()
    np.savez(
        buffer, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        status=table.status, kind=table.kind,
        ctx=np.frombuffer("".join(table.contexts).encode(), dtype=np.uint8), ctx_off=ctx_off,
        rec=np.frombuffer(b"".join(entries), dtype=np.uint8), rec_off=rec_off,
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, buffer.getvalue())


def _offsets_ok(offsets: np.ndarray, n: int, end: int) -> bool:
    import numpy as np

    return (
        offsets.dtype == np.int64 and offsets.shape == (n + 1,) and int(offsets[0]) == 0
        and int(offsets[-1]) == end and bool(np.all(np.diff(offsets) >= 0))
    )  # fmt: skip


def read_snapshot(path: Path, key: str) -> RecordTable | None:
    """The table a snapshot holds if it is intact and made for ``key``; None otherwise.

    The zip container checks a CRC-32 of every member as it is read, so a flipped bit
    or a truncated file fails here and the caller rebuilds from claims.jsonl.
    """
    import zipfile

    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes())
            if not isinstance(meta, dict) or (meta.get("schema"), meta.get("key")) != (
                SNAPSHOT_SCHEMA, key,
            ):  # fmt: skip
                return None
            n, kinds = meta["count"], meta["kinds"]
            status, kind = z["status"], z["kind"]
            ctx, ctx_off, rec, rec_off = z["ctx"], z["ctx_off"], z["rec"], z["rec_off"]
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
        return None  # missing, truncated, damaged, not ours
    if not (
        isinstance(n, int) and isinstance(kinds, list)
        and all(isinstance(k, str) for k in kinds)
        and status.dtype == np.uint8 and status.shape == (n,)
        and kind.dtype == np.int32 and kind.shape == (n,)
        and ctx.dtype == np.uint8 and rec.dtype == np.uint8
        and ctx.ndim == 1 and rec.ndim == 1
        and _offsets_ok(rec_off, n, len(rec))
        and (n == 0 or (int(status.max()) < len(STATUSES) and int(kind.min()) >= 0
                        and int(kind.max()) < len(kinds)))
    ):  # fmt: skip
        return None
    try:
        text = ctx.tobytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _offsets_ok(ctx_off, n, len(text)):
        return None
    bounds = ctx_off.tolist()
    contexts = [text[bounds[i] : bounds[i + 1]] for i in range(n)]
    rec_bounds = rec_off.tolist()
    blob = rec.tobytes()

    def record(row: int) -> ClaimRecord:
        fields = json.loads(blob[rec_bounds[row] : rec_bounds[row + 1]])
        return _entry_record(fields, contexts[row])

    return RecordTable(status, list(kinds), kind, contexts, record)


# ------------------------------------------------------------------ ids, conversion


def today() -> str:
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def content_key(record: ClaimRecord) -> str:
    """What makes two records the same claim: what is measured, when, and the figure."""
    q = record.quantity
    parts = [
        " ".join((record.entity or record.subject).casefold().split()),
        (record.metric or "").casefold(), record.time or "",
        q.unit, q.kind, repr(q.value), repr(q.low), repr(q.high),
    ]  # fmt: skip
    return "\x1f".join(parts)


def derive_id(key: str, taken: dict[str, str]) -> str:
    """ "c-" + 10 hex of the content key; ``taken`` maps used ids to their content keys.

    The same content always gets the same id (so re-adding merges). A different claim
    whose hash collides gets a "-2", "-3"... suffix instead of overwriting.
    """
    base = "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    candidate, n = base, 1
    while candidate in taken and taken[candidate] != key:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def claim_to_record(
    claim: Claim,
    *,
    source_path: str,
    line: int | None = None,
    status: str = "verified",
    reviewer: str = "",
    date: str | None = None,
    record_id: str | None = None,
) -> ClaimRecord:
    """One-source record for ``claim``; the id is derived from its content unless given."""
    q = claim.quantity
    record = ClaimRecord(
        id=record_id or "c-0000000000",
        status=status, statement=claim.sentence.text, subject=claim.subject,
        entity=claim.entity, entities=claim.entities, metric=claim.metric,
        qualifier=claim.qualifier, time=claim.time,
        quantity=RecordQuantity(
            q.value, q.low, q.high, q.unit, q.kind, q.surface, q.tolerance, q.hedge
        ),
        lang=claim.lang, context=claim.context,
        provenance=(_provenance(claim, source_path, claim.line if line is None else line),),
        reviewer=reviewer, created=date or today(), updated=date or today(),
    )  # fmt: skip
    if record_id is None:
        record = dataclasses.replace(record, id=derive_id(content_key(record), {}))
    return record


def _provenance(claim: Claim, source_path: str, line: int | None) -> Provenance:
    return Provenance(
        source=source_path, quote=claim.sentence.text,
        span=(claim.quantity.start, claim.quantity.end), lang=claim.sentence.lang,
        source_id=claim.source_id, claim=claim.id, line=line,
        sentence_span=(claim.sentence.start, claim.sentence.end), surface=claim.quantity.surface,
    )  # fmt: skip


def record_to_claim(record: ClaimRecord, original: bool = False) -> Claim:
    """The Claim a record stands for.

    By default its id is the record id and its source "db", which is what checking
    and validation compare. ``original=True`` gives back the claim exactly as it was
    in the report it came from (ids, offsets), so claim -> record -> claim is the identity.
    """
    first = record.provenance[0]
    start, end = first.sentence_span or (0, len(record.statement))
    q = record.quantity
    sentence_lang = first.lang if original else record.lang
    return Claim(
        id=first.claim if original and first.claim is not None else record.id,
        source_id=first.source_id if original and first.source_id is not None else DB_SOURCE,
        sentence=Sentence(start, end, record.statement, sentence_lang),  # type: ignore[arg-type]
        quantity=Quantity(
            q.surface, first.span[0], first.span[1], q.value, q.low, q.high, q.unit, q.kind,
            q.hedge, q.tolerance,
        ),
        subject=record.subject, entity=record.entity, metric=record.metric,
        qualifier=record.qualifier, time=record.time,
        context=record.context, lang=record.lang,  # type: ignore[arg-type]
        entities=record.entities, line=first.line or 1,
    )  # fmt: skip


# ------------------------------------------------------------------- from a report


@dataclass(frozen=True)
class Report:
    claims: dict[str, Claim]
    paths: dict[str, str]  # source id -> path
    pairs: tuple[PairVerdict, ...]


def load_report(path: str | os.PathLike[str]) -> Report:
    """Parse a `factcheck compare --json` report; DBError names the first bad field."""
    path = Path(path)
    raw = _read_json(path)
    if not isinstance(raw, dict) or raw.get("schema") not in REPORT_SCHEMAS:
        expected = " or ".join(repr(s) for s in REPORT_SCHEMAS)
        raise DBError(f"not a compare report (schema must be {expected})", path)
    try:
        paths = {s["id"]: s["path"] for s in raw["sources"]}
        claims = {c["id"]: _report_claim(c) for c in raw["claims"]}
        pairs = tuple(
            PairVerdict(
                p["a"], p["b"], p["verdict"], float(p["score"]), p.get("why", ""),
                None if p.get("confidence") is None else float(p["confidence"]),
            )  # fmt: skip
            for p in raw.get("pairs", [])
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DBError(f"malformed report: {type(exc).__name__}: {exc}", path) from None
    return Report(claims, paths, pairs)


def _report_claim(c: dict[str, Any]) -> Claim:
    q = c["quantity"]
    s_start, s_end = c["sentence_span"]
    q_start, q_end = q["span"]

    def num(v: Any) -> float | None:
        return None if v is None else float(v)

    quantity = Quantity(
        str(q["surface"]), int(q_start), int(q_end), num(q.get("value")), num(q.get("low")),
        num(q.get("high")), str(q.get("unit", "")), str(q.get("kind", "")), q.get("hedge"),
        float(q.get("tolerance") or 0.0),
    )  # fmt: skip
    lang = c.get("lang", "en")
    entity = c.get("entity")
    entities = c.get("entities")
    return Claim(
        id=c["id"], source_id=c["source"],
        sentence=Sentence(int(s_start), int(s_end), c["text"], lang),
        quantity=quantity, subject=c.get("subject") or "", entity=entity,
        metric=c.get("metric"), qualifier=c.get("qualifier"), time=c.get("time"),
        context=c.get("context") or _context(c["text"], quantity, int(s_start)), lang=lang,
        entities=tuple(entities) if entities is not None else ((entity,) if entity else ()),
        line=int(c.get("line") or 1), entities_inferred=bool(c.get("entities_inferred", False)),
    )  # fmt: skip


def _context(sentence: str, q: Quantity, sentence_start: int) -> str:
    """The text compare embeds for a claim (the report does not carry it)."""
    from .extract import claim_context, clause_bounds

    start, end = q.start - sentence_start, q.end - sentence_start
    if not (0 <= start <= end <= len(sentence)):  # offsets from another text: best effort
        start = end = max(0, sentence.find(q.surface))
        end = start + len(q.surface) if q.surface in sentence else start
    subject = q.kind  # reports from before contexts were exported: the kind stands in
    return claim_context(sentence, clause_bounds(sentence, start, end), start, end, subject)


def _precision_rank(claim: Claim) -> tuple[float, int, str]:
    # The most precise member speaks for the group: "$46.7bn" beats "about $47bn".
    return (claim.quantity.tolerance, 0 if claim.quantity.hedge is None else 1, claim.id)


def _group_record(
    report: Report, members: Sequence[str], status: str, reviewer: str, date: str
) -> ClaimRecord:
    claims = sorted((report.claims[m] for m in members), key=_precision_rank)
    rep = claims[0]
    record = claim_to_record(
        rep, source_path=report.paths.get(rep.source_id, rep.source_id),
        status=status, reviewer=reviewer, date=date,
    )  # fmt: skip
    rest = [
        _provenance(c, report.paths.get(c.source_id, c.source_id), c.line)
        for c in sorted(claims[1:], key=lambda c: c.id)
    ]
    return dataclasses.replace(record, provenance=record.provenance + tuple(rest))


def _merge(old: ClaimRecord, new: ClaimRecord, date: str) -> ClaimRecord:
    # Re-adding a known claim only adds the new sightings; status stays a reviewer's call.
    seen = {(p.source, p.claim, p.quote) for p in old.provenance}
    extra = tuple(p for p in new.provenance if (p.source, p.claim, p.quote) not in seen)
    if not extra:
        return old
    return dataclasses.replace(old, provenance=old.provenance + extra, updated=date)


def add_from_report(
    directory: str | os.PathLike[str],
    report_json_path: str | os.PathLike[str],
    claim_ids: Sequence[str] = (),
    groups: Sequence[int] = (),
    all_groups: bool = False,
    reviewer: str = "",
    status: str = "verified",
    date: str | None = None,
    force: bool = False,
    notes: list[str] | None = None,
) -> list[str]:
    """Accept claims from a compare report; returns the record ids added or updated.

    ``groups`` are 1-based numbers in factcheck.groups.agreement_groups order (largest
    first), as the compare output numbers them; each group becomes ONE record with
    every member as provenance. A claim that is already in the database gains the new
    provenance instead of a duplicate record.

    The verified set is protected (docs/claims-db.md, "Review rules"):

    - a figure that the same report shows contradicted is added as ``disputed``, not
      ``verified`` (``force`` keeps it verified); each such change is appended to ``notes``;
    - a new verified record that contradicts a verified record already in the database
      is refused, and nothing is written (``force`` adds it; ``validate`` will then
      report the conflict).
    """
    if status not in STATUSES:
        raise DBError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    if not reviewer.strip():
        raise DBError("a reviewer name is required")
    report = load_report(report_json_path)
    selections = _select(report, claim_ids, groups, all_groups, report_json_path)
    date = date or today()
    notes = notes if notes is not None else []
    contradicted = _contradicted_in(report)
    touched: list[str] = []
    with transaction(directory) as records:
        before = set(records)
        taken = {rid: content_key(r) for rid, r in records.items()}
        for members in selections:
            against = sorted(contradicted.get(m, "") for m in members if m in contradicted)
            chosen = status
            if status == "verified" and against and not force:
                chosen = "disputed"
                notes.append(
                    f"{', '.join(members)}: added as disputed, not verified: the report shows "
                    f"it contradicted ({'; '.join(against)}); --force to verify it anyway"
                )
            new = _group_record(report, members, chosen, reviewer, date)
            key = content_key(new)
            new = dataclasses.replace(new, id=derive_id(key, taken))
            taken[new.id] = key
            records[new.id] = _merge(records[new.id], new, date) if new.id in records else new
            touched.append(new.id)
        if not force:
            _refuse_new_conflicts(directory, records, before, set(touched))
    return list(dict.fromkeys(touched))


def _contradicted_in(report: Report) -> dict[str, str]:
    """Claim id -> what it is contradicted by in this report ("s1:c3 vs s5:c2: ...")."""
    out: dict[str, str] = {}
    for pair in report.pairs:
        if pair.verdict == "contradict":
            for claim_id in (pair.a, pair.b):
                out.setdefault(claim_id, f"{pair.a} vs {pair.b}: {pair.why}")
    return out


def _refuse_new_conflicts(
    directory: str | os.PathLike[str],
    records: dict[str, ClaimRecord],
    before: set[str],
    touched: set[str],
) -> None:
    aliases = load_aliases(directory) if (Path(directory) / ALIASES_FILE).exists() else {}
    for problem in verified_contradictions(list(records.values()), aliases, {}, ""):
        new = [i for i in problem.ids if i in touched]
        old = [i for i in problem.ids if i in before and i not in touched]
        if new and old:
            raise DBError(
                f"not added: {problem.message.removeprefix('verified claims contradict: ')} "
                f"({old[0]} is already verified; review it, or add with --force)"
            )


def _select(
    report: Report, claim_ids: Sequence[str], groups: Sequence[int], all_groups: bool, path: Any
) -> list[tuple[str, ...]]:
    from .groups import agreement_groups

    found = agreement_groups(report.pairs)
    chosen = list(range(1, len(found) + 1)) if all_groups else list(groups)
    selections: list[tuple[str, ...]] = []
    for n in chosen:
        if not 1 <= n <= len(found):
            raise DBError(f"no agreement group {n} (the report has {len(found)})", path)
        selections.append(found[n - 1])
    for claim_id in claim_ids:
        if claim_id not in report.claims:
            raise DBError(f"no claim {claim_id!r} in the report", path)
        selections.append((claim_id,))
    if not selections:
        raise DBError("nothing to add: give claim ids, group numbers or all groups")
    return selections


def set_status(
    directory: str | os.PathLike[str],
    claim_id: str,
    status: str,
    reviewer: str,
    date: str | None = None,
) -> ClaimRecord:
    if status not in STATUSES:
        raise DBError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    if not reviewer.strip():
        raise DBError("a reviewer name is required")
    with transaction(directory) as records:
        if claim_id not in records:
            raise DBError(f"no claim {claim_id!r} in {Path(directory) / CLAIMS_FILE}")
        updated = dataclasses.replace(
            records[claim_id], status=status, reviewer=reviewer, updated=date or today()
        )
        records[claim_id] = updated
    return updated


# ----------------------------------------------------------------- list and show


def list_frame(db: ClaimsDB, status: str | None = None) -> pd.DataFrame:
    """One row per record, for `db list` as a table, JSON or CSV."""
    import pandas as pd

    rows = [
        {
            "id": r.id,
            "status": r.status,
            "subject": r.subject,
            "entity": r.entity,
            "metric": r.metric,
            "time": r.time,
            "value": r.quantity.value,
            "low": r.quantity.low,
            "high": r.quantity.high,
            "unit": r.quantity.unit,
            "surface": r.quantity.surface,
            "statement": r.statement,
            "sources": len(r.provenance),
            "reviewer": r.reviewer,
            "updated": r.updated,
        }  # fmt: skip
        for r in db.records
        if status is None or r.status == status
    ]
    columns = ["id", "status", "subject", "entity", "metric", "time", "value", "low", "high",
               "unit", "surface", "statement", "sources", "reviewer", "updated"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def show_frame(db: ClaimsDB, claim_id: str) -> pd.DataFrame:
    """One row per provenance entry of one record, the record's own fields repeated."""
    import pandas as pd

    record = db.get(claim_id)
    base = {k: v for k, v in record_to_dict(record).items() if k not in ("quantity", "provenance")}
    base.update({f"quantity.{k}": v for k, v in record_to_dict(record)["quantity"].items()})
    rows = []
    for p in record.provenance:
        row = dict(base)
        row.update({
            "source": p.source, "line": p.line, "quote": p.quote,
            "surface_in_source": p.surface, "source_lang": p.lang,
        })  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------- validate


def validate(directory: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in a database, each with file and line, without raising."""
    directory = Path(directory)
    problems: list[Problem] = []
    try:
        version = read_version(directory)
        if version != SCHEMA_VERSION:
            problems.append(
                Problem(
                    str(directory / META_FILE),
                    0,
                    f"schema version {version}, expected {SCHEMA_VERSION}",
                )
            )
    except DBError as exc:
        return [_problem_from(exc)]
    aliases: dict[str, str] = {}
    try:
        aliases = load_aliases(directory)
    except DBError as exc:
        problems.append(_problem_from(exc))
    records, line_of = _validate_lines(directory / CLAIMS_FILE, problems)
    problems.extend(quote_mismatches(records, line_of, str(directory / CLAIMS_FILE)))
    problems.extend(
        verified_contradictions(records, aliases, line_of, str(directory / CLAIMS_FILE))
    )
    return problems


def quote_mismatches(
    records: Sequence[ClaimRecord], line_of: dict[str, int], file: str
) -> list[Problem]:
    """Records whose figure is not what their own quote says.

    The figure is read again from the quote the record keeps (at its offsets, or by its
    surface), so a value edited by hand (5.5 -> 6.5 billion) cannot pass as reviewed."""
    from .quantities import extract_quantities

    problems = []
    for record in records:
        if not record.provenance:
            continue
        first = record.provenance[0]
        found = extract_quantities(first.quote)
        at = None
        if first.sentence_span is not None:
            offset = first.span[0] - first.sentence_span[0]
            at = next((q for q in found if q.start <= offset < q.end), None)
        if at is None:
            wanted = first.surface or record.quantity.surface
            at = next((q for q in found if wanted and wanted in q.surface), None)
        q = record.quantity
        if at is None:
            message = f"{record.id}: its quote holds no figure {q.surface!r}"
        elif at.unit != q.unit or not _same_value(at.value, q.value):
            message = (
                f"{record.id}: the record says {q.value:g} {q.unit} ({q.surface!r}) but its "
                f"quote says {at.surface!r} = {at.value:g} {at.unit}"
                if at.value is not None and q.value is not None
                else f"{record.id}: the figure {q.surface!r} is not its quote's {at.surface!r}"
            )
        else:
            continue
        problems.append(Problem(file, line_of.get(record.id, 0), message, ids=(record.id,)))
    return problems


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _validate_lines(
    path: Path, problems: list[Problem]
) -> tuple[list[ClaimRecord], dict[str, int]]:
    records: list[ClaimRecord] = []
    line_of: dict[str, int] = {}
    if not path.exists():
        problems.append(Problem(str(path), 0, "missing"))
        return records, line_of
    previous = ""
    try:
        lines = list(_iter_lines(path))
    except DBError as exc:
        problems.append(_problem_from(exc))
        return records, line_of
    for number, text in lines:
        try:
            record = _parse_line(path, number, text)
        except DBError as exc:
            problems.append(_problem_from(exc))
            continue
        if record.id in line_of:
            problems.append(
                Problem(
                    str(path),
                    number,
                    f"duplicate id {record.id} (first on line {line_of[record.id]})",
                )
            )
            continue
        if record.id < previous:
            problems.append(
                Problem(
                    str(path),
                    number,
                    f"records are not sorted by id ({record.id} after {previous})",
                )
            )
        previous = max(previous, record.id)
        line_of[record.id] = number
        records.append(record)
    return records, line_of


def verified_contradictions(
    records: Sequence[ClaimRecord], aliases: dict[str, str], line_of: dict[str, int], file: str
) -> list[Problem]:
    """Verified records that judge_pair says contradict each other.

    Only records about the same (entity or subject, metric, kind) are compared, so the
    work grows with the size of those buckets rather than with all pairs. The score
    passed to judge_pair is 1.0: sharing entity and metric is stronger evidence of
    talking about the same thing than any embedding similarity.
    """
    from .verdict import judge_pair

    buckets: dict[tuple[str, str, str], list[ClaimRecord]] = {}
    for r in records:
        if r.status == "verified":
            who = canonical_entity(r.entity, aliases) or " ".join(r.subject.casefold().split())
            buckets.setdefault(
                (who.casefold(), (r.metric or "").casefold(), r.quantity.kind), []
            ).append(r)
    problems = []
    for bucket in buckets.values():
        claims = [_claim_for_judging(r, aliases) for r in bucket]
        for i in range(len(bucket)):
            for j in range(i + 1, len(bucket)):
                verdict = judge_pair(claims[i], claims[j], 1.0)
                if verdict is not None and verdict.verdict == "contradict":
                    a, b = bucket[i], bucket[j]
                    problems.append(Problem(file, line_of.get(a.id, 0), (
                        f"verified claims contradict: {a.id} ({a.quantity.surface}) vs {b.id} "
                        f"({b.quantity.surface}, line {line_of.get(b.id, '?')}): {verdict.why}"
                    ), ids=(a.id, b.id)))  # fmt: skip
    return problems


def _claim_for_judging(record: ClaimRecord, aliases: dict[str, str]) -> Claim:
    # Each record is its own "source" so judge_pair never skips a pair as same-source.
    claim = record_to_claim(record)
    return dataclasses.replace(
        claim, source_id=f"{DB_SOURCE}:{record.id}", entity=canonical_entity(claim.entity, aliases)
    )
