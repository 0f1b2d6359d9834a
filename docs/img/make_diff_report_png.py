"""Regenerate docs/img/diff-report.png: M5's 2013 amendment as `p4p-rules diff --html` shows it, in headless Chromium.

Run from the repository root: `.venv/bin/python docs/img/make_diff_report_png.py`.  It uses Debian's
chromium (`make browser` installs it) through Playwright, as tests/diff/test_html_report.py does.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
PNG = ROOT / "docs" / "img" / "diff-report.png"
ARGS = ["laws/m05.p4p", "--to-version", "lei_2013", "--data", "laws/data/m05", "--from", "2014-06", "--to", "2015-09",
        "--top", "5"]
WIDTH, HEIGHT = 1200, 4420      # the top of the page: summary, articles, money, charts, attribution waterfalls


def main() -> None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "m05.html"
        subprocess.run([sys.executable, "-m", "p4p_rules.cli", "diff", *ARGS, "--html", str(page_file)], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.route("**/*", lambda r: r.continue_() if r.request.url == page_file.as_uri() else r.abort())
            page.goto(page_file.as_uri())
            page.screenshot(path=str(PNG), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
            browser.close()
    print(f"written: {PNG.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
