"""`p4p-rules diff --html FILE`: one self-contained page, read as text and opened in a real headless Chromium.

The expected numbers are worked out here without p4p_rules.diff: the engine is run with each version of
M5's law as its only text (as tests/diff/helpers.py does), and the transfers are read from the CSV file.
The browser is Debian's chromium driven by Playwright (`make test` installs chromium when it is missing);
without it these tests fail, they are not skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections import defaultdict
from fractions import Fraction
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from p4p_rules.diff import DiffRequest, diff
from p4p_rules.diff.html import render, write_report
from p4p_rules.diff.html_charts import histogram_bins
from p4p_rules.engine.run import run
from p4p_rules.load import CompiledLaw

from .helpers import LAWS, M05, M05_DATA, ROOT, compiled, dataset_for

M03 = LAWS / "m03.p4p"
START, END = dt.date(2014, 6, 1), dt.date(2015, 9, 1)
PT_CADRES = {"acs": "community_health_agent", "enfermeiro": "nurse", "médico": "physician", "dentista": "dentist",
             "técnico de enfermagem": "nursing_technician", "técnico de saúde bucal": "oral_health_technician"}
# lei_2013 changes the rules of three articles (laws/m05.p4p: "altera art. 2", "altera art. 3", "altera art. 4")
M05_STEPS = 3


# ---------------------------------------------------------------- the reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The reports this module looks at, each written by write_report as the CLI does."""
    out = tmp_path_factory.mktemp("html")
    requests = {
        "m05": DiffRequest(M05, to_version="lei_2013", data=M05_DATA, start=START, end=END),
        "m03_en": DiffRequest(M03, to_version="law_2015", data=M05_DATA),
        "cycles": DiffRequest(M05, data=M05_DATA, cycles=(2, 3)),
        "provisions_pt": DiffRequest(M05, from_version="original", to_version="lei_2013"),
        "provisions_en": DiffRequest(ROOT / "tests" / "data" / "bilingual_en.p4p"),
    }
    paths = {}
    for name, request in requests.items():
        paths[name] = write_report(diff(request), out / f"{name}.html", top=5)
    return paths


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- independent figures for M5


@lru_cache(maxsize=None)
def payments_with_only(version: str) -> list[dict]:
    """Every payment row of M5's data (June 2014 – Sept. 2015) with `version` as the law's only text."""
    law = compiled(M05)
    text = law.version(version)
    assert text is not None
    only = CompiledLaw(law.law, [text.model_copy(update={"effective": dt.date(1900, 1, 1), "until": None})])
    result = run(only, dataset_for(M05), START, END)
    return result.payments[["staff_id", "team_id", "cadre", "amount"]].astype({"staff_id": str}).to_dict("records")


def per(key: str, version: str) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for row in payments_with_only(version):
        out[str(row[key])] += int(row["amount"])
    return out


def person_changes() -> dict[str, int]:
    old, new = per("staff_id", "original"), per("staff_id", "lei_2013")
    return {p: new.get(p, 0) - old.get(p, 0) for p in set(old) | set(new)}


def transfers_between(first: dt.date, last: dt.date) -> int:
    """Centavos transferred in the months from `first` to `last` (transfers.csv: 'MM/YYYY;team;1.700,00')."""
    total = 0
    with open(M05_DATA / "transfers.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            month, year = map(int, row["month"].split("/"))
            if first <= dt.date(year, month, 1) <= last:
                total += int(row["amount"].replace(".", "").replace(",", ""))
    return total


def category_of_team() -> dict[str, str]:
    """Every M5 period from June 2014 on follows the cycle-2 evaluations (all dated before March 2014)."""
    with open(M05_DATA / "scores.csv", encoding="utf-8") as f:
        return {r["team_id"]: r["category"].replace("_", " ") for r in csv.DictReader(f, delimiter=";")
                if r["cycle"] == "2"}


def pt_money(centavos: int) -> str:
    reais, cents = divmod(centavos, 100)
    return "R$ " + f"{reais:,}".replace(",", ".") + f",{cents:02d}"


# ---------------------------------------------------------------- (a) the page as text


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def parse(path: Path) -> Tags:
    p = Tags()
    p.feed(text_of(path))
    return p


URL_ATTRS = ("src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background")


@pytest.mark.parametrize("name", ["m05", "m03_en", "cycles", "provisions_pt", "provisions_en"])
def test_the_page_loads_nothing_from_anywhere(reports, name):
    page = parse(reports[name])
    tags = [t for t, _ in page.tags]
    for forbidden in ("script", "link", "iframe", "object", "embed", "img", "image", "use", "base", "audio",
                      "video", "source", "foreignobject"):
        assert forbidden not in tags, f"<{forbidden}> in the page"
    for tag, attrs in page.tags:
        for attr in URL_ATTRS:
            assert attr not in attrs, f"<{tag} {attr}=…>: the page must not point anywhere"
        assert not any(k.startswith("on") for k in attrs), f"<{tag}> has an event handler"
        assert "url(" not in (attrs.get("style") or "")
    assert page.style, "the style is inline"
    for pattern in ("@import", "url(", "@font-face", "http:", "https:"):
        assert pattern not in page.style
    assert not re.search(r"(?:src|href)\s*=\s*['\"]?(?:https?:)?//", text_of(reports[name]), re.I)
    csp = [a.get("content") or "" for t, a in page.tags if t == "meta" and a.get("http-equiv") ==
           "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_m05_in_portuguese(reports):
    html = text_of(reports["m05"])
    assert '<html lang="pt-BR">' in html
    for words in ("Artigos alterados", "Efeito sobre os dados", "Variação por cargo", "Quem mais perde",
                  "Distribuição das variações por pessoa", "Cascata da atribuição",
                  "Equidade", "Por equipe", "técnico de saúde bucal", "desclassificada"):
        assert words in html, words
    # the legal wording of both sides of art. 2, from laws/m05.p4p
    assert "as equipes desclassificadas nada recebem." in html
    assert "toda equipe insatisfatória receberá ao menos o piso mensal abaixo." in html
    # art. 1 (the 60/40 split) is untouched: the staff get 60% of the transfers of the months, on both sides
    transfers = transfers_between(dt.date(2014, 6, 1), dt.date(2015, 9, 1))
    staff = transfers * 60 // 100
    assert sum(per("staff_id", "original").values()) == staff == sum(per("staff_id", "lei_2013").values())
    assert f"{pt_money(transfers)}</td>" in html and pt_money(staff) in html
    money = re.findall(r"R\$\s?[−+]?\d[\d.,]*\d", html)
    assert money and all(re.fullmatch(r"R\$ \d{1,3}(\.\d{3})*,\d{2}", m) for m in money), money[:5]


def test_english_report_with_data(reports):
    html = text_of(reports["m03_en"])
    assert '<html lang="en">' in html
    for words in ("Articles changed", "Effect on the data", "Change by cadre", "Distribution of per-person changes",
                  "Winners and losers by team category", "Attribution: the change, article by article",
                  "Top gainers", "community health agent", "added"):
        assert words in html, words
    for pt in ("Artigos", "pessoas", "variação", "ganham"):
        assert pt not in html, pt
    money = re.findall(r"R\$\s?[−+]?\d[\d.,]*\d", html)
    assert money and all(re.fullmatch(r"R\$ \d{1,3}(,\d{3})*\.\d{2}", m) for m in money), money[:5]


def test_provisions_only(reports):
    pt, en = text_of(reports["provisions_pt"]), text_of(reports["provisions_en"])
    assert "<svg" not in pt and "<svg" not in en
    assert "Sem dados (--data)" in pt and "No data (--data)" in en
    for n in ("2", "3", "4"):
        assert f'id="art-{n}"' in pt
    assert 'id="art-1"' not in pt                      # art. 1 is the same in both texts
    assert pt.count("alterado</span>") == 3
    assert "<del>- " in pt and "<ins>+ " in pt
    assert "repealed</span>" in en and "added</span>" in en and '<html lang="en">' in en


def test_cycles(reports):
    html = text_of(reports["cycles"])
    assert "Mesmas pessoas, ciclo 2 × ciclo 3" in html and "não há atribuição por artigo" in html
    assert 'id="attribution"' not in html and 'data-chart="waterfall"' not in html
    for kind in ("diverging-bars", "histogram", "diverging-counts"):
        assert f'data-chart="{kind}"' in html


def test_legal_wording_is_escaped(tmp_path):
    """Whatever a law's wording holds is shown as text, never run or parsed as markup."""
    law = (ROOT / "tests" / "data" / "bilingual_en.p4p").read_text(encoding="utf-8")
    law = law.replace('"PMAQ funds are split as follows"', '"Funds <script>alert(1)</script> & <b>more</b>"')
    path = tmp_path / "law.p4p"
    path.write_text(law, encoding="utf-8")
    html = render(diff(DiffRequest(path)))
    assert "<script>" not in html and "<b>more" not in html
    assert "Funds &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;" in html


def test_every_chart_has_a_title_a_description_and_its_data_as_a_table(reports):
    page = parse(reports["m05"])
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) >= 4
    for attrs in svgs:
        assert attrs.get("role") == "img"
        title_id, desc_id = (attrs.get("aria-labelledby") or "").split()
        ids = {a.get("id") for t, a in page.tags if t in ("title", "desc")}
        assert title_id in ids and desc_id in ids
    ids = {a.get("id") for t, a in page.tags if t == "table"}
    assert {"table-cadres", "table-categories", "table-steps", "table-wf-cadres"} <= ids


def test_histogram_bins_by_hand():
    bins, width = histogram_bins([-150, 0, 0, 99, 100, 250])
    assert width == 100    # R$ 1,00: 5 ranges from [−2,00; −1,00) to [2,00; 3,00)
    assert [(b.lo, b.hi, b.count) for b in bins] == [(-200, -100, 1), (-100, 0, 0), (0, 0, 2), (0, 100, 1),
                                                     (100, 200, 1), (200, 300, 1)]
    # M5's changes run from −R$ 25.787,63 to +R$ 5.832,43: R$ 1.000 ranges would be 32 (−26 … 5), R$ 2.000
    # ranges 16 (−13 … 2)
    bins, width = histogram_bins([-2578763, 583243])
    assert width == 200000 and len(bins) == 16 and bins[0].lo == -2600000 and bins[-1].hi == 600000
    assert histogram_bins([]) == ([], 0)


def test_written_atomically_small_and_fast(tmp_path, reports):
    result = diff(DiffRequest(M05, to_version="lei_2013", data=M05_DATA, start=START, end=END))
    target = tmp_path / "sub" / "report.html"
    target.parent.mkdir()
    target.write_text("an older report", encoding="utf-8")
    t0 = time.perf_counter()
    write_report(result, target)
    elapsed = time.perf_counter() - t0
    assert elapsed < 5, elapsed
    assert os.listdir(target.parent) == ["report.html"]           # no temporary file left behind
    assert text_of(target) == render(result)
    assert stat.S_IMODE(target.stat().st_mode) & 0o044, "readable by others, as any file the tool writes"
    assert target.stat().st_size < 1_000_000


def test_cli_writes_the_report(tmp_path):
    env = {"COLUMNS": "120", "PATH": "/usr/bin:/bin"}
    target = tmp_path / "out" / "m05.html"
    r = subprocess.run([sys.executable, "-m", "p4p_rules.cli", "diff", str(M05), "--to-version", "lei_2013",
                        "--html", str(target)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    assert f"written: {target}" in r.stdout and "Artigos alterados" in r.stdout
    assert "Artigos alterados" in text_of(target)
    (tmp_path / "a_file").write_text("")
    r = subprocess.run([sys.executable, "-m", "p4p_rules.cli", "diff", str(M05), "--html",
                        str(tmp_path / "a_file" / "m05.html")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- (b) in a real headless Chromium


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    pytest.fail("Debian's chromium is not installed, and the HTML report must be checked in a real browser: "
                "run `make browser` (apt-get install chromium), or `make test`, which does it first")
    raise AssertionError


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: pip install -e '.[test]' (make install)")
    executable = chromium_path()
    with sync_playwright() as pw:
        # Debian's chromium, never a browser downloaded by playwright
        b = pw.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


CHARTS_JS = """() => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
  const r = svg.getBoundingClientRect();
  return {id: svg.id, kind: svg.dataset.chart, width: r.width, height: r.height,
          title: svg.querySelector('title').textContent,
          marks: Array.from(svg.querySelectorAll('rect.mark')).map(m => {
            const b = m.getBoundingClientRect();
            return {w: b.width, h: b.height, fill: getComputedStyle(m).fill, data: Object.assign({}, m.dataset)};
          })};
})"""


def open_report(browser, path: Path):
    """Load the page, recording every request it makes (anything but the page itself is refused, never sent)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    charts = page.evaluate(CHARTS_JS)
    context.close()
    return requests, errors, charts


def assert_drawn(charts: list[dict]) -> None:
    for c in charts:
        assert c["width"] > 100 and c["height"] > 40, c["id"]
        assert c["title"], c["id"]
        assert c["marks"], f"{c['id']} drew nothing"
        for m in c["marks"]:
            assert m["w"] > 0 and m["h"] > 0, (c["id"], m)
            assert m["fill"] not in ("none", "rgb(0, 0, 0)", ""), (c["id"], m)   # the inline style applied


@pytest.mark.parametrize("name", ["m05", "m03_en", "cycles", "provisions_pt"])
def test_in_chromium_no_request_leaves_the_page(browser, reports, name):
    requests, errors, charts = open_report(browser, reports[name])
    # a request the Content-Security-Policy refused would not reach the recorder, but it logs an error
    assert requests == [reports[name].as_uri()]
    assert errors == []
    assert_drawn(charts)
    kinds = [c["kind"] for c in charts]
    if name == "provisions_pt":
        assert kinds == []
    elif name == "cycles":
        assert kinds == ["diverging-bars", "histogram", "diverging-counts"]
    else:
        assert kinds[:3] == ["diverging-bars", "histogram", "diverging-counts"]
        assert set(kinds[3:]) == {"waterfall"}


@pytest.fixture(scope="module")
def m05_charts(browser, reports) -> dict[str, dict]:
    requests, errors, charts = open_report(browser, reports["m05"])
    assert requests == [reports["m05"].as_uri()] and errors == []
    return {c["id"]: c for c in charts}


def test_in_chromium_change_by_cadre(m05_charts):
    chart = m05_charts["chart-cadre"]
    old, new = per("cadre", "original"), per("cadre", "lei_2013")
    expected = {c: new.get(c, 0) - old.get(c, 0) for c in set(old) | set(new)}
    drawn = {m["data"]["cadre"]: int(m["data"]["value"]) for m in chart["marks"]}
    assert drawn == expected and len(chart["marks"]) == 6
    # the bars are drawn to scale: pixels per real the same for every bar
    scale = [Fraction(m["w"]).limit_denominator(1000) / abs(int(m["data"]["value"])) for m in chart["marks"]
             if abs(int(m["data"]["value"])) > 100_000]
    assert len(scale) >= 4 and max(scale) / min(scale) < Fraction(102, 100)
    assert next(m for m in chart["marks"] if m["data"]["cadre"] == "community_health_agent")["fill"] != \
        next(m for m in chart["marks"] if m["data"]["cadre"] == "physician")["fill"]


def test_in_chromium_distribution_of_changes(m05_charts):
    chart = m05_charts["chart-hist"]
    changes = person_changes()
    assert len(changes) == 125       # 50 paid before, 70 agents and ESF-09's 5 paid under lei_2013
    total = 0
    for m in chart["marks"]:
        lo, hi, count = int(m["data"]["lo"]), int(m["data"]["hi"]), int(m["data"]["value"])
        if lo == hi:
            assert count == sum(1 for c in changes.values() if c == lo)
        else:
            assert count == sum(1 for c in changes.values() if c and lo <= c < hi), (lo, hi)
        total += count
    assert total == len(changes)
    heights = {int(m["data"]["value"]): m["h"] for m in chart["marks"]}
    assert heights[max(heights)] > 3 * heights[min(heights)]


def test_in_chromium_winners_and_losers_by_category(m05_charts):
    chart = m05_charts["chart-category"]
    team_cat = category_of_team()
    money: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for side, version in enumerate(("original", "lei_2013")):
        for row in payments_with_only(version):
            money[team_cat[row["team_id"]]][row["staff_id"]][side] += int(row["amount"])
    expected = {}
    for cat, people in money.items():
        expected[(cat, "gain")] = sum(1 for o, n in people.values() if n > o)
        expected[(cat, "loss")] = sum(1 for o, n in people.values() if n < o)
    drawn = {(m["data"]["label"], m["data"]["side"]): int(m["data"]["value"]) for m in chart["marks"]}
    assert drawn == {k: v for k, v in expected.items() if v}
    assert drawn[("desclassificada", "gain")] == 9 and ("desclassificada", "loss") not in drawn


def test_in_chromium_attribution_waterfall(m05_charts):
    staff = m05_charts["chart-wf-to-staff"]
    assert [m["data"]["role"] for m in staff["marks"]] == ["start"] + ["step"] * M05_STEPS + ["end"]
    old, new = per("staff_id", "original"), per("staff_id", "lei_2013")
    values = [int(m["data"]["value"]) for m in staff["marks"]]
    assert values[0] == sum(old.values()) and values[-1] == sum(new.values())
    assert values[0] + sum(values[1:-1]) == values[-1]
    cadre_old, cadre_new = per("cadre", "original"), per("cadre", "lei_2013")
    small = [c for k, c in m05_charts.items() if k.startswith("chart-wf-cadre-")]
    assert len(small) == len(set(cadre_old) | set(cadre_new)) == 6
    for c in small:
        values = [int(m["data"]["value"]) for m in c["marks"]]
        assert len(values) == M05_STEPS + 2
        assert values[0] + sum(values[1:-1]) == values[-1]          # the steps add up, to the centavo
        cadre = PT_CADRES[c["title"]]
        assert values[0] == cadre_old.get(cadre, 0) and values[-1] == cadre_new.get(cadre, 0), cadre
