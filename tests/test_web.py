"""The web map through an in-process HTTP client: pages and their JSON twins, one error
envelope, OpenAPI, escaping of hostile article text, and the review loop."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from syndicate.api import KnowledgeBase, sample_corpus
from syndicate.reviews import export_gold
from syndicate.web import CSP, Settings, create_app

DATA = Path(__file__).parent / "data"
TODAY = "2025-06-01"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with KnowledgeBase(path) as kb:
        kb.ingest([sample_corpus(), str(DATA / "hostile_article.txt"),
                   str(DATA / "unknown_groups_article.txt")])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(Settings(db=db, today=TODAY)),
                    base_url="http://127.0.0.1:8000") as c:
        yield c


def hostile_doc(client) -> str:
    hits = client.get("/search.json", params={"q": "onerror"}).json()["items"]
    return hits[0]["doc"]


def test_map_json_has_nodes_edges_and_cap(client):
    data = client.get("/map.json").json()
    assert data["edges"] and data["nodes"]
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["subject"] in ids and e["object"] in ids for e in data["edges"])
    capped = client.get("/map.json", params={"limit": 10}).json()
    assert len(capped["edges"]) == 10
    assert capped["hidden_edges"] == capped["total_edges"] - 10 > 0
    assert sum(capped["hidden_by_relation"].values()) == capped["hidden_edges"]
    only = client.get("/map.json", params={"relation": "fights"}).json()
    assert only["edges"] and {e["relation"] for e in only["edges"]} == {"fights"}
    states = client.get("/map.json", params={"kind": "state"}).json()
    kinds = {n["id"]: n["kind"] for n in states["nodes"]}
    assert states["edges"] and set(kinds.values()) == {"state"}


def test_time_slider_replays_the_map(client):
    early = client.get("/map.json", params={"at": "2002-12-31"}).json()
    late = client.get("/map.json", params={"at": "2020-12-31"}).json()
    assert 0 < len(early["edges"]) < len(late["edges"])
    for e in early["edges"]:
        assert e["first_affirmed"] is None or e["first_affirmed"][:4] <= "2002"


def test_neighbourhood_and_actor_search(client):
    data = client.get("/actors/haqqani-network/neighbourhood.json").json()
    assert any("haqqani-network" in (e["subject"], e["object"]) for e in data["edges"])
    hits = client.get("/actors.json", params={"q": "haqq"}).json()["items"]
    assert hits[0]["id"] == "haqqani-network"


@pytest.mark.parametrize("path", [
    "/map", "/actors", "/actors?q=taliban", "/actors/haqqani-network",
    "/pairs/jabhat-al-nusra/islamic-state", "/contradictions", "/candidates",
    "/search?q=Haqqani", "/reviews",
])
def test_every_page_has_a_json_twin(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CSP
    base, _, query = path.partition("?")
    twin = client.get(base + ".json" + (f"?{query}" if query else ""))
    assert twin.status_code == 200
    assert isinstance(twin.json(), dict)


def test_edge_evidence_and_document_pages(client):
    edges = client.get("/actors/haqqani-network.json").json()["relations"]
    e = next(e for e in edges if e["n_claims"] > e["n_curated"])
    url = f"/edges/{e['subject']}/{e['relation']}/{e['object']}"
    data = client.get(url + ".json").json()
    claim = next(c for g in data["groups"] for c in g["claims"] if c.get("doc"))
    assert client.get(url).status_code == 200
    doc = client.get(f"/documents/{claim['doc']}.json").json()
    assert any(c["id"] == claim["id"] for c in doc["claims"])
    assert any(p.get("actor") for s in doc["sentences"] for p in s["pieces"])
    page = client.get(f"/documents/{claim['doc']}").text
    assert f'id="claim-{claim["id"]}"' in page


def test_one_error_envelope(client):
    cases = [("/actors/no-such-actor.json", 404, "E040"), ("/nowhere.json", 404, "E082"),
             ("/map.json?relation=befriends", 400, "E080"),
             ("/map.json?limit=many", 400, "E080"),
             ("/documents/ffffffffffff.json", 404, "E044"),
             ("/search.json?q=%22unclosed", 400, "E045"),
             ("/edges/a/fights/b.json", 404, "E044")]
    for path, status, code in cases:
        r = client.get(path)
        assert r.status_code == status, path
        assert set(r.json()) == {"error"}
        assert r.json()["error"]["code"] == code
        assert r.json()["error"]["status"] == status
        assert r.json()["error"]["message"]
    html = client.get("/actors/no-such-actor", headers={"accept": "text/html"})
    assert html.status_code == 404 and "E040" in html.text


def test_openapi_describes_every_page(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/map.json", "/actors/{actor}.json", "/edges/{subject}/{relation}/{object}.json",
                 "/documents/{doc}.json", "/search.json", "/reviews.json", "/candidates.json"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/reviews.json"]


def test_hostile_article_text_is_escaped(client):
    doc = hostile_doc(client)
    page = client.get(f"/documents/{doc}").text
    assert "<script>window" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page and "<svg onload" not in page
    assert 'href="javascript:' not in page
    embedded = client.get("/map").text.split('id="map-data">')[1].split("</script>")[0]
    assert "<" not in embedded and json.loads(embedded)["edges"]
    for path in ("/search?q=onerror", "/map", "/edges/haqqani-network/cooperates_with/"
                 "lashkar-e-taiba", "/actors/haqqani-network"):
        text = client.get(path).text
        assert "<script>window" not in text and "<img src=x" not in text, path


def test_review_confirm_changes_the_edge_and_can_be_undone(client, db):
    url = "/edges/haqqani-network/cooperates_with/lashkar-e-taiba.json"
    before = client.get(url).json()
    claim = next(c for g in before["groups"] for c in g["claims"] if not c.get("curated"))
    r = client.post("/reviews.json", json={"claim": claim["id"], "verdict": "confirmed",
                                           "note": "checked the UN report", "reviewer": "ana"})
    assert r.status_code == 200, r.text
    after = client.get(url).json()
    assert after["edge"]["n_confirmed"] == before["edge"]["n_confirmed"] + 1
    assert after["edge"]["confidence"] >= before["edge"]["confidence"]
    listed = client.get("/reviews.json").json()["items"][0]
    assert listed["claim"] == claim["id"] and listed["reviewer"] == "ana"
    with KnowledgeBase(db) as kb:
        lines = io.StringIO()
        assert export_gold(kb.store, lines) >= 1
        gold = [json.loads(x) for x in lines.getvalue().splitlines()]
        assert any(g["anchor"] == claim["sentence"] for g in gold)
    client.post("/reviews.json", json={"claim": claim["id"], "verdict": "rejected"})
    rejected = client.get(url).json()
    assert rejected["edge"] is None or rejected["edge"]["n_claims"] < before["edge"]["n_claims"]
    client.post("/reviews.json", json={"claim": claim["id"], "verdict": "withdrawn"})
    assert client.get(url).json()["edge"] == before["edge"]


def test_writes_refuse_cross_site_and_need_json(client):
    body = {"claim": "x", "verdict": "confirmed"}
    r = client.post("/reviews.json", json=body, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E080"
    r = client.post("/reviews.json", json=body, headers={"sec-fetch-site": "cross-site"})
    assert r.status_code == 403
    r = client.post("/reviews.json", data={"claim": "x"})  # a form post, as from another site
    assert r.status_code == 415
    r = client.post("/reviews.json", json=body)
    assert r.status_code == 404 and r.json()["error"]["code"] == "E044"


def test_writes_need_the_token_off_loopback(db):
    app = create_app(Settings(db=db, host="0.0.0.0", token="s3cret"))
    with TestClient(app, base_url="http://192.0.2.1:8000") as c:
        body = {"claim": "nope", "verdict": "confirmed"}
        assert c.post("/reviews.json", json=body).status_code == 401
        r = c.post("/reviews.json", json=body, headers={"x-syndicate-token": "s3cret"})
        assert r.status_code == 404  # past the token check: the claim does not exist
        assert 's3cret' not in c.get("/map").text


def test_candidate_accept(client):
    cands = client.get("/candidates.json").json()["items"]
    assert cands
    cand = cands[-1]
    r = client.post("/candidates.json", json={"candidate": cand["id"], "action": "accept"})
    assert r.status_code == 200, r.text
    actor = r.json()["actor"]
    assert client.get(f"/actors/{actor}.json").status_code == 200
    assert cand["id"] not in {c["id"] for c in client.get("/candidates.json").json()["items"]}


def test_review_commands(run, tmp_path):
    assert run("ingest", "--sample").exit_code == 0
    claims = [json.loads(x) for x in run("claims", "--json").output.splitlines() if x.strip()]
    claim = claims[0]["id"]
    result = run("review", "confirm", claim, "--note", "seen the video", "--reviewer", "ana")
    assert result.exit_code == 0, result.output
    listed = [json.loads(x) for x in run("review", "list", "--json").output.splitlines()]
    assert listed[0]["claim"] == claim and listed[0]["note"] == "seen the video"
    out = tmp_path / "gold.jsonl"
    assert run("review", "export", "-o", str(out)).exit_code == 0
    gold = [json.loads(x) for x in out.read_text().splitlines()]
    assert gold[0]["anchor"] == claims[0]["sentence"]
    bad = run("review", "confirm", "no-such-claim")
    assert bad.exit_code == 2 and "E044" in bad.output
    assert run("review", "withdraw", claim).exit_code == 0
    assert run("serve", "--help").exit_code == 0


def test_candidate_decisions_can_be_undone(tmp_path):
    """Accept, alias and merge a candidate, and undo each: the candidate, its relations,
    the map and the actors file are as before, and the review page lists both steps."""
    path = str(tmp_path / "undo.db")
    with KnowledgeBase(path) as kb:
        kb.ingest([sample_corpus(), str(DATA / "unknown_groups_article.txt")])
    overlay = tmp_path / "syndicate-actors.yaml"
    with TestClient(create_app(Settings(db=path, today=TODAY)),
                    base_url="http://127.0.0.1:8000") as c:
        cands = c.get("/candidates.json").json()["items"]
        cand = next(x for x in cands if x["claims"])
        relations = c.get(f"/actors/{cand['id']}.json").json()["relations"]
        assert relations
        the_map = c.get("/map.json", params={"limit": 2000}).json()["edges"]
        file_before = overlay.read_text() if overlay.exists() else None
        for action, into in (("accept", None), ("alias", "haqqani-network"),
                             ("merge", "haqqani-network")):
            r = c.post("/candidates.json", json={"candidate": cand["id"], "action": action,
                                                 "into": into, "reviewer": "ana"})
            assert r.status_code == 200, r.text
            actor = r.json()["actor"]
            assert cand["id"] not in {x["id"] for x in c.get("/candidates.json").json()["items"]}
            assert c.get("/map.json", params={"limit": 2000}).json()["edges"] != the_map
            settled = c.get("/candidates.json").json()["settled"]
            assert [(d["candidate"], d["action"], d["actor"]) for d in settled] == \
                [(cand["id"], action, actor)]
            r = c.post("/candidates.json", json={"candidate": cand["id"], "action": "undo",
                                                 "note": "too early", "reviewer": "ana"})
            assert r.status_code == 200, r.text
            now = c.get("/candidates.json").json()
            assert cand["id"] in {x["id"] for x in now["items"]} and not now["settled"]
            assert c.get(f"/actors/{cand['id']}.json").json()["relations"] == relations
            assert c.get("/map.json", params={"limit": 2000}).json()["edges"] == the_map
            # the actors file keeps nothing of the decision
            assert yaml.safe_load(overlay.read_text()) == (
                yaml.safe_load(file_before) if file_before else {"actors": [], "merged": {}})
            if action == "accept":
                assert c.get(f"/actors/{actor}.json").status_code == 404
            reviews = c.get("/reviews.json").json()["items"]
            assert [(x["claim"], x["verdict"]) for x in reviews[:2]] == \
                [(cand["id"], "withdrawn"), (cand["id"], f"{action}:{actor}")]
        r = c.post("/candidates.json", json={"candidate": cand["id"], "action": "undo"})
        assert r.status_code == 404 and r.json()["error"]["code"] == "E044"
    with KnowledgeBase(path) as kb:
        from syndicate import graph, mapquery

        store = kb.store
        assert mapquery.stored_edges(store, today=TODAY) == [
            e.to_json() for e in graph.build_edges(store.iter_claims(),
                                                   clusters=store.clusters(), today=TODAY)]


def test_the_map_page_carries_the_first_map_of_its_json_twin(client):
    """The map page draws its first map from an inline copy cut to what it draws: the
    same actors and edges, in the same order, as /map.json."""
    from syndicate.web.app import FIRST_MAP_EDGE, FIRST_MAP_NODE

    for query in ("", "?relation=fights", "?limit=20"):
        html = client.get("/map" + query).text
        inline = json.loads(html.split('id="map-data">')[1].split("</script>")[0])
        full = client.get("/map.json" + query).json()
        assert inline["nodes"] == [{k: n[k] for k in FIRST_MAP_NODE} for n in full["nodes"]]
        assert inline["edges"] == [{k: e[k] for k in FIRST_MAP_EDGE} for e in full["edges"]]
        assert inline["edges"] and inline["total_edges"] == full["total_edges"]


def test_static_assets_are_served_with_an_etag(client):
    r = client.get("/static/vendor/cytoscape.min.js")
    assert r.status_code == 200 and "cytoscape" in r.text[:3000]
    assert "javascript" in r.headers["content-type"]
    assert r.headers["content-security-policy"] == CSP
    again = client.get("/static/vendor/cytoscape.min.js",
                       headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    missing = client.get("/static/../app.py")
    assert missing.status_code == 404
    assert client.get("/static/nothing.js").json()["error"]["code"] == "E082"


def test_the_candidates_page_says_who_an_unknown_person_is(tmp_path):
    """An unknown person in a role is listed with the role and the group, linked."""
    path = str(tmp_path / "people.db")
    article = tmp_path / "a.txt"
    article.write_text("QAMISHLI, May 3, 2024 - Ruken Jamal, a spokesperson for the YPJ, said "
                       "the group's fighters repelled an attack by Islamic State cells. Jamal "
                       "said three fighters were killed.\n", "utf-8")
    with KnowledgeBase(path) as kb:
        kb.ingest([str(article)])
    with TestClient(create_app(Settings(db=path, today=TODAY)),
                    base_url="http://127.0.0.1:8000") as c:
        page = c.get("/candidates").text
    section = page.split('data-candidate="candidate:ruken-jamal"')[1].split("</section>")[0]
    assert "A person: spokesperson of" in section
    assert 'href="/actors/womens-protection-units">Women' in section
