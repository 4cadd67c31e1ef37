"""The HTML report in a real browser: Debian's headless Chromium driven by Selenium.

What the HTML tests in test_report.py cannot see: that the page's own script runs under
its Content-Security-Policy (a hash mismatch is a console error), that the counts, the
filters, the shareable URL fragment and the links between cards and the source view
work, and that a hostile source runs no script at all. It also takes the screenshots
the README and docs/report.md show: into a temporary folder on every run, so that a test
run leaves the work tree as it found it, and into ``reports/`` when asked to
(``FACTCHECK_SCREENSHOTS=reports pytest tests/test_browser.py -k screenshots``).

Chromium and its driver come from Debian (``apt-get install chromium chromium-driver``,
which ``.ci/run`` does); Selenium is pointed at them explicitly, so Selenium Manager
never downloads a browser or driver. Missing binaries fail the test: they are not
optional in CI.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.groups import agreement_groups
from factcheck.model import CompareResult, PairVerdict
from factcheck.output import counts as result_counts
from factcheck.pipeline import compare_paths
from factcheck.report import write_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# --------------------------------------------------------------------------- driver


def _missing() -> list[str]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package (pip install -e '.[dev]')")
    return missing


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    missing = _missing()
    if missing:
        pytest.fail(
            "browser tests need Debian's Chromium and chromedriver and Selenium; missing: "
            + ", ".join(missing)
            + ". Install with: apt-get install -y chromium chromium-driver",
            pytrace=False,
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # an explicit driver path: Selenium Manager is never asked to download anything
    service = Service(CHROMEDRIVER)
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


# --------------------------------------------------------------------------- helpers


def _open(driver: Any, path: Path, fragment: str = "") -> None:
    driver.get(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    driver.get_log("browser")  # start each page with an empty console (see _severe)


def _severe(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _visible_cards(driver: Any) -> list[dict[str, str]]:
    return list(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('article.card:not([hidden])'))"
            ".map(c => ({id: c.id, verdict: c.dataset.verdict, langs: c.dataset.langs}));"
        )
    )


def _text(driver: Any, css: str) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.CSS_SELECTOR, css).text).strip()


def _in_viewport(driver: Any, element: Any) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;",
            element,
        )
    )


def _expected_counts(result: CompareResult) -> dict[str, int]:
    """What the report should show, computed from the comparison, not from the report."""
    contra = agreement_groups(
        PairVerdict(p.a, p.b, "agree", p.score, p.why)
        for p in result.pairs
        if p.verdict == "contradict"
    )
    return {
        "contradict": len(contra),
        "agree": len(agreement_groups(result.pairs)),
        "unclear": sum(p.verdict == "unclear" for p in result.pairs),
        "single": result_counts(result)["single"],
    }


def _screenshot(driver: Any, path: Path, width: int, *, mobile: bool, max_height: int) -> None:
    """A PNG of the page at ``width`` CSS pixels, full length up to ``max_height``."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile},
    )
    try:
        height = int(driver.execute_script("return document.documentElement.scrollHeight;"))
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, max_height), "scale": 1}
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(base64.b64decode(shot["data"]))
    os.replace(tmp, path)


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[CompareResult, Path]:
    result = compare_paths([], model="fake", pairing="rules")  # a contradiction to show
    path = tmp_path_factory.mktemp("report") / "example.html"
    write_html(result, path, title="H20 example corpus")
    return result, path


def test_example_report_in_browser(driver: Any, example: tuple[CompareResult, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    result, path = example
    _open(driver, path)
    expected = _expected_counts(result)
    total = sum(expected.values())
    assert expected["contradict"] > 0 and expected["agree"] > 0  # the corpus has both

    # the script ran (CSP hash matches) and the counts shown are the comparison's
    assert driver.execute_script("return document.documentElement.classList.contains('js')")
    for key, n in expected.items():
        assert _text(driver, f"#count-{key}") == str(n), key
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.card")) == total
    assert len(_visible_cards(driver)) == total
    assert _text(driver, "#visible-count") == f"Showing all {total} findings"
    assert driver.find_element(By.ID, "filters").is_displayed()

    # a filter changes the visible cards, the live count and the URL fragment
    Select(driver.find_element(By.ID, "filter-verdict")).select_by_value("contradict")
    shown = _visible_cards(driver)
    assert len(shown) == expected["contradict"] < total
    assert {c["verdict"] for c in shown} == {"contradict"}
    assert _text(driver, "#visible-count") == f"Showing {len(shown)} of {total} findings"
    assert driver.execute_script("return location.hash") == "#verdict=contradict"
    assert (
        driver.find_element(By.ID, "sec-agree")
        .find_elements(By.CSS_SELECTOR, ".filter-empty")[0]
        .is_displayed()
    )

    # follow a figure link from a contradiction card into the source view ...
    card = driver.find_element(By.CSS_SELECTOR, "article.card[data-verdict='contradict']")
    link = card.find_element(By.CSS_SELECTOR, "a.to-fig")
    fig_id = str(link.get_attribute("href")).rsplit("#", 1)[1]
    claim_id = card.find_element(By.CSS_SELECTOR, "figure.quote").get_attribute("data-claim")
    link.click()
    fig = driver.find_element(By.ID, fig_id)
    assert "is-target" in str(fig.get_attribute("class"))
    assert fig.find_element(By.XPATH, "ancestor::section[@class='source-text']").is_displayed()
    assert _in_viewport(driver, fig)
    assert driver.execute_script(
        "return document.activeElement.closest('mark') === arguments[0]", fig
    )
    quoted = str(card.find_element(By.CSS_SELECTOR, "figure.quote mark").text)
    assert fig.text == quoted, (claim_id, fig.text, quoted)
    # ... without losing the filter in the shareable link
    assert driver.execute_script("return location.hash") == "#verdict=contradict"

    # and back from the figure to its card
    fig.find_element(By.TAG_NAME, "a").click()
    assert "is-target" in str(card.get_attribute("class"))
    assert _in_viewport(driver, card)
    assert driver.execute_script("return document.activeElement") == card

    # clearing the filters restores everything and empties the fragment
    driver.find_element(By.ID, "filter-reset").click()
    assert len(_visible_cards(driver)) == total
    assert driver.execute_script("return location.hash") == ""

    # a shared link restores its filters on load
    _open(driver, path, "verdict=agree&lang=zh-Hant")
    assert (
        Select(driver.find_element(By.ID, "filter-verdict")).first_selected_option.get_attribute(
            "value"
        )
        == "agree"
    )
    shown = _visible_cards(driver)
    assert shown and all(c["verdict"] == "agree" and "zh-Hant" in c["langs"] for c in shown)
    assert len(shown) < expected["agree"] + 1

    # searching narrows the cards too
    _open(driver, path)
    box = driver.find_element(By.ID, "filter-q")
    box.send_keys("H20")
    n_search = len(_visible_cards(driver))
    assert 0 < n_search < total
    assert driver.execute_script("return location.hash") == "#q=H20"

    assert _severe(driver) == []


@pytest.mark.model
def test_screenshots_of_example_report(driver: Any, tmp_path: Path) -> None:
    """The README's pictures, made with the default model, on every run."""
    result = compare_paths([])
    path = tmp_path / "example.html"
    write_html(result, path, title="H20 example corpus")
    _open(driver, path)
    expected = _expected_counts(result)
    for key, n in expected.items():
        assert _text(driver, f"#count-{key}") == str(n), key
    out = Path(os.environ.get("FACTCHECK_SCREENSHOTS") or tmp_path)
    _screenshot(driver, out / "example.png", 1280, mobile=False, max_height=2400)
    _screenshot(driver, out / "example-phone.png", 390, mobile=True, max_height=2400)
    for name, width in (("example.png", 1280), ("example-phone.png", 390)):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width  # IHDR width
    assert _severe(driver) == []


HOSTILE = (
    "Hostile wire <script>window.__pwned=1</script> said Nvidia H20 revenue was "
    "$4.5 billion in 2025.\n"
    'Tom &amp; Jerry <img src=x onerror="window.__pwned=2"> reported H20 memory of 96GB.\n'
    "\u202eThe charge was $5.5 billion, \x07\x1b[31m a ledger said\x0b.\n"
    '<svg onload="window.__pwned=4"></svg> Nvidia said its China share was 13%.\n'
)


def test_hostile_source_runs_no_script(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # a hostile file name too: it is shown as the source's path and label
    hostile = corpus / '<img src=x onerror="window.__pwned=3">.txt'
    hostile.write_text(HOSTILE, encoding="utf-8")
    wire = corpus / "wire.txt"
    wire.write_text(
        "Nvidia H20 revenue was $4.5 billion in 2025. H20 memory is 96GB.\n"
        "Nvidia took a $5.5 billion charge. China share was 13%.\n",
        encoding="utf-8",
    )
    # an unreadable (binary) input with a hostile name: listed among the problems
    binary = corpus / "<svg onload=window.__pwned=8>.txt"
    binary.write_bytes(b"\x00\x01\x02 $1 billion \x00" * 50)
    result = compare_paths([str(hostile), str(wire), str(binary)], model="fake")
    assert [Path(p.path).name for p in result.problems] == [binary.name]
    (bad,) = [s for s in result.sources if s.path == str(hostile)]
    assert sum(c.source_id == bad.id for c in result.claims) >= 3
    path = tmp_path / "hostile.html"
    write_html(result, path, title="<script>window.__pwned=5</script> report")
    _open(driver, path)

    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # the only script is ours; no element the source tried to smuggle in
    assert len(driver.find_elements(By.TAG_NAME, "script")) == 1
    assert driver.find_elements(By.CSS_SELECTOR, "img, svg [onload], [onerror], [onload]") == []
    assert (
        driver.execute_script(
            "return Array.from(document.querySelectorAll('*')).flatMap(e =>"
            " Array.from(e.attributes).map(a => a.name)).filter(n => n.startsWith('on'))"
        )
        == []
    )
    # and the text is shown, readable, with the invisible characters made visible
    body = str(driver.execute_script("return document.body.textContent"))
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=2">' in body
    assert "Tom &amp; Jerry" in body
    assert "[U+202E]The charge was" in body
    assert "[BEL][ESC][31m" in body and "[VT]" in body
    assert "<svg onload=window.__pwned=8>.txt" in body  # the problem list
    quotes = driver.execute_script(
        "return Array.from(document.querySelectorAll('article.card .quote-text'))"
        ".map(q => q.textContent)"
    )
    assert any("<script>window.__pwned=1</script>" in q for q in quotes)
    assert "\u202e" not in body and "\x1b" not in body
    assert "<script>window.__pwned=5</script> report" in driver.title
    # clicking around and filtering with hostile text runs nothing either
    box = driver.find_element(By.ID, "filter-q")
    box.send_keys("<img src=x onerror=window.__pwned=6>")
    driver.find_element(By.ID, "filter-reset").click()
    for link in driver.find_elements(By.CSS_SELECTOR, "a.to-fig")[:3]:
        driver.execute_script("arguments[0].click()", link)
    _open(driver, path, "q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D7%3E")
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.find_elements(By.TAG_NAME, "img") == []
    assert _severe(driver) == []
