"""Read input files into ``Source`` records: detect the encoding, extract HTML, normalise.

All normalisation (newlines, NFC, HTML extraction) happens here, once, so every later
offset indexes the final ``Source.text``.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.model import InputProblem, Source

if TYPE_CHECKING:  # selectolax is imported lazily, only for HTML input
    from selectolax.lexbor import LexborHTMLParser, LexborNode

# The default largest input, in bytes (compare --max-size, in MiB, changes it).
MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
TITLE_MAX = 120
DOMINANT_SHARE = 0.7
# Average cost per character above which a decoding is garbage (see _char_cost).
MAX_COST = 1.0
ORDINARY = 0.3  # a character costing at most this is unremarkable
MIN_ORDINARY = 0.6  # share of unremarkable characters a real text has at least
CLEAR_WIN = 0.02  # average cost of a decoding that may override valid UTF-8
SHORT_NON_ASCII = 32  # valid UTF-8 with fewer non-ASCII chars than this is checked again


def _words(block: str) -> list[str]:
    """Whitespace-separated entries of a data block (keeps the tables compact)."""
    return block.split()


class IngestError(Exception):
    """An input that cannot become a Source; the message is one line, without the path."""


# ---------------------------------------------------------------- public API


def read_source(path: str, source_id: str, max_bytes: int = MAX_BYTES) -> Source:
    """Read a file ("-" for stdin) into a Source."""
    return read_bytes(_read_raw(path, max_bytes), path, source_id, max_bytes)


def _too_large(size: int, max_bytes: int) -> IngestError:
    return IngestError(
        f"file too large ({size:,} bytes; the limit is {max_bytes / 2**20:g} MiB, "
        "raise it with --max-size)"
    )


def read_bytes(data: bytes, path: str, source_id: str, max_bytes: int = MAX_BYTES) -> Source:
    """Decode, extract and normalise ``data``; ``path`` decides HTML by extension."""
    if not data.strip():
        raise IngestError("empty file")
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    text, encoding = decode(data)
    title: str | None
    # Normalise once, after extraction: entities can produce "\r" or decomposed accents.
    if _looks_html(path, text):
        text, title = extract_html(text)
        text = normalise(text)
    else:
        text = normalise(text)
        title = _plain_title(text)
    if not text.strip():
        raise IngestError("no text found")
    return Source(source_id, path, text, encoding, dominant_lang(text), title)


def iter_source_paths(args: Sequence[str]) -> tuple[list[str], list[InputProblem]]:
    """Expand directories (recursively, sorted, text-like files only, no hidden entries)."""
    paths: list[str] = []
    problems: list[InputProblem] = []
    for arg in args:
        if arg == "-" or os.path.isfile(arg):
            paths.append(arg)
        elif os.path.isdir(arg):
            found = _walk(arg)
            if not found:
                problems.append(InputProblem(arg, "no .txt/.md/.html/.htm files in directory"))
            paths.extend(found)
        elif os.path.lexists(arg):
            paths.append(arg)  # a broken link or special file: let read_source say why
        else:
            problems.append(InputProblem(arg, "no such file or directory"))
    return paths, problems


def load_sources(
    args: Sequence[str], max_bytes: int = MAX_BYTES
) -> tuple[list[Source], list[InputProblem]]:
    """Load every readable input; each bad one becomes an InputProblem. Ids s1, s2, ..."""
    paths, problems = iter_source_paths(args)
    sources: list[Source] = []
    for path in paths:
        try:
            sources.append(read_source(path, f"s{len(sources) + 1}", max_bytes))
        except IngestError as err:
            problems.append(InputProblem(path, str(err)))
    return sources, problems


# ---------------------------------------------------------------- reading


def _walk(root: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                found.append(os.path.join(dirpath, name))
    return found


def _read_raw(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    try:
        if path == "-":
            data: bytes = sys.stdin.buffer.read(max_bytes + 1)
        else:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise _too_large(size, max_bytes)
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except FileNotFoundError:
        raise IngestError("no such file or directory") from None
    except OSError as err:
        raise IngestError(f"cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


# ---------------------------------------------------------------- decoding

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
# Tried when the bytes are not UTF-8; order breaks ties.
_CANDIDATES = ("gb18030", "big5", "cp950", "big5hkscs", "utf-16-le", "utf-16-be", "cp1252")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). BOM, then strict UTF-8, then the most plausible."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError:
                raise IngestError(f"cannot decode as {name} despite its byte-order mark") from None
    has_nul = b"\x00" in data
    if not has_nul:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            # a file cut inside its last character (a truncated download, a copy that ran
            # out of space) is still UTF-8: keep everything, mark the broken character
            if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
                return data[: error.start].decode("utf-8") + "\ufffd", "utf-8"
        else:
            if not _suspicious_utf8(text):
                return text, "utf-8"
            # Only a decoding made wholly of ordinary characters beats valid UTF-8.
            other = _best_decoding(data)
            if other and other[2] <= CLEAR_WIN and other[2] < _text_cost(text):
                return other[0], other[1]
            if _control_share(text) == 0:
                return text, "utf-8"
    best = _best_decoding(data)
    if best is None:
        raise IngestError("binary file" if has_nul else "cannot decode text (unknown encoding)")
    text, name, cost = best
    if _control_share(text) > 0.1 or (has_nul and "\x00" in text):
        raise IngestError("binary file")
    if cost > MAX_COST or _ordinary_share(text) < MIN_ORDINARY:
        raise IngestError("binary file" if has_nul else "cannot decode text (unknown encoding)")
    return text, name


def _suspicious_utf8(text: str) -> bool:
    """Valid UTF-8 that may be a short GBK/Big5/UTF-16 text by accident ("芯片" in GBK)."""
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return True
    wide = [ch for ch in text if ord(ch) >= 0x80]
    # Long runs of valid multi-byte UTF-8 do not happen by accident.
    return 0 < len(wide) <= SHORT_NON_ASCII and _text_cost("".join(wide)) >= ORDINARY


def _best_decoding(data: bytes) -> tuple[str, str, float] | None:
    """Among strict decodings, the one whose characters look most like real text."""
    names = ["utf-8"] + [c for c in _CANDIDATES if not c.startswith("utf-16") or len(data) % 2 == 0]
    guess = _charset_normalizer_guess(data)
    if guess and guess not in names:
        names.append(guess)
    best: tuple[str, str, float] | None = None
    for name in names:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        cost = _text_cost(text)
        if best is None or cost < best[2]:
            best = (text, _canonical_name(name), cost)
    return best


def _charset_normalizer_guess(data: bytes) -> str | None:
    import charset_normalizer  # slow to import; only needed for non-UTF-8 input

    match = charset_normalizer.from_bytes(data[:200_000]).best()
    return match.encoding if match else None


def _canonical_name(name: str) -> str:
    name = name.lower().replace("_", "-")
    return {"utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}.get(name, name)


def _text_cost(text: str) -> float:
    if not text:
        return 0.0
    return sum(_char_cost(ch) for ch in text) / len(text)


# Signs that news and reference text write figures with. Without them, the one "²" of a
# short UTF-8 file ("12,000 m²") was taken for GB18030 ("m虏"), a common Han character.
_TYPOGRAPHIC = frozenset("°²³¹±×÷µ·€£¥¢©®™½¼¾§¶−℃℉‰")


@lru_cache(maxsize=65536)
def _char_cost(ch: str) -> float:
    """How implausible one character is in a news text (<= ORDINARY: unremarkable)."""
    o = ord(ch)
    if o < 0x80:
        return 0.0 if (ch.isprintable() or ch in "\t\n\r\f") else 5.0
    if 0x4E00 <= o <= 0x9FFF:
        return 0.0 if ch in _common_han() else 1.0
    cat = unicodedata.category(ch)
    if ch == "\ufffd" or cat in ("Co", "Cn", "Cs", "Cc"):
        return 5.0  # replacement, private use, unassigned, surrogate, control
    if 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF or 0xF900 <= o <= 0xFAFF:
        return 2.0  # extension / compatibility ideographs: real text hardly uses them
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
        return 0.0  # CJK and general punctuation, full-width forms
    if ch in _TYPOGRAPHIC or cat == "Sc":
        # "3,776 m²", "40 °C", "€12", "½", and every currency sign ("₹1,200 crore" was
        # taken for Shift JIS): the signs figures are written with
        return 0.0
    if cat in ("Mn", "Me"):
        return 1.0  # a combining mark in non-UTF-8 bytes is nearly always misdecoding
    if cat.startswith("L"):
        if o <= 0xFF:
            return 0.1  # accented Latin
        # Latin extended, Greek, Cyrillic, kana, Hangul: real, but a misdecoding's favourites
        return 0.3 if o < 0x2000 or 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7A3 else 0.5
    return 0.5  # symbols, box drawing, presentation forms


def _ordinary_share(text: str) -> float:
    ordinary = sum(1 for ch in text if _char_cost(ch) <= ORDINARY)
    return ordinary / max(len(text), 1)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """Level-1 GB2312 (3,755 commonest simplified) and Big5 (5,401 commonest traditional)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            _add_decoded(chars, bytes((lead, trail)), "gb2312")
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            _add_decoded(chars, bytes((lead, trail)), "big5")
    return frozenset(chars)


def _add_decoded(chars: set[str], raw: bytes, codec: str) -> None:
    with contextlib.suppress(UnicodeDecodeError):
        chars.add(raw.decode(codec))


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


# ---------------------------------------------------------------- normalising

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalise(text: str) -> str:
    """Newlines to "\\n" and NFC; never NFKC (full-width digits/％ stay for the parser)."""
    text = _NEWLINES.sub("\n", text)
    text = text.lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def _plain_title(text: str) -> str | None:
    """The first line that is not page furniture ("Advertisement"), if short enough."""
    from factcheck.segment import is_boilerplate

    for line in text.split("\n"):
        line = line.strip()
        if line and not is_boilerplate(line):
            return line if len(line) < TITLE_MAX else None
    return None


def dominant_lang(text: str) -> str:
    """en / zh-Hans / zh-Hant when one has >= 70% of the letters, else "mixed"."""
    from factcheck.segment import letter_weight, split_sentences

    weights: dict[str, int] = {}
    for sentence in split_sentences(text):
        if sentence.lang != "other":
            weights[sentence.lang] = weights.get(sentence.lang, 0) + letter_weight(sentence.text)
    total = sum(weights.values())
    if not total:
        return "mixed"
    lang, weight = max(weights.items(), key=lambda kv: kv[1])
    return lang if weight >= DOMINANT_SHARE * total else "mixed"


# ---------------------------------------------------------------- HTML

_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_DROP_TAGS = _words(
    """
    script style noscript nav header footer aside form iframe svg template button select
    object embed canvas head
    """
)
_BLOCK_TAGS = frozenset(
    _words(
        """
    address article blockquote dd details div dl dt fieldset figcaption figure h1 h2 h3 h4 h5
    h6 hr li main ol p pre section summary table tbody thead tfoot tr ul caption center
    """
    )
)
_CELL_TAGS = frozenset({"td", "th"})
# class/id words of page furniture; matched per "-"/"_"-separated part of a class name.
_JUNK_PART = re.compile(
    r"^(?:ads?|adv|advert\w*|adsbygoogle|adslot|sponsor\w*|promo\w*|banner|cookies?|consent|gdpr|"
    r"share\w*|sharing|social|newsletter\w*|subscri\w*|signup|related|recommend\w*|"
    r"comments?|disqus|outbrain|taboola|popup|modal|breadcrumbs?|sidebar|widget|paywall|"
    r"toolbar|menu|pagination|copyright|disclaimer)$"
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES = re.compile(r"[ \t\f\v\xa0]+")
_HAN = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{_HAN}]) (?=[{_HAN}])")
_BLANK_LINES = re.compile(r"\n{3,}")


def _looks_html(path: str, text: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:2048]))


def extract_html(html: str) -> tuple[str, str | None]:
    """Main text of a page (paragraphs separated by blank lines) and its title."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title = _html_title(tree)
    _remove_all(tree.css(", ".join(_DROP_TAGS)))
    root = _main_node(tree)
    if root is None:
        return "", title
    _remove_all(_junk_nodes(root))
    return _render(root), title


def _html_title(tree: LexborHTMLParser) -> str | None:
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        if node is not None:
            text = _SPACES.sub(" ", node.text(separator=" ")).strip()
            if text:
                return text
    return None


def _main_node(tree: LexborHTMLParser) -> LexborNode | None:
    """The largest <article>/<main> when it holds a good part of the page, else <body>."""
    body = tree.body or tree.root
    if body is None:
        return None
    body_len = len(body.text(strip=True))
    best, best_len = None, 0
    for node in tree.css("article, main, [role=main]"):
        n = len(node.text(strip=True))
        if n > best_len:
            best, best_len = node, n
    if best is not None and (best_len >= 200 or best_len >= 0.3 * body_len):
        return best
    return body


def _junk_nodes(root: LexborNode) -> list[LexborNode]:
    total = len(root.text(strip=True)) or 1
    junk = []
    for node in root.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        parts = re.split(r"[\s_-]+", names.lower())
        # A wrapper holding most of the text is content with an unlucky class name.
        if any(_JUNK_PART.match(p) for p in parts if p) and (
            len(node.text(strip=True)) < 0.5 * total
        ):
            junk.append(node)
    return junk


def _remove_all(nodes: list[LexborNode]) -> None:
    """Remove nodes, skipping those inside another removed node (already freed with it)."""
    ids = {n.mem_id for n in nodes}
    outermost = [n for n in nodes if not _has_ancestor_in(n, ids)]
    for node in outermost:
        node.decompose()


def _has_ancestor_in(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def _render(root: LexborNode) -> str:
    """Text of ``root``: block elements become paragraph breaks, <br> a newline."""
    out: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # explicit stack: deeply nested pages would overflow recursion
        node, closing = stack.pop()
        tag = node.tag or ""
        if closing:
            out.append("\n\n" if tag in _BLOCK_TAGS else " ")
        elif tag == "-text":
            # HTML collapses source whitespace; only <br> and blocks break lines.
            out.append(_HTML_SPACE.sub(" ", node.text_content or ""))
        elif tag == "br":
            out.append("\n")
        elif not tag.startswith("-"):
            if tag in _BLOCK_TAGS:
                out.append("\n\n")
            if tag in _BLOCK_TAGS or tag in _CELL_TAGS:
                stack.append((node, True))
            stack.extend((c, False) for c in reversed(_children(node)))
    return _tidy("".join(out))


def _children(node: LexborNode) -> list[LexborNode]:
    children = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _SPACE_BETWEEN_HAN.sub("", text)  # source line breaks inside Chinese prose
    return _BLANK_LINES.sub("\n\n", text).strip()
