"""Reading sources: encodings, HTML extraction, errors, directory expansion."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from factcheck.ingest import IngestError, iter_source_paths, load_sources, read_bytes, read_source
from factcheck.segment import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "h20"

LONG_TRAD = "某晶片廠第一季營收年增15%，達到新臺幣820億元。\n董事長表示，下半年訂單能見度良好。\n"
LONG_SIMP = "某芯片厂第一季度营收同比增长15%，达到820亿元。\n董事长表示，下半年订单能见度良好。\n"
SHORT = ["中文", "你好", "晶片", "台積電", "营收增长", "股價下跌4%"]


def _encodable(encoding: str, text: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# Big5 has no Simplified-only characters: those pairs are left out, not skipped.
@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (text, encoding)
        for text in (LONG_TRAD, LONG_SIMP, *SHORT)
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "big5")
        if _encodable(encoding, text)
    ],
)
def test_round_trip_every_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    source = read_source(str(path), "s1")
    assert source.text == text.rstrip("\n") or source.text == text
    assert source.path == str(path) and source.id == "s1"


def test_utf16_le_with_bom_and_encoding_names(tmp_path: Path) -> None:
    path = tmp_path / "le.txt"
    path.write_bytes(b"\xff\xfe" + LONG_TRAD.encode("utf-16-le"))
    assert read_source(str(path), "s1").encoding == "utf-16"
    assert read_bytes(LONG_SIMP.encode("gb18030"), "x.txt", "s1").encoding == "gb18030"
    assert read_bytes(LONG_TRAD.encode("big5"), "x.txt", "s1").encoding == "big5"
    assert read_bytes(LONG_SIMP.encode("utf-8-sig"), "x.txt", "s1").encoding == "utf-8-sig"


def test_short_gbk_that_is_valid_utf8_is_still_gbk() -> None:
    # "芯片" in GBK is D0BE C6AC: valid UTF-8 for two unrelated letters.
    source = read_bytes("芯片".encode("gb18030"), "x.txt", "s1")
    assert (source.text, source.encoding) == ("芯片", "gb18030")


def test_newlines_and_nfc_applied_once() -> None:
    data = "Cafe\u0301 line one.\r\nline two.\rline three.".encode()
    source = read_bytes(data, "x.txt", "s1")
    assert source.text == "Caf\u00e9 line one.\nline two.\nline three."
    # Full-width signs survive (no NFKC): the quantity parser reads them.
    assert read_bytes("增長１５％".encode(), "x.txt", "s1").text == "增長１５％"


def test_plain_title_and_lang() -> None:
    source = read_bytes(b"Chip sales jump\n\nChip sales rose 9% in May.", "a.txt", "s1")
    assert source.title == "Chip sales jump"
    assert source.lang == "en"
    long_first = ("word " * 40).encode()
    assert read_bytes(long_first, "a.txt", "s1").title is None
    assert read_bytes(LONG_TRAD.encode(), "a.txt", "s1").lang == "zh-Hant"
    assert read_bytes(LONG_SIMP.encode(), "a.txt", "s1").lang == "zh-Hans"
    mixed = ("Revenue rose 15% this year as demand held up well.\n" + LONG_TRAD).encode()
    assert read_bytes(mixed, "a.txt", "s1").lang == "mixed"


HTML = """<!DOCTYPE html>
<html><head><title>Chip maker &amp; its outlook</title>
<style>body { color: red }</style><script>var ad = "Buy now!";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<header>Site banner</header>
<div class="ad-slot">Sponsored: cheap GPUs</div>
<article class="story">
  <h1>Chip maker lifts outlook</h1>
  <p>Revenue rose 12%&nbsp;to $4.1&nbsp;billion in the quarter.<br>Margins held at 61%.</p>
  <div class="share-bar">Share on X</div>
  <p>Analysts called it &ldquo;solid&rdquo;. The stock rose 3% &mdash; a record.</p>
  <p>該公司股價
  上漲3%。</p>
  <section id="comments"><p>Great article!</p></section>
  <div class="newsletter-signup">Subscribe to our newsletter</div>
</article>
<aside>Related: other stories</aside>
<div id="cookie-banner">We use cookies.</div>
<footer>Copyright 2025</footer>
</body></html>
"""


def test_html_main_text_extraction() -> None:
    source = read_bytes(HTML.encode(), "page.html", "s1")
    assert source.title == "Chip maker & its outlook"
    assert source.text == (
        "Chip maker lifts outlook\n\n"
        "Revenue rose 12% to $4.1 billion in the quarter.\nMargins held at 61%.\n\n"
        "Analysts called it \u201csolid\u201d. The stock rose 3% \u2014 a record.\n\n"
        "該公司股價上漲3%。"
    )
    for noise in ("Buy now", "Home", "Sponsored", "Share on", "Great article", "Subscribe",
                  "Related", "cookies", "Copyright", "Site banner", "color"):  # fmt: skip
        assert noise not in source.text


def test_html_sniffed_without_extension_and_title_from_h1() -> None:
    html = "<html><body><div><h1>Headline</h1><p>Body text here.</p></div></body></html>"
    source = read_bytes(html.encode(), "page.txt", "s1")
    assert source.text == "Headline\n\nBody text here."
    assert source.title == "Headline"


def test_html_in_big5_is_decoded_then_extracted() -> None:
    html = "<html><head><title>標題</title></head><body><p>營收年增15%。</p></body></html>"
    source = read_bytes(html.encode("big5"), "page.htm", "s1")
    assert (source.text, source.title, source.encoding) == ("營收年增15%。", "標題", "big5")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(200)), "binary file"),
        (b"\x80\x81\x8d\x8f\x90\x9d" * 5, "cannot decode text (unknown encoding)"),
    ],
)
def test_bad_bytes_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as err:
        read_bytes(data, "x.txt", "s1")
    assert str(err.value) == message
    assert "\n" not in str(err.value)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    with pytest.raises(IngestError, match="too large"):
        read_source(str(path), "s1", max_bytes=100)
    assert read_source(str(path), "s1").text == "a" * 101  # the default limit is 20 MiB


def test_directory_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(IngestError, match="^is a directory$"):
        read_source(str(tmp_path), "s1")
    locked = tmp_path / "locked.txt"
    locked.write_text("hello")
    # CI runs as root, where chmod 0 does not stop reads: make open() refuse instead.
    real_open = open

    def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(IngestError, match="^permission denied$"):
        read_source(str(locked), "s1")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(LONG_SIMP.encode("gb18030")))
    monkeypatch.setattr(sys, "stdin", fake)
    source = read_source("-", "s1")
    assert source.text == LONG_SIMP.rstrip("\n") or source.text == LONG_SIMP
    assert source.path == "-" and source.encoding == "gb18030"


def test_iter_source_paths_expands_directories(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.md", "a.txt", "c.html", "d.htm", "skip.pdf", ".secret.txt", ".hidden/x.txt"):
        (tmp_path / name).write_text("x")
    paths, problems = iter_source_paths([str(tmp_path), "-", str(tmp_path / "missing.txt")])
    names = [os.path.relpath(p, tmp_path) if p != "-" else p for p in paths]
    assert names == ["a.txt", "c.html", "d.htm", os.path.join("b", "2.md"), "-"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'missing.txt'}: no such file or directory"]


def test_load_sources_keeps_going(tmp_path: Path) -> None:
    good1 = tmp_path / "1.txt"
    good1.write_bytes(LONG_TRAD.encode("big5"))
    empty = tmp_path / "2.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "3.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    garbled = tmp_path / "4.txt"
    garbled.write_bytes(b"\x80\x81\x8d\x8f\x90\x9d" * 5)
    good2 = tmp_path / "5.txt"
    good2.write_bytes(LONG_SIMP.encode("gb18030"))
    args = [str(good1), str(empty), str(binary), str(garbled), str(tmp_path / "nope"), str(good2)]
    sources, problems = load_sources(args)
    assert [(s.id, s.path) for s in sources] == [("s1", str(good1)), ("s2", str(good2))]
    assert sorted(str(p) for p in problems) == sorted(
        [
            f"{empty}: empty file",
            f"{binary}: binary file",
            f"{garbled}: cannot decode text (unknown encoding)",
            f"{tmp_path / 'nope'}: no such file or directory",
        ]
    )
    assert all("\n" not in p.message for p in problems)


def test_corpus_files_decode_and_split() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found: {CORPUS} (needs the ../shared folder next to the repo)")
    sources, problems = load_sources([str(CORPUS)])
    assert not problems
    assert len(sources) == len(list(CORPUS.glob("*.txt"))) >= 5
    for source in sources:
        assert source.encoding == "utf-8"
        sentences = split_sentences(source.text)
        assert len(sentences) > 10
        assert all(source.text[s.start : s.end] == s.text for s in sentences)
    by_name = {Path(s.path).name[:3]: s for s in sources}
    assert by_name["000"].lang == "en"
    assert by_name["004"].lang == "zh-Hans"
    assert by_name["002"].lang == "zh-Hant"


def test_a_short_utf8_file_with_a_superscript_stays_utf8(tmp_path: Path) -> None:
    # "m²" in UTF-8 is two bytes that GB18030 reads as "m虏", a common Han character
    path = tmp_path / "a.txt"
    path.write_bytes("The hall covers 2,400 m² and costs €18 to enter.\n".encode())
    source = read_source(str(path), "s1")
    assert (source.encoding, source.text) == ("utf-8", path.read_text("utf-8"))


@pytest.mark.parametrize("sign", ["₹", "₩", "₽", "₺", "₦", "₱", "₫", "฿"])
def test_a_short_utf8_file_with_a_currency_sign_stays_utf8(tmp_path: Path, sign: str) -> None:
    # "It costs ₹1,200." was taken for Shift JIS ("竄ｹ1,200"), and the rupees were lost
    path = tmp_path / "a.txt"
    path.write_bytes(f"It costs {sign}1,200.\n".encode())
    source = read_source(str(path), "s1")
    assert (source.encoding, source.text) == ("utf-8", path.read_text("utf-8"))
