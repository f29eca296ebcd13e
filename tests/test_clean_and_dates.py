from syndicate.clean import clean_html, clean_text
from syndicate.dates import publication_date, sentence_time
from syndicate.model import DateInfo

from .conftest import seed


def reasons(cleaned):
    return [r.reason for r in cleaned.removed]


def test_repeated_article_is_kept_once(seeds_dir):
    cleaned = clean_text(seed("000").read_text("utf-8"))
    assert cleaned.text.count("three different factions") == 1
    assert reasons(cleaned).count("duplicate_paragraph") == 6


def test_share_counters_and_cookie_banner_are_dropped(seeds_dir):
    c2 = clean_text(seed("002").read_text("utf-8"))
    assert "share_counter" in reasons(c2)
    assert "\n\n0\n\n" not in c2.text and "160" not in c2.text.split("\n\n")[1]
    c1 = clean_text(seed("001").read_text("utf-8"))
    assert "cookies" not in c1.text.lower()


def test_sidebar_and_latest_news_tails_are_dropped(seeds_dir):
    c3 = clean_text(seed("003").read_text("utf-8"))
    assert "Ceasefire, finally" not in c3.text and "Gaza" not in c3.text
    assert "tail_after_publication_line" in reasons(c3)
    c4 = clean_text(seed("004").read_text("utf-8"))
    assert "Michael Cohen" not in c4.text and "Please enter your comment" not in c4.text
    assert not c4.text.rstrip().endswith("Afghanistan")  # glued title removed


def test_seed_publication_dates(seeds_dir):
    expected = {
        "000": (None, None), "001": ("2022-01-15", "dateline_inferred_year"),
        "002": (None, None), "003": ("2016-08-10", "published_in"),
        "004": ("2024-06-17", "page_header"),
    }
    for prefix, (value, source) in expected.items():
        info = publication_date(clean_text(seed(prefix).read_text("utf-8")))
        assert (info.value, info.source) == (value, source), prefix


def test_plain_text_boilerplate():
    text = ("Headline here\n\nShare this article\n\n1.2K\n\nThe TTP attacked a post.\n\n"
            "Please enter your comment!\n\nLatest News\n\nUnrelated story about football.")
    cleaned = clean_text(text)
    assert cleaned.text == "Headline here\n\nThe TTP attacked a post."
    assert {"share_widget", "share_counter", "comment_form", "unrelated_tail"} <= set(
        reasons(cleaned))


def test_html_main_text_and_metadata_date():
    html = ("<html><head><title>T</title><meta property='article:published_time' "
            "content='2019-03-04T10:00:00Z'></head><body><nav>Home | World | Sport</nav>"
            "<article><h1>Militants clash</h1><p>The Haqqani network was backed by the "
            "ISI, officials in Kabul said on Monday in a lengthy statement.</p></article>"
            "<div id='comments'><p>Please enter your comment!</p></div></body></html>")
    cleaned = clean_html(html)
    assert "backed by the ISI" in cleaned.text
    assert "Home | World" not in cleaned.text
    assert publication_date(cleaned).value == "2019-03-04"


def test_sentence_times_resolve_against_publication():
    pub = DateInfo("2022-01-15", "day", "dateline")
    assert sentence_time("in August last year", pub).value == "2021-08"
    assert sentence_time("on December 30, 2021 the group", pub).value == "2021-12-30"
    assert sentence_time("A major offensive in 2014 drove", pub).value == "2014"
    assert sentence_time("on April 5", pub).value == "2021-04-05"
    assert sentence_time("last year", pub).value == "2021"
    undated = sentence_time("the 2015 Pentagon budget", DateInfo(None, None, None))
    assert undated.value is None


def test_hostile_html_is_read_safely(pipeline):
    from syndicate.model import RawDocument

    nested = ("<html><body>" + "<div>" * 50000 + "<p>The ISI backs the Haqqani network, "
              "officials said.</p>" + "</div>" * 50000 + "</body></html>")
    entities = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
                '"&a;&a;&a;&a;&a;&a;&a;&a;">]><html><body><p>&b; The TTP attacked the '
                'Pakistani army.</p></body></html>')
    script = ("<html><body><script>document.write('The ISI backs the TTP')</script>"
              "<p>The Taliban backs al-Qaeda, officials said on Monday.</p></body></html>")
    out = pipeline.process(RawDocument(source="nested", html=nested))
    assert out.error is None and "html_fallback" in [r.reason for r in out.removed]
    assert [(c.subject.id, c.object.id) for c in out.claims] == [("isi", "haqqani-network")]
    out = pipeline.process(RawDocument(source="entities", html=entities))
    assert "aaaaaaaaaa" not in out.text  # custom entities are never expanded
    assert out.claims and out.claims[0].subject.id == "tehrik-i-taliban-pakistan"
    out = pipeline.process(RawDocument(source="script", html=script))
    assert "document.write" not in out.text
    assert {(c.subject.id, c.object.id) for c in out.claims} == {("afghan-taliban", "al-qaeda")}


def test_dateline_year_from_a_month_and_year_in_the_text():
    text = ("RIYADH, March 26 (Syndicate Wire) - Saudi jets struck Houthi positions. The "
            "rebels took the capital in September 2014 and the president fled in February 2015.")
    info = publication_date(clean_text(text))
    assert (info.value, info.source) == ("2015-03-26", "dateline_inferred_year")
    assert publication_date(clean_text("RIYADH, March 26 - No year here.")).value is None
