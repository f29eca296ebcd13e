// Shared behaviour of every page: review buttons and candidate actions.
// Article text is only ever inserted with textContent, never as HTML.
"use strict";

const Syndicate = (() => {
  const token = () => (document.querySelector('meta[name="syndicate-token"]') || {}).content || "";

  async function post(url, body) {
    const headers = { "Content-Type": "application/json" };
    const t = token() || window.sessionStorage.getItem("syndicate-token") || "";
    if (t) headers["X-Syndicate-Token"] = t;
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body),
                                   credentials: "same-origin" });
    const data = await res.json();
    if (!res.ok) {
      if (res.status === 401) {
        const given = window.prompt("This server needs its token for changes:");
        if (given) { window.sessionStorage.setItem("syndicate-token", given); return post(url, body); }
      }
      throw new Error((data.error && data.error.message) || res.statusText);
    }
    return data;
  }

  async function review(claim, verdict, note) {
    return post("/reviews.json", { claim, verdict, note: note || null });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "href") node.setAttribute("href", safeHref(v));
      else node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  // Links are built only from our own paths; anything else becomes inert.
  function safeHref(v) { return typeof v === "string" && v.startsWith("/") && !v.startsWith("//") ? v : "#"; }

  // Clicks on [data-verdict] buttons inside .review-buttons[data-claim] (server-rendered pages).
  document.addEventListener("click", async (ev) => {
    const button = ev.target.closest("button[data-verdict]");
    if (button && !button.closest("#panel")) {
      const box = button.closest("[data-claim]");
      const note = box.querySelector(".note");
      try {
        await review(box.dataset.claim, button.dataset.verdict, note && note.value);
        window.location.reload();
      } catch (err) { window.alert(err.message); }
    }
    const action = ev.target.closest("button[data-action]");
    if (action) {
      const box = action.closest("[data-candidate]");
      const into = box.querySelector(".into");
      const note = box.querySelector(".note");
      try {
        const r = await post("/candidates.json", { candidate: box.dataset.candidate, action: action.dataset.action,
                                                   into: into && into.value || null, note: note && note.value || null });
        window.location.href = r.action === "undo" ? "/candidates" : "/actors/" + encodeURIComponent(r.actor);
      } catch (err) { window.alert(err.message); }
    }
  });

  return { post, review, el, safeHref };
})();
