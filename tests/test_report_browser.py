"""The report as a reader sees it: headless Chromium opens reports/report.html built from a corpus that
includes a hostile article. Needs Debian's chromium (.ci/run installs it; see the README)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger import tables
from newsledger.report import overview

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE_TITLE = 'Kazakhstan <script>window.__pwned = "title"</script> trade'
HOSTILE_BODY = (
    "Trade turnover between Azerbaijan and Kazakhstan reached $500 million in 2023, the agency said. "
    '<img src=x onerror="window.__pwned=\'img\'"> <script>window.__pwned = "body"</script> '
    "The two presidents met in Astana to discuss the Middle Corridor, cargo transport and new investment projects "
    "in energy, agriculture and logistics, and agreed to expand cooperation in the coming years."
)

if CHROMIUM is None:
    # In CI a missing browser is a broken install, not a reason to skip.
    pytestmark = pytest.mark.skipif(not os.environ.get("CI"), reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    raw = out / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_BODY, "published": "2024-05-02", "outlet": "Hostile <b>News</b>",
              "url": "../../etc/passwd"}
    (raw / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newsledger", "run", "--raw", str(raw), "--processed", str(out / "processed"),
                             "--reports", str(out / "reports")], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_report_in_a_browser(report):
    from playwright.sync_api import sync_playwright

    html_path = report / "reports" / "report.html"
    articles = tables.read_table("articles", report / "processed")
    console_errors, page_errors, requests = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(html_path.as_uri(), wait_until="load")
        page.screenshot(path=str(report / "report.png"), full_page=True)
        text = page.inner_text("body")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.alt])")
        pwned = page.evaluate("() => window.__pwned === undefined ? null : window.__pwned")
        browser.close()

    assert not console_errors, console_errors
    assert not page_errors, page_errors
    outside = [u for u in requests if not (u.startswith("file://") or u.startswith("data:"))]
    assert not outside, f"the report made network requests: {outside}"
    assert images, "the report has no figures"
    assert all(complete and width > 0 for complete, width, _ in images), images
    assert all(alt.strip() for _, _, alt in images), "a figure has no alt text"
    assert pwned is None, f"a script from an article ran ({pwned})"
    # The hostile markup is shown as text, not interpreted.
    assert "<script>" in text or "Hostile <b>News</b>" in text
    # Headline figures computed from the tables appear in the page.
    coverage = overview.coverage(articles)
    assert f"{coverage['n_articles']} articles" in text
    assert (report / "report.png").stat().st_size > 10_000
