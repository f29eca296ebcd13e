"""The map in a real browser (headless Debian chromium via Playwright) against the real
server (``syndicate serve`` in a subprocess): load the map of the seeds, filter, move the time
slider, open an edge's evidence, follow it to the document, confirm a claim and see the edge
change; and prove that hostile article text runs nothing. Screenshots of every step go to
``tests/artifacts/browser/``.

Seeds: $SYNDICATE_SEEDS, else ../shared/seeds (as tests/conftest.py), else the bundled sample
corpus, so the test always has a map to drive.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from syndicate.api import sample_corpus

from .conftest import ROOT, SEEDS

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("SYNDICATE_CHROMIUM") or shutil.which("chromium") or \
    "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DATA = Path(__file__).parent / "data"


def seed_folder() -> Path:
    env = os.environ.get("SYNDICATE_SEEDS")
    if env and Path(env).is_dir():
        return Path(env)
    if SEEDS.is_dir():
        return SEEDS
    return Path(sample_corpus())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    db = tmp_path_factory.mktemp("browser") / "map.db"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    base = [sys.executable, "-m", "syndicate", "--db", str(db)]
    subprocess.run([*base, "ingest", str(seed_folder()), str(DATA / "hostile_article.txt"),
                    str(DATA / "unknown_groups_article.txt")],
                   check=True, env=env, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([*base, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/openapi.json", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"the server did not start: {out}")
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def wait_map(page, previous: str | None = None) -> int:
    """Wait for the map to (re)load; returns the number of edges shown."""
    if previous is None:
        page.wait_for_function("() => document.getElementById('cy').dataset.loaded")
    else:
        page.wait_for_function(
            f"() => document.getElementById('cy').dataset.loaded !== '{previous}' && "
            "!document.getElementById('map-status').textContent.startsWith('Loading')")
    page.wait_for_timeout(300)
    return int(page.get_attribute("#map-status", "data-edges") or 0)


def loaded(page) -> str:
    return page.get_attribute("#cy", "data-loaded") or ""


def click_edge(page) -> str:
    """Click, on the canvas, the first edge backed by text where it shows (its midpoint, or
    else a point along it that no actor covers, as a user would); returns the edge opened."""
    target = page.evaluate("""() => {
        const cy = window.syndicateMap;
        const edge = cy.edges().filter((e) => !e.data('curatedOnly'))[0];
        cy.fit(edge.connectedNodes(), 150);
        const pan = cy.pan(), zoom = cy.zoom();
        const s = edge.source().renderedPosition(), t = edge.target().renderedPosition();
        const points = [edge.renderedMidpoint()].concat([0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(
            (f) => ({x: s.x + (t.x - s.x) * f, y: s.y + (t.y - s.y) * f})));
        const shown = points.find((p) => {
            const hit = cy.renderer().findNearestElements((p.x - pan.x) / zoom,
                                                          (p.y - pan.y) / zoom, true, false);
            return hit.length && hit[0].id() === edge.id();
        }) || points[0];
        const box = document.getElementById('cy').getBoundingClientRect();
        return {id: edge.id(), x: box.left + shown.x, y: box.top + shown.y};
    }""")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function("() => document.getElementById('panel').dataset.edge")
    return str(page.get_attribute("#panel", "data-edge"))


def test_first_view_fits_the_window_and_reads(server, page):
    """The first layout shows every actor inside the map and the window (none off-canvas,
    none under the status line), and actors do not pile on one another."""
    page.goto(server + "/map")
    assert wait_map(page) > 0
    view = page.evaluate("""() => {
        const cy = window.syndicateMap, ext = cy.extent();
        const box = document.getElementById('cy').getBoundingClientRect();
        const status = document.getElementById('map-status').getBoundingClientRect();
        const nodes = cy.nodes().map((n) => {
            const b = n.boundingBox({includeLabels: false});
            const r = n.renderedBoundingBox({includeLabels: false});
            return {id: n.id(), p: n.position(), w: n.width(),
                    inside: b.x1 >= ext.x1 && b.x2 <= ext.x2 && b.y1 >= ext.y1 && b.y2 <= ext.y2,
                    top: box.top + r.y1, bottom: box.top + r.y2,
                    left: box.left + r.x1, right: box.left + r.x2};
        });
        let overlapping = 0;  // actors drawn on top of each other (their shapes' circles meet)
        for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
            const a = nodes[i], c = nodes[j];
            if (Math.hypot(a.p.x - c.p.x, a.p.y - c.p.y) < (a.w + c.w) / 2) overlapping++;
        }
        return {nodes, overlapping, statusBottom: status.bottom, cyTop: box.top,
                width: window.innerWidth, height: window.innerHeight};
    }""")
    nodes = view["nodes"]
    assert len(nodes) > 20
    assert [n["id"] for n in nodes if not n["inside"]] == []
    assert [n["id"] for n in nodes if n["top"] < view["cyTop"] or n["bottom"] > view["height"]
            or n["left"] < 0 or n["right"] > view["width"]] == []
    assert view["statusBottom"] <= view["cyTop"]  # the status line covers no actor
    assert view["overlapping"] == 0
    shot(page, "00-first-view")
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_map_filter_slider_evidence_document_review(server, page):
    page.goto(server + "/map")
    n_all = wait_map(page)
    assert n_all > 0
    shot(page, "01-map")

    before = loaded(page)
    page.check("input[name=relation][value=fights]")
    n_fights = wait_map(page, before)
    relations = page.evaluate("window.syndicateMap.edges().map((e) => e.data('relation'))")
    assert 0 < n_fights < n_all and set(relations) == {"fights"}
    shot(page, "02-filter-fights")
    before = loaded(page)
    page.uncheck("input[name=relation][value=fights]")
    wait_map(page, before)

    years = page.evaluate("[+document.getElementById('time-slider').min, "
                          "+document.getElementById('time-slider').max]")
    middle = (years[0] + years[1]) // 2
    before = loaded(page)
    page.fill("#time-slider", str(middle))  # moves the range input and fires 'input'
    n_then = wait_map(page, before)
    assert page.get_attribute("#map-status", "data-at") == f"{middle}-12-31"
    assert page.inner_text("#time-out") == str(middle)
    assert n_then < n_all
    shot(page, "03-time-slider")
    before = loaded(page)
    page.click("#time-now")
    assert wait_map(page, before) == n_all

    edge = click_edge(page)
    page.wait_for_selector("#panel .claim blockquote mark.arg")
    subject, relation, obj = edge.split("|")
    assert relation in page.inner_text("#edge-title")
    shot(page, "04-evidence")

    link = page.locator("#panel a.doclink").first
    href = link.get_attribute("href")
    assert href and href.startswith("/documents/")
    link.click()
    page.wait_for_selector("#doctext")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}.sent.has-claim").count() == 1
    assert page.locator("#doctext a.mention").count() > 0
    shot(page, "05-document")

    page.goto(server + "/map")
    wait_map(page)
    edge = click_edge(page)
    summary = page.inner_text("#panel .edge-summary")
    assert "confirmed" not in summary
    claim = page.locator("#panel li.claim:has(button[data-verdict=confirmed])").first
    claim.locator("input.note").fill("checked against the source")
    before = loaded(page)
    claim.locator("button[data-verdict=confirmed]").click()
    wait_map(page, before)
    page.wait_for_selector("#panel li.claim.review-confirmed")
    assert "1 confirmed" in page.inner_text("#panel .edge-summary")
    assert page.evaluate(f"window.syndicateMap.$id({edge!r}).data('confirmed')") == 1
    page.evaluate(f"window.syndicateMap.$id({edge!r}).select()")
    shot(page, "06-confirmed")
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_hostile_article_runs_nothing(server, page):
    page.goto(server + "/search?q=onerror")
    page.locator("ol.results a").first.click()
    page.wait_for_selector("#doctext")
    text = page.inner_text("#doctext")
    assert "<script>" in text and "onerror=" in text  # shown as text, not run
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#doctext script, #doctext img, #doctext svg, #doctext iframe").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<script>" in page.inner_text("#doc-title")
    shot(page, "07-hostile-document")
    page.goto(server + "/map")
    wait_map(page)
    page.fill("#actor-search", "Haqqani")
    page.wait_for_selector("#actor-hits li")
    before = loaded(page)
    page.locator("#actor-hits li").first.click()
    wait_map(page, before)
    assert "around haqqani-network" in page.inner_text("#map-status")
    edge = page.evaluate("""() => {
        const e = window.syndicateMap.edges().filter((e) => e.id() ===
            'haqqani-network|cooperates_with|lashkar-e-taiba')[0];
        e.emit('tap'); return e.id(); }""")
    page.wait_for_function(f"() => document.getElementById('panel').dataset.edge === {edge!r}")
    page.wait_for_selector("#panel .claim")
    assert "<img src=x" in page.inner_text("#panel")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#panel img, #panel script").count() == 0
    shot(page, "08-hostile-evidence")
    # The CSP would stop an inline script even if one slipped through.
    blocked = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__pwned = "inline"'; document.body.append(s);
        return window.__pwned === undefined; }""")
    assert blocked


def test_candidate_accept_then_undo(server, page):
    page.goto(server + "/candidates")
    box = page.locator("section.candidate").first
    candidate = box.get_attribute("data-candidate")
    name = box.locator("h2 a").inner_text()
    box.locator("button[data-action=accept]").click()
    page.wait_for_url("**/actors/**")
    assert page.locator("h1").first.inner_text().strip() != ""
    shot(page, "09-candidate-accepted")
    page.goto(server + "/candidates")
    assert page.locator(f"section.candidate[data-candidate='{candidate}']").count() == 0
    settled = page.locator(f"ul.settled li[data-candidate='{candidate}']")
    assert settled.count() == 1 and "accept" in settled.inner_text()
    settled.scroll_into_view_if_needed()
    shot(page, "10-candidate-decided")
    settled.locator("input.note").fill("not enough evidence yet")
    settled.locator("button[data-action=undo]").click()
    page.wait_for_selector(f"section.candidate[data-candidate='{candidate}']")
    assert page.locator(f"ul.settled li[data-candidate='{candidate}']").count() == 0
    assert name in page.locator(f"section.candidate[data-candidate='{candidate}'] h2").inner_text()
    shot(page, "11-candidate-undone")
    page.goto(server + "/reviews")
    rows = page.locator("table.reviews tbody tr")
    assert "withdrawn" in rows.nth(0).inner_text() and "accept:" in rows.nth(1).inner_text()
    assert not page.errors, page.errors  # type: ignore[attr-defined]
