// The network view: filters, time slider, actor search, neighbourhood focus and evidence.
"use strict";

(() => {
  const { el, review } = Syndicate;
  const form = document.getElementById("filters");
  const box = document.getElementById("cy");
  const panel = document.getElementById("panel");
  const status = document.getElementById("map-status");
  const slider = document.getElementById("time-slider");
  const timeOut = document.getElementById("time-out");
  const focusClear = document.getElementById("focus-clear");
  const KIND = {
    armed_group: ["ellipse", "#c0392b"], state: ["round-rectangle", "#2f5aa8"],
    state_agency: ["diamond", "#6c5ce7"], state_forces: ["triangle", "#1e8449"],
    intl_org: ["hexagon", "#b7950b"], person: ["star", "#e67e22"], other: ["octagon", "#7f8c8d"],
  };
  const REL = {
    cooperates_with: "#1e8449", ceasefire_with: "#17a589", fights: "#c0392b", attacks: "#922b21",
    supports: "#2f5aa8", part_of: "#6c5ce7", splinter_of: "#d35400", merged_with: "#8e44ad",
    controls: "#5d6d7e", negotiates_with: "#b7950b", leads: "#e67e22", member_of: "#a04000",
  };
  const state = { focus: new URLSearchParams(location.search).get("focus"), at: null, selected: null, seq: 0 };

  const cy = cytoscape({
    container: box, minZoom: 0.05, maxZoom: 4,
    // Mapped from element data, not computed by functions per element: cheaper to draw.
    style: [
      { selector: "node", style: {
        "shape": "data(shape)", "background-color": "data(color)",
        "width": "data(size)", "height": "data(size)",
        "font-size": 9, "min-zoomed-font-size": 7, "color": "#1d2330", "text-valign": "bottom",
        "text-margin-y": 2, "text-wrap": "ellipsis", "text-max-width": 110, "border-width": 0 } },
      // Names only where they can be read: every actor's once zoomed in far enough, the
      // largest actors' (in a larger font) at any zoom. Measuring hundreds of labels no one
      // can read was a third of the first draw.
      { selector: "node.named", style: { "label": "data(name)" } },
      { selector: "node.hub", style: { "label": "data(name)", "font-size": 16, "font-weight": 600, "min-zoomed-font-size": 6 } },
      { selector: "node[?provisional]", style: { "border-width": 2, "border-style": "dashed", "border-color": "#e67e22" } },
      { selector: "node.focus", style: { "border-width": 4, "border-color": "#1d2330" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "data(arrow)", "curve-style": "bezier", "opacity": 0.8 } },
      { selector: "edge[status = 'fading'], edge[status = 'ended'], edge[status = 'negated']", style: { "line-style": "dashed", "opacity": 0.5 } },
      { selector: "edge[confirmed > 0]", style: { "line-style": "solid", "opacity": 1, "underlay-color": "#27ae60", "underlay-padding": 3, "underlay-opacity": 0.35 } },
      { selector: "edge:selected", style: { "underlay-color": "#1d2330", "underlay-padding": 4, "underlay-opacity": 0.3 } },
    ],
  });
  window.syndicateMap = cy; // for the browser tests and the curious

  function params() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v !== "") p.append(k, v);
    if (state.at) p.set("at", state.at);
    if (state.focus) p.set("focus", state.focus);
    return p;
  }

  const edgeId = (e) => `${e.subject}|${e.relation}|${e.object}`;

  // The first map comes inside the page (one round trip less); later ones from /map.json.
  let embedded = JSON.parse(document.getElementById("map-data").textContent);

  async function load() {
    const seq = ++state.seq;
    status.textContent = "Loading…";
    let data = embedded;
    embedded = null;
    if (!data) {
      const res = await fetch("/map.json?" + params().toString());
      data = await res.json();
      if (seq !== state.seq) return; // a newer request is on its way
      if (!res.ok) { status.textContent = data.error.message; return; }
    }
    const positions = {};
    cy.nodes().forEach((n) => { positions[n.id()] = { ...n.position() }; });
    const maxSrc = Math.max(1, ...data.nodes.map((n) => n.sources));
    const size = (n) => 14 + 34 * Math.sqrt(n.sources / maxSrc);
    const first = cy.nodes().length === 0 || Object.keys(positions).length === 0;
    // A new map is laid out before it is added: the nodes go in where they belong.
    const placed = first || state.relayout ? layoutOf(data.nodes.map((n) => n.id),
      data.edges.map((e) => [e.subject, e.object]), data.nodes.map(size)) : null;
    const hubs = new Set([...data.nodes].sort((a, b) => b.sources - a.sources).slice(0, HUBS).map((n) => n.id));
    state.relayout = false;
    const elements = data.nodes.map((n) => {
      const [shape, color] = KIND[n.kind] || KIND.other;
      return { group: "nodes", data: {
        id: n.id, name: n.name, kind: n.kind || "other", provisional: n.provisional, shape, color,
        size: size(n) }, position: (placed || positions)[n.id], classes: hubs.has(n.id) ? "hub" : "" };
    });
    for (const e of data.edges) elements.push({ group: "edges", data: {
      id: edgeId(e), source: e.subject, target: e.object, relation: e.relation, directed: e.directed,
      color: REL[e.relation] || "#999", arrow: e.directed ? "triangle" : "none",
      status: e.status, confidence: e.confidence, confirmed: e.n_confirmed || 0,
      curatedOnly: e.n_claims === e.n_curated,
      width: 1 + 6 * e.confidence } });
    cy.batch(() => { cy.elements().remove(); cy.add(elements); });
    if (state.focus) cy.$id(state.focus).addClass("focus");
    if (placed) fitTo(Object.values(placed));
    else placeNew(positions);
    nameFor(cy.zoom(), true);
    if (state.selected) cy.$id(state.selected).select();
    const shown = data.edges.length;
    const left = Object.entries(data.hidden_by_relation || {}).map(([r, n]) => `${n}${data.total_is_estimate ? "+" : ""} ${r}`).join(", ");
    const more = data.hidden_edges ? ` of ${data.total_edges.toLocaleString()}${data.total_is_estimate ? "+" : ""} (strongest first; not shown: ${left}; raise the cap, filter or focus to see them)` : "";
    status.textContent = `${shown} edges${more}, ${data.nodes.length} actors` +
      (state.at ? `, on ${state.at}` : "") + (state.focus ? `, around ${state.focus}` : "");
    status.dataset.edges = String(shown);
    status.dataset.at = state.at || "";
    box.dataset.loaded = String(state.seq);
    // for benchmarks/bench_web.py's page-load breakdown: laid out now, drawn at the next frame
    performance.mark("map-loaded");
    cy.one("render", () => { performance.mark("map-drawn"); box.dataset.drawn = String(seq); });
    focusClear.hidden = !state.focus;
  }

  // The layout: a force-directed one of our own (Fruchterman-Reingold with gravity, the
  // repulsion cut off beyond two ideal edge lengths on a grid of cells), so a capped map of
  // hundreds of actors lays out in tens of milliseconds where cytoscape's cose takes most
  // of a second. Gravity packs the many small components of a capped map round the centre
  // instead of flinging them to the rim; starting points come from the actors' ids, so the
  // same map comes out the same. Then the view fits it to the canvas.
  function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0) / 4294967296;
  }

  function forces(nodes, links, seed, aspect, radii) {
    const n = nodes.length, k = 70, cell = 2 * k;
    const x = new Float64Array(n), y = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
    // separate()'s grid of cells, as a hash table of chains
    const size = 1 << Math.ceil(Math.log2(2 * n + 2)), mask = size - 1;
    const head = new Int32Array(size), next = new Int32Array(n), cx = new Int32Array(n), cyy = new Int32Array(n);
    const slot = (gx, gy) => (Math.imul(gx, 73856093) ^ Math.imul(gy, 19349663)) & mask;
    const radius = Math.sqrt(n) * k / 2;
    nodes.forEach((id, i) => {
      const a = 2 * Math.PI * hash(id + seed), r = radius * Math.sqrt(hash(seed + id + "r"));
      x[i] = r * Math.cos(a) * aspect; y[i] = r * Math.sin(a);
    });
    // The page's first map is laid out by code the browser has not compiled yet, so every
    // step counts: 60 steps cooling to the floor give the map 120 slower ones gave.
    const iterations = 60;
    let t = radius / 3;
    // the grid as a dense array of chains over the actors' extent, rebuilt at each step;
    // each pair of actors in neighbouring cells is met once (own cell, then the four cells
    // after it), half the pairs a look round all nine cells visits
    let cells = new Int32Array(64);
    const repel = (i, j, it) => {
      let ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey;
      if (d2 > cell * cell) return;
      if (d2 < 0.01) { ex = hash(nodes[i] + it) - 0.5; ey = hash(nodes[j] + it) - 0.5; d2 = ex * ex + ey * ey; }
      const f = k * k / d2;
      dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
    };
    for (let it = 0; it < iterations; it++) {
      dx.fill(0); dy.fill(0);
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < n; i++) {
        if (x[i] < x0) x0 = x[i];
        if (x[i] > x1) x1 = x[i];
        if (y[i] < y0) y0 = y[i];
        if (y[i] > y1) y1 = y[i];
      }
      const gw = Math.floor((x1 - x0) / cell) + 1, gh = Math.floor((y1 - y0) / cell) + 1;
      if (gw * gh > cells.length) cells = new Int32Array(gw * gh);
      cells.fill(-1, 0, gw * gh);
      for (let i = 0; i < n; i++) {
        cx[i] = Math.floor((x[i] - x0) / cell); cyy[i] = Math.floor((y[i] - y0) / cell);
        const c = cx[i] + cyy[i] * gw;
        next[i] = cells[c]; cells[c] = i;
      }
      for (let i = 0; i < n; i++) {
        const gx = cx[i], gy = cyy[i];
        for (let j = next[i]; j !== -1; j = next[j]) repel(i, j, it);
        if (gx + 1 < gw) {
          for (let j = cells[gx + 1 + gy * gw]; j !== -1; j = next[j]) repel(i, j, it);
          if (gy > 0) for (let j = cells[gx + 1 + (gy - 1) * gw]; j !== -1; j = next[j]) repel(i, j, it);
          if (gy + 1 < gh) for (let j = cells[gx + 1 + (gy + 1) * gw]; j !== -1; j = next[j]) repel(i, j, it);
        }
        if (gy + 1 < gh) for (let j = cells[gx + (gy + 1) * gw]; j !== -1; j = next[j]) repel(i, j, it);
      }
      for (const [a, b] of links) {
        const ex = x[a] - x[b], ey = y[a] - y[b], d = Math.sqrt(ex * ex + ey * ey) || 0.01;
        const f = d / k;
        dx[a] -= ex * f; dy[a] -= ey * f; dx[b] += ex * f; dy[b] += ey * f;
      }
      let moved = 0;
      for (let i = 0; i < n; i++) {
        dx[i] -= x[i] * 0.08 / aspect; dy[i] -= y[i] * 0.08;  // an ellipse the canvas's shape
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, step = Math.min(d, t);
        x[i] += dx[i] / d * step; y[i] += dy[i] / d * step;
        moved += step;
      }
      if (it > 30 && moved / n < 1) break;  // settled
      t = Math.max(t * 0.92, 2);
    }
    separate(x, y, radii, { head, next, cx, cyy, slot, cell });
    const out = {};
    nodes.forEach((id, i) => { out[id] = { x: x[i], y: y[i] }; });
    return out;
  }

  // Then push apart the actors that still touch (large ones near the centre): a few passes
  // over the same grid, each pair moved half the overlap and a little more.
  function separate(x, y, radii, g) {
    const n = x.length;
    for (let pass = 0; pass < 12; pass++) {
      let moved = 0;
      g.head.fill(-1);
      for (let i = 0; i < n; i++) {
        g.cx[i] = Math.floor(x[i] / g.cell); g.cyy[i] = Math.floor(y[i] / g.cell);
        const h = g.slot(g.cx[i], g.cyy[i]);
        g.next[i] = g.head[h]; g.head[h] = i;
      }
      for (let i = 0; i < n; i++) {
        for (let gx = g.cx[i] - 1; gx <= g.cx[i] + 1; gx++) for (let gy = g.cyy[i] - 1; gy <= g.cyy[i] + 1; gy++) {
          for (let j = g.head[g.slot(gx, gy)]; j !== -1; j = g.next[j]) {
            if (j <= i || g.cx[j] !== gx || g.cyy[j] !== gy) continue;
            const ex = x[i] - x[j], ey = y[i] - y[j], d = Math.sqrt(ex * ex + ey * ey) || 0.01;
            const gap = radii[i] + radii[j] + 6 - d;
            if (gap <= 0) continue;
            const m = gap / 2 / d;
            x[i] += ex * m; y[i] += ey * m; x[j] -= ex * m; y[j] -= ey * m;
            moved++;
          }
        }
      }
      if (!moved) return;
    }
  }

  let arranged = 0;
  function layoutOf(ids, pairs, sizes) {
    const index = new Map(ids.map((id, i) => [id, i]));
    const aspect = Math.max(0.5, Math.min(2.5, cy.width() / Math.max(1, cy.height())));
    return forces(ids, pairs.map(([a, b]) => [index.get(a), index.get(b)]), String(arranged), aspect,
                  Float64Array.from(sizes, (size) => size / 2));
  }

  function arrange(again) {
    if (again) arranged += 1;
    const positions = layoutOf(cy.nodes().map((n) => n.id()),
                               cy.edges().map((e) => [e.data("source"), e.data("target")]),
                               cy.nodes().map((n) => n.data("size")));
    cy.nodes().positions((n) => positions[n.id()]);
    fitTo(Object.values(positions));
  }

  // Fit the view to the computed positions without asking cytoscape for the bounding box
  // of every element and label (measuring hundreds of labels costs more than the layout).
  // The margin leaves room for the largest node and a label below it.
  function fitTo(points) {
    if (!points.length) return;
    const margin = 60;
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    for (const p of points) { x1 = Math.min(x1, p.x); x2 = Math.max(x2, p.x); y1 = Math.min(y1, p.y); y2 = Math.max(y2, p.y); }
    x1 -= margin; y1 -= margin; x2 += margin; y2 += margin;
    const w = cy.width(), h = cy.height();
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), 1.5, w / (x2 - x1), h / (y2 - y1)));
    cy.viewport({ zoom, pan: { x: w / 2 - zoom * (x1 + x2) / 2, y: h / 2 - zoom * (y1 + y2) / 2 } });
  }

  const HUBS = 25, NAMES_FROM_ZOOM = 0.75;
  let named = false;
  function nameFor(zoom, again) {
    const all = zoom >= NAMES_FROM_ZOOM;
    if (all === named && !again) return;
    named = all;
    cy.batch(() => { if (all) cy.nodes().addClass("named"); else cy.nodes().removeClass("named"); });
  }
  cy.on("zoom", () => nameFor(cy.zoom(), false));

  // Keep known actors where they were (the time slider replays a stable map); put new
  // ones beside a neighbour already placed.
  function placeNew(positions) {
    const fresh = cy.nodes().filter((n) => !positions[n.id()]);
    if (fresh.length > cy.nodes().length / 2) { arrange(); return; }
    const ext = cy.nodes().filter((n) => positions[n.id()]).boundingBox();
    fresh.forEach((n) => {
      const known = n.neighborhood("node").filter((m) => positions[m.id()]);
      const base = known.length ? positions[known[0].id()] : { x: ext.x1 + Math.random() * ext.w, y: ext.y1 + Math.random() * ext.h };
      n.position({ x: base.x + (Math.random() - 0.5) * 60, y: base.y + (Math.random() - 0.5) * 60 });
    });
  }

  function marked(sentence, marks) {
    const out = el("blockquote", { class: "sentence" });
    let pos = 0;
    for (const m of marks || []) {
      if (m.start < pos || m.end > sentence.length) continue;
      out.append(sentence.slice(pos, m.start), el("mark", { class: "arg " + m.side, text: sentence.slice(m.start, m.end) }));
      pos = m.end;
    }
    out.append(sentence.slice(pos));
    return out;
  }

  function claimItem(c, refresh) {
    const cls = ["claim", c.polarity, c.review ? "review-" + c.review.verdict : ""].join(" ");
    const li = el("li", { class: cls, "data-claim": c.id });
    li.append(c.curated ? el("p", { class: "sentence curated", text: "Dictionary fact" + (c.time && c.time.value ? ", from " + c.time.value : "") })
                        : marked(c.sentence || "", c.marks));
    const meta = el("p", { class: "meta" }, el("span", { class: "pol", text: c.polarity }), " · ",
                    el("span", { class: "mod", text: c.modality }));
    if (c.time && c.time.value) meta.append(" · " + c.time.value);
    if (c.attribution) meta.append(" · according to ", el("span", { class: "attr", text: c.attribution }));
    if (c.source && !c.curated) meta.append(" · ", el("span", { class: "src", text: c.source }));
    if (c.published) meta.append(" · published " + c.published);
    meta.append(" · conf. " + (c.confidence || 0).toFixed(2));
    if (c.doc) meta.append(" · ", el("a", { class: "doclink", href: `/documents/${encodeURIComponent(c.doc)}#s${c.start}`, text: "document" }));
    if (c.review) meta.append(" · ", el("strong", { class: "verdict", text: c.review.verdict }), c.review.note ? ` (${c.review.note})` : "");
    li.append(meta);
    if (!c.curated) {
      const note = el("input", { type: "text", class: "note", placeholder: "note (optional)", "aria-label": "note" });
      const buttons = el("p", { class: "review-buttons" });
      const verdicts = [["confirmed", "Confirm"], ["rejected", "Reject"]];
      if (c.review) verdicts.push(["withdrawn", "Undo"]);
      for (const [verdict, label] of verdicts) {
        const b = el("button", { type: "button", "data-verdict": verdict, text: label });
        b.addEventListener("click", async () => {
          try { await review(c.id, verdict, note.value); await refresh(); }
          catch (err) { window.alert(err.message); }
        });
        buttons.append(b);
      }
      buttons.append(note);
      li.append(buttons);
    }
    return li;
  }

  async function showEdge(id) {
    const [s, r, o] = id.split("|");
    state.selected = id;
    const url = `/edges/${encodeURIComponent(s)}/${encodeURIComponent(r)}/${encodeURIComponent(o)}`;
    const res = await fetch(url + ".json");
    const data = await res.json();
    panel.replaceChildren();
    if (!res.ok) { panel.append(el("p", { class: "error", text: data.error.message })); return; }
    const refresh = async () => { await load(); await showEdge(id); };
    const e = data.edge;
    panel.append(el("h2", { id: "edge-title" },
      el("a", { href: "/actors/" + encodeURIComponent(s), text: data.subject.name }), " ",
      el("span", { class: "rel rel-" + r, text: r + (e && e.directed ? " →" : "") }), " ",
      el("a", { href: "/actors/" + encodeURIComponent(o), text: data.object.name })));
    if (e) panel.append(el("p", { class: "edge-summary" }, "Status ", el("strong", { text: e.status }),
      ", confidence ", el("strong", { class: "confidence", text: e.confidence.toFixed(2) }),
      `, ${e.n_claims} claims, ${e.n_sources} independent sources` +
      (e.n_confirmed ? `, ${e.n_confirmed} confirmed` : "") + (e.n_rejected ? `, ${e.n_rejected} rejected` : "") + ". ",
      el("a", { href: url, text: "page" }), " · ",
      el("a", { href: `/pairs/${encodeURIComponent(s)}/${encodeURIComponent(o)}`, text: "timeline" })));
    for (const g of data.groups) {
      panel.append(el("h3", { text: `${g.polarity} · ${g.modality} (${g.n})` }));
      const ul = el("ul", { class: "claims" });
      for (const c of g.claims) ul.append(claimItem(c, refresh));
      panel.append(ul);
    }
    if (data.next) panel.append(el("p", {}, el("a", { href: url + "?page=2", text: `All ${data.total} claims` })));
    panel.dataset.edge = id;
  }

  cy.on("tap", "edge", (ev) => showEdge(ev.target.id()));
  cy.on("tap", "node", (ev) => { state.focus = ev.target.id(); state.selected = null; state.relayout = true; load(); });

  // Search as you type
  const search = document.getElementById("actor-search");
  const hits = document.getElementById("actor-hits");
  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      if (!q) { hits.hidden = true; return; }
      const res = await fetch("/actors.json?limit=12&q=" + encodeURIComponent(q));
      const data = await res.json();
      hits.replaceChildren(...data.items.map((a) => {
        const li = el("li", { "data-id": a.id }, el("strong", { text: a.name }), " ", el("small", { text: a.kind || "" }));
        li.addEventListener("click", () => { state.focus = a.id; state.relayout = true; hits.hidden = true; search.value = a.name; load(); });
        return li;
      }));
      hits.hidden = data.items.length === 0;
    }, 150);
  });

  focusClear.addEventListener("click", () => { state.focus = null; state.relayout = true; load(); });
  document.getElementById("relayout").addEventListener("click", () => arrange(true));
  form.addEventListener("change", (ev) => { if (ev.target !== slider && ev.target !== search) load(); });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  const conf = form.elements.min_confidence;
  conf.addEventListener("input", () => { document.getElementById("conf-out").textContent = conf.value; });

  // Time slider: the map on the last day of the chosen year.
  function setYear(year) {
    state.at = year ? `${year}-12-31` : null;
    timeOut.textContent = year ? String(year) : "now";
    if (year) slider.value = year;
    load();
  }
  slider.addEventListener("input", () => setYear(slider.value));
  document.getElementById("time-now").addEventListener("click", () => setYear(null));
  let playing = null;
  document.getElementById("time-play").addEventListener("click", () => {
    if (playing) { clearInterval(playing); playing = null; return; }
    let y = Number(slider.min);
    setYear(y);
    playing = setInterval(() => { y += 1; if (y > Number(slider.max)) { clearInterval(playing); playing = null; return; } setYear(y); }, 900);
  });

  load();
})();
