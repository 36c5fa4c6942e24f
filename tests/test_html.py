"""HTML pages in the shapes news sites use: trafilatura's extraction, the hand-written parser as the fallback."""
import pytest

from claimdiff.sources import InputError, read_article

BODY = ["Two soldiers were killed in an attack on a checkpoint in Hama on Monday night, the army said.",
        "Residents said the gunfire lasted until shortly before dawn and that ambulances arrived after midnight.",
        "The governor condemned the attack and promised that those responsible would be brought to justice.",
        "No group has claimed responsibility for the attack, which followed a week of arrests in nearby villages."]
PARAGRAPHS = "".join(f"<p>{sentence}</p>" for sentence in BODY)


def read(tmp_path, html, name="page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return read_article(path)


def body_of(article):
    return " ".join(article.text[s:e] for s, e in article.body_spans())


def test_teaser_cards_do_not_replace_the_story(tmp_path):
    # The story sits in <div>s; the page's only <article> elements are teasers of other stories.
    teasers = "".join(f"<article class='teaser'><h3>Other story {n}</h3><p>Flooding closed roads in town {n} as "
                      f"rivers rose overnight, officials said.</p></article>" for n in range(3))
    page = read(tmp_path, f"<html><head><title>Attack in Hama</title></head><body><div class='story'>{PARAGRAPHS}"
                          f"</div><aside>{teasers}</aside></body></html>")
    assert all(sentence in body_of(page) for sentence in BODY)
    assert "Flooding" not in body_of(page)


def test_reader_comments_and_a_page_wrapped_in_a_form_are_read_as_sites_mean_them(tmp_path):
    comments = ("<section id='comments'><h2>3 comments</h2><div class='comment'><p>I think the army is lying about "
                "this, my cousin said ten were killed.</p></div></section>")
    page = read(tmp_path, f"<html><body><form id='aspnetForm'><main><h1>Attack in Hama</h1>{PARAGRAPHS}</main>"
                          f"{comments}</form></body></html>")
    assert all(sentence in body_of(page) for sentence in BODY)
    assert "my cousin" not in page.text


def test_the_publication_date_is_read_from_json_ld_too(tmp_path):
    page = read(tmp_path, "<html><head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
                          "\"@type\": \"NewsArticle\", \"headline\": \"Attack in Hama\", \"datePublished\": "
                          "\"2025-03-11T08:00:00Z\"}</script></head><body><article>" + PARAGRAPHS +
                          "</article></body></html>")
    assert str(page.published) == "2025-03-11"


def test_deep_nesting_falls_back_to_the_hand_written_parser(tmp_path):
    # lxml drops what is nested deeper than 255 elements; the hand-written parser reads it.
    page = read(tmp_path, "<html><body>" + "<div>" * 400 + PARAGRAPHS + "</div>" * 400 + "</body></html>")
    assert all(sentence in body_of(page) for sentence in BODY)


@pytest.mark.parametrize("html", [
    "<html><body><nav><a href='/'>Home</a></nav><script>track()</script></body></html>",
    "<html><body><template><p>Inert template text is never an article.</p></template></body></html>",
])
def test_a_page_without_a_story_is_refused(tmp_path, html):
    with pytest.raises(InputError, match="no article text"):
        read(tmp_path, html)
