"""The web map: a Starlette application over one store.

Every page is a view that returns data; the same view serves ``/path`` as HTML (a Jinja2
template, autoescaped) and ``/path.json`` as JSON, so pages and API cannot drift apart.
Errors use one envelope, ``{"error": {"status", "code", "message"}}``; ``/openapi.json``
describes every route from the same table that registers them.

Why Starlette: a small ASGI toolkit (routing, a threadpool for blocking SQLite reads,
test client, static files) without FastAPI's pydantic layer, which would duplicate the
data contract the rest of Syndicate already defines as plain dicts. Datasette would serve
tables, not the analyst's views, and brings its own page model.

Concurrency: reads run in the threadpool, each thread with its own read connection;
writes (reviews) run on the event loop thread, one at a time, through the knowledge base.
SQLite's WAL lets them all go on while ``syndicate ingest`` writes from another process.
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import __version__, mapquery
from ..api import KnowledgeBase
from ..edges import edges_stale, refresh_edges
from ..errors import SyndicateError, UnknownActorError, VocabularyError
from ..graph import SYMMETRIC
from ..reviews import (
    ReviewError,
    list_reviews,
    review_candidate,
    review_claim,
    settled_candidates,
)
from ..store import Store

__all__ = ["CSP", "Settings", "create_app"]

log = logging.getLogger(__name__)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
STATUS_OF: dict[type, int] = {mapquery.NotFound: 404, UnknownActorError: 404,
                              mapquery.BadQuery: 400, ReviewError: 400, VocabularyError: 400}
RELATIONS = ("cooperates_with", "ceasefire_with", "fights", "attacks", "supports", "part_of",
             "splinter_of", "merged_with", "controls", "negotiates_with", "leads", "member_of")
MODALITIES = ("asserted", "reported", "alleged", "believed", "possible", "denied", "desired")
STATUSES = ("active", "fading", "ended", "negated", "unaffirmed")


@dataclass
class Settings:
    db: str
    host: str = "127.0.0.1"
    token: str | None = None  # needed for writes when not bound to loopback
    overlays: tuple[str, ...] = ()
    today: str | None = None  # judge statuses at this day (tests); default today
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_token(self) -> bool:
        return self.host not in LOOPBACK


class ApiError(SyndicateError):
    """A bad request to the web API (parameter, method, token, origin)."""

    code = "E080"

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- the route table


@dataclass
class Param:
    name: str
    where: str = "query"  # query | path
    type: str = "string"
    description: str = ""
    many: bool = False


@dataclass
class Page:
    path: str
    view: Callable[..., Any]
    template: str | None
    summary: str
    params: list[Param]
    method: str = "GET"


PAGES: list[Page] = []


def page(path: str, template: str | None, *params: Param, method: str = "GET",
         ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        summary = (view.__doc__ or "").strip().splitlines()[0]
        PAGES.append(Page(path, view, template, summary, list(params), method))
        return view

    return register


def _one(request: Request, name: str, default: Any = None) -> Any:
    value = request.query_params.get(name)
    return default if value in (None, "") else value


def _many(request: Request, name: str) -> list[str]:
    out: list[str] = []
    for v in request.query_params.getlist(name):
        out += [x for x in v.split(",") if x]
    return out


def _int(request: Request, name: str, default: int) -> int:
    value = _one(request, name)
    try:
        return default if value is None else int(value)
    except ValueError as exc:
        raise ApiError(f"'{name}' must be a whole number, not {value!r}") from exc


def _float(request: Request, name: str, default: float) -> float:
    value = _one(request, name)
    try:
        return default if value is None else float(value)
    except ValueError as exc:
        raise ApiError(f"'{name}' must be a number, not {value!r}") from exc


def _check(values: list[str], known: tuple[str, ...], name: str) -> list[str]:
    bad = [v for v in values if v not in known]
    if bad:
        raise ApiError(f"Unknown {name} {', '.join(map(repr, bad))}. Known: {', '.join(known)}.")
    return values


PAGING = (Param("page", type="integer", description="page number, from 1"),
          Param("per_page", type="integer", description="items per page (max 200)"))
MAP_FILTERS = (
    Param("relation", many=True, description="relations to show (repeat or comma-separate)"),
    Param("kind", many=True, description="actor kinds; both ends must be one of them"),
    Param("region", many=True, description="regions; either end in one of them"),
    Param("min_confidence", type="number", description="lowest edge confidence, 0..1"),
    Param("modality", many=True, description="modality of the edge's latest claim"),
    Param("origin", description="'curated' (dictionary facts) or 'extracted' (from text)"),
    Param("status", many=True, description="statuses to show (default active, fading)"),
    Param("at", description="replay the map on this day (YYYY, YYYY-MM or YYYY-MM-DD)"),
    Param("limit", type="integer", description="most edges to return (default 150)"),
)


# ---------------------------------------------------------------- views


class Context:
    """What a view gets: the request, a read connection and the settings."""

    def __init__(self, request: Request, store: Store, settings: Settings) -> None:
        self.request = request
        self.store = store
        self.settings = settings


def _map_filters(ctx: Context) -> dict[str, Any]:
    r = ctx.request
    origin = _one(r, "origin")
    if origin not in (None, "curated", "extracted"):
        raise ApiError("'origin' is 'curated' or 'extracted'")
    at = _one(r, "at")
    if at is not None:
        from ..graph import parse_date

        try:
            parse_date(at)
        except ValueError as exc:
            raise ApiError(f"'at': {exc}") from exc
    return {
        "relations": _check(_many(r, "relation"), RELATIONS, "relation"),
        "kinds": _many(r, "kind"), "regions": _many(r, "region"),
        "min_confidence": _float(r, "min_confidence", 0.0),
        "modalities": _check(_many(r, "modality"), MODALITIES, "modality"),
        "origin": origin, "at": at,
        "statuses": _check(_many(r, "status"), STATUSES, "status") or ("active", "fading"),
        "limit": _int(r, "limit", mapquery.DEFAULT_EDGES), "today": ctx.settings.today,
    }


@page("/map", "map.html", *MAP_FILTERS, Param("focus", description="an actor id: its "
      "neighbourhood"))
def map_view(ctx: Context) -> dict[str, Any]:
    """The network: actors and their strongest relations, filtered, capped."""
    data = mapquery.network(ctx.store, focus=_one(ctx.request, "focus"), **_map_filters(ctx))
    data["range"] = mapquery.map_range(ctx.store)
    return data


@page("/actors/{actor}/neighbourhood", None, Param("actor", "path"), *MAP_FILTERS)
def neighbourhood_view(ctx: Context, actor: str) -> dict[str, Any]:
    """An actor's neighbourhood: its edges and those among its neighbours."""
    return mapquery.neighbourhood(ctx.store, actor, **_map_filters(ctx))


@page("/actors", "actors.html", Param("q", description="name, id or alias (prefix first)"),
      Param("limit", type="integer"))
def actors_view(ctx: Context) -> dict[str, Any]:
    """Actors whose name, id or alias matches (search as you type)."""
    q = _one(ctx.request, "q", "")
    return {"q": q, "items": mapquery.actor_search(ctx.store, q,
                                                   limit=min(_int(ctx.request, "limit", 20),
                                                             200))}


@page("/actors/{actor}", "actor.html", Param("actor", "path"))
def actor_view(ctx: Context, actor: str) -> dict[str, Any]:
    """An actor: names, parent and branches, relations, timeline, documents."""
    return mapquery.actor_page(ctx.store, actor, today=ctx.settings.today)


@page("/pairs/{a}/{b}", "pair.html", Param("a", "path"), Param("b", "path"))
def pair_view(ctx: Context, a: str, b: str) -> dict[str, Any]:
    """Two actors' relation over time: periods of one status, and every claim."""
    return mapquery.pair_timeline(ctx.store, a, b, today=ctx.settings.today)


@page("/edges/{subject}/{relation}/{object}", "edge.html", Param("subject", "path"),
      Param("relation", "path"), Param("object", "path"), *PAGING)
def edge_view(ctx: Context, subject: str, relation: str, object: str) -> dict[str, Any]:
    """An edge's evidence: its claims grouped by polarity and modality."""
    _check([relation], RELATIONS, "relation")
    return mapquery.edge_evidence(ctx.store, subject, relation, object,
                                  page=_int(ctx.request, "page", 1),
                                  per_page=_int(ctx.request, "per_page", 50),
                                  today=ctx.settings.today)


@page("/documents/{doc}", "document.html", Param("doc", "path", description="id or prefix"))
def document_view(ctx: Context, doc: str) -> dict[str, Any]:
    """A document's cleaned text with every mention and claim marked, and what cleaning
    removed."""
    return mapquery.document_view(ctx.store, doc)


@page("/contradictions", "contradictions.html", Param("actor"), *PAGING)
def contradictions_view(ctx: Context) -> dict[str, Any]:
    """Relations that sources both affirm and deny at overlapping times."""
    return mapquery.contradictions(ctx.store, actor=_one(ctx.request, "actor"),
                                   page=_int(ctx.request, "page", 1),
                                   per_page=_int(ctx.request, "per_page", 50))


@page("/candidates", "candidates.html")
def candidates_view(ctx: Context) -> dict[str, Any]:
    """Groups and people the dictionary does not know yet, with examples (a person with
    a role and a group); and the decisions taken on candidates, which can be undone."""
    return {"items": mapquery.candidates(ctx.store), "settled": settled_candidates(ctx.store)}


@page("/search", "search.html", Param("q", description="FTS5 query over sentences"),
      Param("relation"), Param("actor"), Param("since"), Param("until"), *PAGING)
def search_view(ctx: Context) -> dict[str, Any]:
    """Full-text search over sentences, with the claims each one carries."""
    r = ctx.request
    q = _one(r, "q")
    if not q:
        return {"query": "", "items": [], "page": 1, "per_page": 50, "next": None}
    relation = _one(r, "relation")
    if relation:
        _check([relation], RELATIONS, "relation")
    return mapquery.search(ctx.store, q, relation=relation, actor=_one(r, "actor"),
                           since=_one(r, "since"), until=_one(r, "until"),
                           page=_int(r, "page", 1), per_page=_int(r, "per_page", 50))


@page("/reviews", "reviews.html", *PAGING)
def reviews_view(ctx: Context) -> dict[str, Any]:
    """Every review, newest first."""
    return list_reviews(ctx.store, page=_int(ctx.request, "page", 1),
                        per_page=_int(ctx.request, "per_page", 50))


# ---------------------------------------------------------------- the application


class App:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kb = KnowledgeBase(settings.db, overlays=settings.overlays)
        self._local = threading.local()
        self.templates = Environment(
            loader=FileSystemLoader(str(Path(str(resources.files("syndicate"))) / "web" /
                                        "templates")),
            autoescape=select_autoescape(default=True, default_for_string=True))
        self.templates.globals.update(relations=RELATIONS, modalities=MODALITIES,
                                      symmetric=SYMMETRIC, version=__version__,
                                      urlencode=urlencode)
        self.templates.filters["marked"] = _marked
        self.templates.filters["first_map"] = first_map

    def startup(self) -> None:
        store = self.kb.store  # syncs the dictionary
        if edges_stale(store):
            log.info("bringing the map of %s up to date", self.settings.db)
            refresh_edges(store)

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.settings.db, dictionary=self.kb.dictionary)
            store.db.execute("PRAGMA query_only=1")
        store.dictionary = self.kb.dictionary  # a review may have changed the overlay
        return store

    # -- responses

    def render(self, request: Request, page: Page, data: dict[str, Any], as_json: bool,
               ) -> Response:
        if as_json or page.template is None:
            return JSONResponse(data)
        template = self.templates.get_template(page.template)
        html = template.render(data=data, request=request, path=request.url.path,
                               query=dict(request.query_params),
                               token=self.settings.token if not self.settings.needs_token
                               else "")
        return HTMLResponse(html)

    def error(self, request: Request, status: int, code: str, message: str) -> Response:
        body = {"error": {"status": status, "code": code, "message": message}}
        wants_html = (not request.url.path.endswith(".json")
                      and "text/html" in request.headers.get("accept", ""))
        if wants_html:
            html = self.templates.get_template("error.html").render(
                error=body["error"], path=request.url.path, query={}, token="")
            return HTMLResponse(html, status_code=status)
        return JSONResponse(body, status_code=status)

    def endpoint(self, page: Page, as_json: bool) -> Callable[[Request], Awaitable[Response]]:
        from starlette.concurrency import run_in_threadpool

        async def handle(request: Request) -> Response:
            kwargs = dict(request.path_params)

            def run() -> dict[str, Any]:
                return page.view(Context(request, self.reader(), self.settings), **kwargs)

            try:
                data = await run_in_threadpool(run)
            except SyndicateError as exc:
                status = getattr(exc, "status", None) or STATUS_OF.get(type(exc), 400)
                return self.error(request, status, exc.code, exc.reason)
            return self.render(request, page, data, as_json)

        return handle

    # -- writes

    def check_write(self, request: Request) -> None:
        """Writes need a token when the server is reachable from elsewhere, and never come
        from another site (checked on Origin and Sec-Fetch-Site)."""
        site = request.headers.get("sec-fetch-site")
        if site and site not in ("same-origin", "none"):
            raise ApiError("cross-site request refused", 403)
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            raise ApiError("cross-site request refused: Origin does not match Host", 403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise ApiError("write requests send JSON (Content-Type: application/json)", 415)
        if self.settings.needs_token:
            given = request.headers.get("x-syndicate-token", "")
            if not self.settings.token or not hmac.compare_digest(given, self.settings.token):
                raise ApiError("this server is not bound to 127.0.0.1: writes need the token "
                               "printed at start (header X-Syndicate-Token)", 401)

    async def write(self, request: Request, action: Callable[[dict[str, Any]], Any]) -> Response:
        try:
            self.check_write(request)
            try:
                body = await request.json()
            except ValueError as exc:
                raise ApiError("the request body is not valid JSON") from exc
            if not isinstance(body, dict):
                raise ApiError("the request body is a JSON object")
            result = action(body)  # on the event loop thread: one writer at a time
        except SyndicateError as exc:
            status = getattr(exc, "status", None) or STATUS_OF.get(type(exc), 400)
            return self.error(request, status, exc.code, exc.reason)
        return JSONResponse(result)

    async def post_review(self, request: Request) -> Response:
        def act(body: dict[str, Any]) -> Any:
            return review_claim(self.kb.store, str(body.get("claim") or ""),
                                str(body.get("verdict") or ""), note=body.get("note") or None,
                                reviewer=body.get("reviewer") or None)

        return await self.write(request, act)

    async def post_candidate(self, request: Request) -> Response:
        def act(body: dict[str, Any]) -> Any:
            return review_candidate(self.kb, str(body.get("candidate") or ""),
                                    str(body.get("action") or ""), into=body.get("into"),
                                    name=body.get("name") or None,
                                    note=body.get("note") or None,
                                    reviewer=body.get("reviewer") or None)

        return await self.write(request, act)

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi())


WRITES = [
    ("/reviews.json", "post_review", "Confirm, reject or withdraw a verdict on a claim",
     {"claim": "string", "verdict": "confirmed | rejected | withdrawn", "note": "string",
      "reviewer": "string"}),
    ("/candidates.json", "post_candidate",
     "Accept, alias or merge a candidate, or undo the decision taken on it",
     {"candidate": "string", "action": "accept | alias | merge | undo", "into": "actor id",
      "name": "string", "note": "string", "reviewer": "string"}),
]


def openapi() -> dict[str, Any]:
    """An OpenAPI 3.1 description of the JSON API, from the route table."""
    envelope = {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "status": {"type": "integer"}, "code": {"type": "string"},
        "message": {"type": "string"}}, "required": ["status", "code", "message"]}}}
    paths: dict[str, Any] = {}
    errors = {str(s): {"description": d, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}
        for s, d in (("400", "bad request"), ("404", "not found"))}
    for p in PAGES:
        params = []
        for prm in p.params:
            schema: dict[str, Any] = {"type": prm.type}
            if prm.many:
                schema = {"type": "array", "items": schema}
            params.append({"name": prm.name, "in": prm.where, "required": prm.where == "path",
                           "description": prm.description, "schema": schema,
                           **({"style": "form", "explode": True} if prm.many else {})})
        paths[p.path + ".json"] = {"get": {
            "summary": p.summary, "operationId": p.view.__name__, "parameters": params,
            "responses": {"200": {"description": "the page's data as JSON",
                                  "content": {"application/json": {}}}, **errors}}}
    for path, name, summary, fields in WRITES:
        paths[path] = {"post": {
            "summary": summary, "operationId": name,
            "parameters": [{"name": "X-Syndicate-Token", "in": "header", "required": False,
                            "description": "needed when the server is not bound to "
                                           "127.0.0.1", "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "properties": {k: {"type": "string", "description": v}
                                                 for k, v in fields.items()}}}}},
            "responses": {"200": {"description": "what was recorded"}, **errors,
                          "401": errors["400"] | {"description": "token missing"},
                          "403": errors["400"] | {"description": "cross-site request"}}}}
    return {"openapi": "3.1.0",
            "info": {"title": "Syndicate", "version": __version__,
                     "description": "The map of armed-group relations in one store. Every "
                                    "page at /path is also JSON at /path.json."},
            "paths": paths, "components": {"schemas": {"Error": envelope}}}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response


# What map.js reads of the first map, which the page carries inline (the rest of each edge
# is on /map.json and on the edge's page): a third of the bytes to send, escape and parse.
FIRST_MAP_NODE = ("id", "name", "kind", "provisional", "sources")
FIRST_MAP_EDGE = ("subject", "relation", "object", "directed", "status", "confidence",
                  "n_claims", "n_curated", "n_confirmed")
FIRST_MAP = ("total_edges", "total_is_estimate", "hidden_edges", "hidden_by_relation")


def first_map(data: dict[str, Any]) -> dict[str, Any]:
    """The map page's inline copy of its data, cut to what the page draws."""
    out = {k: data[k] for k in FIRST_MAP}
    out["nodes"] = [{k: n[k] for k in FIRST_MAP_NODE} for n in data["nodes"]]
    out["edges"] = [{k: e[k] for k in FIRST_MAP_EDGE} for e in data["edges"]]
    return out


def _marked(text: str | None, marks: list[dict[str, Any]]) -> Any:
    """A sentence with its argument spans in <mark>, every piece escaped."""
    from markupsafe import Markup, escape

    text = text or ""
    out, pos = [], 0
    for m in marks or []:
        if m["start"] < pos or m["end"] > len(text):
            continue
        out.append(escape(text[pos:m["start"]]))
        out.append(Markup('<mark class="arg {}">').format(m["side"]))
        out.append(escape(text[m["start"]:m["end"]]))
        out.append(Markup("</mark>"))
        pos = m["end"]
    out.append(escape(text[pos:]))
    return Markup("").join(out)


class StaticAssets:
    """The package's static files (the map's scripts, styles and vendored libraries), read
    once at start and answered from memory on the event loop: under load, the thread hand-offs
    of a file-serving route cost the map page more than its data. Browsers revalidate with
    the ETag (a hash of the content), so an upgrade is never served stale."""

    def __init__(self) -> None:
        import hashlib
        import mimetypes

        root = Path(str(resources.files("syndicate"))) / "web" / "static"
        self.files: dict[str, tuple[bytes, str, str]] = {}
        for path in sorted(root.rglob("*")):
            if path.is_file():
                body = path.read_bytes()
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                if kind.startswith("text/") or kind.endswith("javascript"):
                    kind += "; charset=utf-8"
                etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
                self.files[path.relative_to(root).as_posix()] = (body, kind, etag)

    async def serve(self, request: Request) -> Response:
        found = self.files.get(request.path_params["path"])
        if found is None:
            raise HTTPException(404)
        body, kind, etag = found
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=kind, headers=headers)


def create_app(settings: Settings) -> Starlette:
    """The application for one store (``syndicate serve`` runs it under uvicorn)."""
    if settings.needs_token and not settings.token:
        settings.token = secrets.token_urlsafe(24)
    app = App(settings)
    routes: list[Any] = []
    for p in PAGES:
        # the .json twin first: '{x}' would also match 'x.json'
        routes.append(Route(p.path + ".json", app.endpoint(p, True), methods=["GET"]))
        if p.template:
            routes.append(Route(p.path, app.endpoint(p, False), methods=["GET"]))
    routes[:0] = [
        Route("/reviews.json", app.post_review, methods=["POST"]),
        Route("/candidates.json", app.post_candidate, methods=["POST"]),
    ]
    routes += [
        Route("/", lambda r: RedirectResponse("/map"), methods=["GET"]),
        Route("/openapi.json", app.openapi, methods=["GET"]),
        Route("/static/{path:path}", StaticAssets().serve, methods=["GET"]),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        if status == 405:
            return app.error(request, 405, "E081", f"{request.method} is not allowed here")
        return app.error(request, status, "E082" if status == 404 else "E083",
                         f"No page at {request.url.path}" if status == 404 else
                         "internal error")

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return app.error(request, 500, "E083", "internal error; see the server log")

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_: Starlette) -> Any:
        app.startup()
        yield

    star = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                     exception_handlers={HTTPException: not_found, Exception: crashed},
                     lifespan=lifespan)
    star.state.app = app
    return star


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
