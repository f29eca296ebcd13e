import gzip
import io
import json

from syndicate.read import read


def test_reads_text_html_jsonl_and_gz(tmp_path):
    (tmp_path / "a.txt").write_text("The Haqqani network is backed by the ISI.", "utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hello</p></body></html>", "utf-8")
    records = [{"id": "x1", "text": "One.", "published": "2020-01-02", "url": "http://e/1"},
               {"id": "x2", "html": "<p>Two</p>"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"text": "Three."}) + "\n")
    docs = list(read([str(tmp_path)]))
    assert [d.error for d in docs] == [None] * 5
    by_source = {d.source.split("/")[-1]: d for d in docs}
    assert by_source["a.txt"].text.startswith("The Haqqani")
    assert by_source["b.html"].html is not None
    assert by_source["c.jsonl#x1"].published == "2020-01-02"
    assert by_source["c.jsonl#x2"].html == "<p>Two</p>"
    assert by_source["d.jsonl.gz#1"].text == "Three."


def test_bad_input_gives_a_reason_per_document_and_the_batch_goes_on(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "empty.txt").write_text("   \n", "utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks with the Taliban".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{not json\n{"title": "no text"}\n')
    (tmp_path / "ok.txt").write_text("Still read.", "utf-8")
    docs = {d.source.split("/")[-1]: d for d in read([str(tmp_path),
                                                      str(tmp_path / "missing.txt")])}
    assert "binary" in docs["binary.txt"].error
    assert docs["empty.txt"].error == "empty document"
    assert docs["latin1.txt"].error is None and "Café" in docs["latin1.txt"].text
    assert docs["bad.jsonl#1"].error is None
    assert "malformed JSON on line 2" in docs["bad.jsonl#2"].error
    assert "no 'text' or 'html'" in docs["bad.jsonl#3"].error
    assert docs["missing.txt"].error == "file not found"
    assert docs["ok.txt"].text == "Still read."


def test_stdin_and_globs(tmp_path):
    (tmp_path / "x.txt").write_text("From a glob.", "utf-8")
    docs = list(read([str(tmp_path / "*.txt"), "-"], stdin=io.BytesIO(b"From stdin.")))
    assert [d.text for d in docs] == ["From a glob.", "From stdin."]
    assert docs[1].source == "<stdin>"


def test_huge_document_is_refused_not_loaded(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, "utf-8")
    (doc,) = read([str(big)], max_bytes=100)
    assert "[E022] too large" in doc.error
