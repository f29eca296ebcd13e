"""Run the per-document pipeline on a Dask cluster; the caller's single writer stores results.

``process_on_dask`` streams documents to the cluster in batches, keeps a bounded number of
batches in flight and yields ``Processed`` records in input order, so the caller can hand
them to ``Store.add`` one by one exactly as with ``pipeline.process_all``.

What travels with each task is the batch and a small ``PipelineSpec`` (the text of the
analyst's overlay files, not paths, plus a fingerprint of the bundled dictionary). Each
worker process builds its ``Pipeline`` from the spec once and keeps it; the dictionary
and its alias automaton are never shipped. Workers need the same Syndicate version as the
client, but not the client's files.

Nothing is lost on bad input: every document is processed under its own ``try``; a batch
that fails as a whole on the cluster (a worker killed by a hostile document, say) is
retried one document per task, and only documents that still fail are recorded, each with
its reason. A dictionary that cannot be built raises, as it would in-process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import uuid
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import DictionaryError, SettingsError
from .model import Processed, RawDocument
from .pipeline import Pipeline

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["BATCH_SIZE", "PipelineSpec", "connect", "process_batch", "process_on_dask"]

log = logging.getLogger(__name__)

LOCAL = "local"
BATCH_SIZE = 64  # documents per task: a task runs for about a second on the seed articles


# --- connecting ------------------------------------------------------------------------------


def connect(address: str, *, workers: int | None = None,
            dashboard_address: str | None = ":8787") -> Client:
    """A Dask client for ``address``: ``"local"`` or a scheduler address.

    ``"local"`` starts a LocalCluster on this machine, one single-threaded worker process
    per core (``workers`` to choose), because the pipeline is pure Python and holds the
    GIL; closing the client closes that cluster. Any other value (``tcp://host:8786``,
    ``tls://...``) connects to a running scheduler, which closing the client leaves running.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise SettingsError("Dask is not installed; install it with "
                            "pip install 'syndicate[dask]'") from exc
    address = address.strip()
    if not address:
        raise SettingsError("empty Dask address; give 'local' or a scheduler address "
                            "such as tcp://10.0.0.5:8786")
    if address == LOCAL:
        n = workers or _cores()
        # No address: the Client starts the LocalCluster itself and closes it on close().
        client = Client(n_workers=n, threads_per_worker=1, processes=True,
                        dashboard_address=dashboard_address, set_as_default=False)
        log.info("started a local Dask cluster: %d workers, dashboard %s", n,
                 client.dashboard_link)
        return client
    if workers is not None:
        raise SettingsError("'workers' applies only to a local Dask cluster; a remote "
                            "cluster's size is set where it is deployed")
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SettingsError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    log.info("connected to the Dask scheduler at %s", address)
    return client


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours CPU pinning in containers
    except AttributeError:
        return os.cpu_count() or 1


# --- what a worker needs -----------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineSpec:
    """Everything a worker needs to build the client's Pipeline; small enough for every task."""

    overlays: tuple[tuple[str, str], ...]  # (file name, YAML text), in the order laid on
    candidates: bool
    bundled: str  # fingerprint of the bundled data the client's dictionary was built from
    key: str  # cache key over all of the above
    extractor: str = "rules"
    model_threshold: float | None = None

    @classmethod
    def from_paths(cls, overlays: Iterable[str | Path] = (), *, candidates: bool = True,
                   extractor: str = "rules",
                   model_threshold: float | None = None) -> PipelineSpec:
        """Read overlay files now, on the client; missing ones are skipped as in-process."""
        texts = tuple((Path(p).name, Path(p).read_text("utf-8"))
                      for p in overlays if Path(p).exists())
        bundled = bundled_fingerprint()
        digest = hashlib.sha256(repr((texts, candidates, bundled, extractor,
                                      model_threshold)).encode("utf-8"))
        return cls(texts, candidates, bundled, digest.hexdigest()[:16], extractor,
                   model_threshold)

    def build(self) -> Pipeline:
        here = bundled_fingerprint()
        if here != self.bundled:
            raise DictionaryError(
                f"this Dask worker's bundled dictionary ({here}) differs from the client's "
                f"({self.bundled}); install the same Syndicate version on every worker")
        with tempfile.TemporaryDirectory(prefix="syndicate-overlays-") as folder:
            paths = []
            for n, (name, text) in enumerate(self.overlays):
                path = Path(folder) / str(n) / name  # keeps the name for error messages
                path.parent.mkdir()
                path.write_text(text, "utf-8")
                paths.append(path)
            return Pipeline(overlays=paths, candidates=self.candidates,
                            extractor=self.extractor, model_threshold=self.model_threshold)


def bundled_fingerprint() -> str:
    """Syndicate's version and a hash of its packaged data files (actors, rules, relations)."""
    data = resources.files("syndicate").joinpath("data")
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(str(data)).rglob("*.yaml")):
        digest.update(path.relative_to(Path(str(data))).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}:{digest.hexdigest()[:12]}"


# Per-worker-process cache: PipelineSpec.key -> Pipeline. This is the one piece of module
# state, on purpose: building a Pipeline loads the dictionary and compiles the automaton
# (about 0.6 s and 2.5 MB), so each worker process does it once per dictionary rather
# than once per task. Bounded, since a long-lived cluster may serve clients with different
# overlays; locked, since a worker may run several tasks in threads.
_PIPELINES: OrderedDict[str, Pipeline] = OrderedDict()
_PIPELINES_LOCK = threading.Lock()
_PIPELINES_KEPT = 4


def _pipeline_for(spec: PipelineSpec) -> Pipeline:
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(spec.key)
        if pipeline is None:
            log.info("building the pipeline for dictionary %s in process %d", spec.key,
                     os.getpid())
            pipeline = spec.build()
            _PIPELINES[spec.key] = pipeline
            while len(_PIPELINES) > _PIPELINES_KEPT:
                _PIPELINES.popitem(last=False)
        _PIPELINES.move_to_end(spec.key)
        return pipeline


def process_batch(raws: list[RawDocument], spec: PipelineSpec) -> list[Processed]:
    """The task run on a worker: every document under its own ``try``, results in order."""
    pipeline = _pipeline_for(spec)
    out = []
    for raw in raws:
        try:
            out.append(pipeline.process(raw))
        except Exception as exc:  # keep the batch going; the reason is recorded
            log.exception("failed on %s", raw.source)
            out.append(Processed(source=raw.source,
                                 error=f"internal error: {type(exc).__name__}: {exc}"))
    return out


# --- the client side ---------------------------------------------------------------------------


def process_on_dask(raws: Iterable[RawDocument], *, client: Client,
                    overlays: Iterable[str | Path] = (), candidates: bool = True,
                    batch_size: int = BATCH_SIZE, max_in_flight: int = 4,
                    extractor: str = "rules",
                    model_threshold: float | None = None) -> Iterator[Processed]:
    """Process documents on a Dask cluster; yields one ``Processed`` per input, in order.

    At most ``max_in_flight`` batches of ``batch_size`` documents are on the cluster at a
    time and ``raws`` is read only as fast as results come back, so memory stays bounded
    however large the archive. Overlay files are read here, when called. Stopping early
    (closing the iterator) cancels what is still running.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if max_in_flight < 1:
        raise ValueError(f"max_in_flight must be at least 1, not {max_in_flight}")
    spec = PipelineSpec.from_paths(overlays, candidates=candidates, extractor=extractor,
                                   model_threshold=model_threshold)
    return _stream(iter(raws), client, spec, batch_size=batch_size, max_in_flight=max_in_flight)


def _stream(docs: Iterator[RawDocument], client: Client, spec: PipelineSpec, *,
            batch_size: int, max_in_flight: int) -> Iterator[Processed]:
    pending: deque[tuple[list[RawDocument], Any]] = deque()
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < max_in_flight:
                batch = list(islice(docs, batch_size))
                if batch:
                    pending.append((batch, _submit(client, batch, spec)))
                exhausted = len(batch) < batch_size
            if not pending:
                return
            batch, future = pending.popleft()
            yield from _collect(client, batch, future, spec)
    finally:
        for _, future in pending:
            future.cancel()


def _submit(client: Client, batch: list[RawDocument], spec: PipelineSpec) -> Any:
    # A unique key: identical batches are separate work, and hashing documents costs time.
    return client.submit(process_batch, batch, spec,
                         key=f"syndicate-batch-{uuid.uuid4().hex}", pure=False)


def _collect(client: Client, batch: list[RawDocument], future: Any,
             spec: PipelineSpec) -> list[Processed]:
    try:
        results: list[Processed] = future.result()
    except DictionaryError as exc:
        # The dictionary, not the input: every batch would fail the same way. Raised anew
        # because the round trip through pickle doubles the message's code.
        raise DictionaryError(exc.reason) from exc
    except Exception as exc:  # includes futures cancelled by a cluster restart
        if len(batch) == 1:
            log.error("failed on the Dask cluster: %s: %s", batch[0].source, exc)
            return [Processed(source=batch[0].source,
                              error=f"internal error on the Dask cluster: "
                                    f"{type(exc).__name__}: {exc}")]
        # The task died as a whole (worker killed, cluster restarted): find out which
        # document it was by running each on its own, so the others are not lost.
        log.warning("a batch of %d documents failed on the Dask cluster (%s: %s); "
                    "retrying them one by one", len(batch), type(exc).__name__, exc)
        singles = [([raw], _submit(client, [raw], spec)) for raw in batch]
        try:
            return [item for one, single in singles
                    for item in _collect(client, one, single, spec)]
        finally:
            for _, single in singles:
                single.cancel()
    if len(results) != len(batch):  # cannot happen unless the task itself is broken
        raise RuntimeError(f"a batch of {len(batch)} documents came back with "
                           f"{len(results)} results")
    return results
