"""The hand-written HTML reader (sources/readers.py + the furniture filter of sources/article.py) against trafilatura,
on pages built here in the shapes real news sites use, on examples/local.html and on the hostile pages of the tests.

    .venv/bin/python benchmarks/compare_extractors.py [--repeat 3] [--misses] [--json out.json]

claimdiff reads HTML through trafilatura since this comparison (``claimdiff`` below); ``hand`` is its hand-written
parser alone, as it read every page before.

Every page is written in this file (made-up news text). Each has a gold list of body sentences and of furniture
strings (navigation, cookie banner, byline, share buttons, related links, ads, comments, captions, footer ...), and
the headline, date and author it publishes. For each extractor it measures, on the text the tool would hand to
claimdiff's analysis:

- body recall: share of gold body sentences present (whitespace-normalised substring);
- furniture leak: share of furniture strings present (a pull quote or a key-events list that repeats the body counts
  as leaked when its phrase occurs twice);
- metadata: title, published date and author right or wrong (claimdiff has no author field: always "-");
- time per page (median of --repeat runs, after a warm-up).

Extractors: ``hand`` = claimdiff.sources.read_articles on a temporary .html file with trafilatura switched off (the
hand-written parser alone), the text being Article.text minus its furniture spans; ``claimdiff`` = the same as
shipped; ``traf[setting]`` = trafilatura.extract(..., include_comments=False) under the settings of
SETTINGS (its own default keeps comments: ``comments-on``); ``traf[S]+filter`` = that text passed through
Article.from_text, so claimdiff's furniture filter (bylines, "Read more", disclaimers, datelines) runs on it too, as
it would if trafilatura became the HTML reader; ``adopted`` = one adoption rule (see ``adopted``): trafilatura's
"news" setting plus the filter, the hand reader as the fallback.

Hostile pages (scripts, styles, unclosed tags, entities, thousands of unclosed divs, a truncated file) check that no
script/style text leaks and nothing crashes; a refusal (claimdiff's InputError, trafilatura's None) on a page with no
text is the right answer, not a crash.
"""
from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.sources import Article, InputError, read_articles

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------------------------------
# Page building: every sentence written into the page is recorded as gold body or as furniture as it is written.

def plain(markup: str) -> str:
    """Text of an HTML fragment, as a reader should see it: tags out, entities decoded, whitespace collapsed."""
    return norm(htmllib.unescape(re.sub(r"<[^>]+>", "", markup)))


def norm(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r" ([,.;:!?)])", r"\1", text)  # either tool may leave a space before punctuation after a link


@dataclass
class Page:
    name: str
    shape: str
    body: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)  # phrases the body holds once; a second copy is furniture
    leaks: list[str] = field(default_factory=list)    # script/style/comment text: must never appear
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    html: str = ""
    hostile: bool = False
    expect_text: bool = True

    def p(self, *sentences: str, tag: str = "p", attrs: str = "") -> str:
        """A paragraph of story sentences (inline markup allowed), recorded as gold body."""
        self.body.extend(plain(s) for s in sentences)
        inner = " ".join(sentences)
        return f"<{tag}{attrs}>{inner}</{tag}>" if tag else inner

    def f(self, markup: str) -> str:
        """A piece of page furniture, recorded as such; returns its markup to place in the page."""
        self.furniture.append(plain(markup))
        return markup

    def check(self) -> None:
        story = norm(" ".join(self.body))
        for item in self.furniture:
            assert item not in story, f"{self.name}: furniture {item!r} also occurs in the body"
            inside = [other for other in self.furniture if other != item and item in other]
            assert not inside, f"{self.name}: furniture {item!r} is part of {inside[0]!r}: a leak would count twice"


def jsonld(headline: str, date: str, authors: list[str], site: str, kind: str = "NewsArticle") -> str:
    data = {"@context": "https://schema.org", "@type": kind, "headline": headline, "datePublished": date,
            "dateModified": date, "author": [{"@type": "Person", "name": a} for a in authors],
            "publisher": {"@type": "Organization", "name": site}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


TRACKER = ('<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}'
           'gtag("config","G-TRACKER01");var adUnit="leakcheck-script-text";</script>')


def classic() -> Page:
    """Nav, cookie banner, breadcrumb, share buttons, byline with time, related stories, footer; JSON-LD and OG."""
    g = Page("classic", "nav+cookie+breadcrumb+share+byline+related+footer")
    g.title, g.date, g.authors = "River Sela bursts its banks, forcing 3,000 from their homes", "2025-04-02", ["Leila Haddad"]
    g.leaks = ["leakcheck-script-text", "G-TRACKER01", "display:flex"]
    g.html = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>River Sela bursts its banks, forcing 3,000 from their homes | The Harbour Courier</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta property="og:title" content="River Sela bursts its banks, forcing 3,000 from their homes">
  <meta property="og:site_name" content="The Harbour Courier">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://harbourcourier.example/news/2025/04/02/river-sela-floods">
  <meta property="article:published_time" content="2025-04-02T06:10:00Z">
  <meta name="author" content="Leila Haddad">
  {jsonld(g.title, "2025-04-02T06:10:00Z", g.authors, "The Harbour Courier")}
  {TRACKER}
  <style>.main-nav ul{{display:flex}} .cookie{{position:fixed}}</style>
</head>
<body>
  <div id="cookie-consent" class="cookie">
    {g.f("<p>We use cookies to improve your experience on our site and to show you personalised advertising.</p>")}
    <button>{g.f("Accept all cookies")}</button> <button>{g.f("Manage preferences")}</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">The Harbour Courier</a>
    <nav class="main-nav"><ul>
      <li><a href="/world">{g.f("World news")}</a></li><li><a href="/business">{g.f("Business &amp; Markets")}</a></li>
      <li><a href="/climate">{g.f("Climate desk")}</a></li><li><a href="/opinion">{g.f("Opinion &amp; Analysis")}</a></li>
      <li><a href="/newsletters">{g.f("Newsletters")}</a></li><li><a href="/login">{g.f("Sign in")}</a></li>
    </ul></nav>
  </header>
  <main id="content">
    <ol class="breadcrumb"><li><a href="/">Courier</a></li><li><a href="/news">{g.f("Regional news")}</a></li>
      <li><a href="/news/valleys">{g.f("Sela Valley")}</a></li></ol>
    <article class="story">
      <h1>{g.title}</h1>
      <div class="byline">{g.f('By <a href="/staff/leila-haddad">Leila Haddad</a>, Environment correspondent')}
        <time datetime="2025-04-02T06:10:00Z">{g.f("2 April 2025, 06:10 GMT")}</time></div>
      <div class="share-tools">
        <a href="#" class="share fb">{g.f("Share on Facebook")}</a>
        <a href="#" class="share x">{g.f("Share on X")}</a>
        <a href="#" class="share mail">{g.f("Email this article")}</a>
      </div>
      {g.p("About 3,000 people were moved out of their homes overnight after the River Sela burst its banks in "
           "three places north of Tarnow.",
           "Emergency crews used boats to reach families trapped on upper floors in the low-lying Brenna district.")}
      {g.p("The regional fire service said the water rose by almost two metres in six hours after four days of "
           "heavy rain.",
           'Its deputy chief, Marek Olsza, said <a href="/tag/flooding">the flood defences</a> built in 2011 had "held '
           'where they existed" but that the Brenna side of the river had never been protected.')}
      {g.p("No deaths have been reported.",
           "Two people were treated in hospital for hypothermia and later released, the regional health office said.")}
      {g.p("Schools in Tarnow and two neighbouring towns will stay closed on Thursday.",
           "The main rail line to the coast was suspended after water covered the tracks near Lisów station.")}
      {g.p("Residents said the warning came too late.",
           "&ldquo;We got a text message at two in the morning, when the water was already in the kitchen,&rdquo; "
           "said Ewa Kral, who lives on Mill Street with her two children.")}
      {g.p("The national weather agency has kept its highest rain warning for the valley until Friday evening.")}
      <section class="related">
        <h2>{g.f("Related stories")}</h2>
        <ul>
          <li><a href="/a1">{g.f("Why the Sela valley keeps flooding")}</a></li>
          <li><a href="/a2">{g.f("Insurers warn of rising claims after the wettest winter on record")}</a></li>
          <li><a href="/a3">{g.f("Tarnow council approves new pumping station")}</a></li>
        </ul>
      </section>
    </article>
  </main>
  <footer class="site-footer">
    <p>{g.f("&copy; 2025 The Harbour Courier Ltd. All rights reserved.")}</p>
    <a href="/privacy">{g.f("Privacy policy")}</a> <a href="/terms">{g.f("Terms of use")}</a>
  </footer>
</body>
</html>"""
    return g


def inline_ads() -> Page:
    """Ad slots, a newsletter sign-up and 'Read more' links between paragraphs; a 'Most read' rail."""
    g = Page("inline-ads", "ads+newsletter box+read-more between paragraphs, most-read rail")
    g.title, g.date, g.authors = "Fire at Dunmore packaging plant injures seven workers", "2025-05-14", ["Priya Nair"]
    g.leaks = ["leakcheck-script-text", "googletag"]
    ad = '<div class="ad-slot" data-slot="mid"><span class="ad-label">{}</span><div id="gpt-ad-1"></div></div>'
    g.html = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Fire at Dunmore packaging plant injures seven workers - Midland Ledger</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="Midland Ledger">
<meta name="date" content="2025-05-14">
{jsonld(g.title, "2025-05-14T17:45:00+01:00", g.authors, "Midland Ledger")}
{TRACKER}<script>googletag.cmd.push(function(){{googletag.display("gpt-ad-1")}});</script>
</head><body>
<header><nav><a href="/">{g.f("Front page")}</a> <a href="/local">{g.f("Local")}</a> <a href="/jobs">{g.f("Jobs board")}</a></nav></header>
<div class="wrap"><article>
<h1>{g.title}</h1>
<p class="byline">{g.f("By Priya Nair")}</p>
<p class="dateline"><time datetime="2025-05-14T17:45:00+01:00">{g.f("Wednesday 14 May 2025 17:45 BST")}</time></p>
{g.p("Seven workers were injured when fire broke out at a packaging plant on the Dunmore industrial estate on "
     "Wednesday afternoon.",
     "Three of them were taken to Northgate General Hospital with burns.")}
{ad.format(g.f("Advertisement"))}
{g.p("Firefighters from four stations fought the blaze for more than five hours.",
     "Thick black smoke could be seen across the town, and residents of the nearby Ashgrove estate were told to keep "
     "their windows closed.")}
<aside class="newsletter-promo"><h3>{g.f("Get the Morning Brief")}</h3>
<p>{g.f("Sign up for our free newsletter and get the day&rsquo;s top stories in your inbox.")}</p>
<form><input type="email" placeholder="Your email address"><button>{g.f("Sign me up")}</button></form></aside>
{g.p("The plant&rsquo;s owner, Calder Packaging, said the fire started in a storage area where cardboard "
     "and plastic film were kept.",
     "It said all 140 staff on the afternoon shift had been accounted for.")}
<p class="read-more"><strong>{g.f("Read more:")}</strong> <a href="/x">{g.f("Fire safety inspections fell by a third last year")}</a></p>
{g.p("The county fire service said it would investigate the cause with the Health and Safety Executive.",
     "A spokesman said it was too early to say whether the sprinkler system had worked.")}
{ad.format("Advertisement")}
{g.p("Union officials said workers had raised concerns about blocked fire exits in March.",
     "Calder Packaging said it had dealt with those concerns at the time.")}
</article>
<aside class="most-read"><h2>{g.f("Most read")}</h2><ol>
<li><a href="/m1">{g.f("Council tax to rise by five per cent")}</a></li>
<li><a href="/m2">{g.f("New bus timetable starts on Monday")}</a></li>
<li><a href="/m3">{g.f("Ledger readers pick the best bakery in town")}</a></li></ol></aside>
</div>
<footer><p>{g.f("Copyright 2025 Midland Ledger Group")}</p></footer>
</body></html>"""
    return g


def comments() -> Page:
    """A WordPress-like page: the post in <main> without <article>, reader comments in <main> after it."""
    g = Page("comments", "post in <main> (no <article>), reader comments, sidebar, tags")
    g.title, g.date, g.authors = "Council votes to close Old Quay bridge after safety report", "2025-02-20", ["Ian Mercer"]
    g.leaks = ["leakcheck-script-text", "wp-emoji"]
    comment = ('<li class="comment"><div class="comment-author"><cite>{}</cite> <span>{}</span></div>'
               '<div class="comment-content"><p>{}</p></div><a class="reply">{}</a></li>')
    g.html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>Council votes to close Old Quay bridge after safety report &#8211; The Valley Gazette</title>
<meta property="og:title" content="{g.title}" />
<meta property="og:site_name" content="The Valley Gazette" />
<meta property="article:published_time" content="2025-02-20T19:02:11+00:00" />
<meta name="author" content="Ian Mercer" />
<script>window._wpemojiSettings = {{"source":"wp-emoji-release.min.js"}};</script>{TRACKER}
</head>
<body class="post-template-default single">
<div id="page" class="site">
<header id="masthead"><p class="site-title">The Valley Gazette</p>
<nav id="site-navigation"><ul><li>{g.f("Town hall")}</li><li>{g.f("What&#8217;s on")}</li><li>{g.f("Letters")}</li></ul></nav></header>
<main id="main" class="site-main">
<div class="post type-post">
<header class="entry-header"><h1 class="entry-title">{g.title}</h1>
<div class="entry-meta"><span class="posted-on">{g.f("Posted on February 20, 2025")}</span>
<span class="byline"> {g.f("by Ian Mercer")}</span></div></header>
<div class="entry-content">
{g.p("Valley council has voted to close the Old Quay bridge to all traffic from next month after engineers found "
     "corrosion in two of its steel supports.")}
{g.p("Councillors voted 11 to 4 on Tuesday night to shut the bridge while repairs are designed.",
     "The work is expected to cost about £2.4 million and to take at least 18 months.")}
{g.p("The engineers&#8217; report, published last week, said the bridge was not in immediate danger of collapse "
     "but that its load limit should be cut to three tonnes.")}
{g.p("Shop owners on Quay Street told the meeting that a closure would cut them off from half their customers.",
     "Council leader Joan Pryce said the council would run a free shuttle bus across the river while the bridge is shut.")}
{g.p("A footbridge 400 metres upstream will stay open.")}
</div>
<footer class="entry-footer"><span class="tags-links">{g.f("Tagged: bridges, council, Quay Street")}</span></footer>
</div>
<div id="comments" class="comments-area">
<h2 class="comments-title">{g.f("4 thoughts on &ldquo;Council votes to close Old Quay bridge after safety report&rdquo;")}</h2>
<ol class="comment-list">
{comment.format("riverwatcher", "February 20, 2025 at 8:14 pm",
                g.f("That bridge has been rusting for twenty years and everyone on this street knew it."), "Reply")}
{comment.format("M. Doyle", "February 20, 2025 at 9:30 pm",
                g.f("Eighteen months is wishful thinking, it will be three years at least."), "Reply")}
{comment.format("quayside_baker", "February 21, 2025 at 7:02 am",
                g.f("A shuttle bus every half hour will not save a single shop."), "Reply")}
{comment.format("Ann", "February 21, 2025 at 10:45 am",
                g.f("Good decision, nobody wants a repeat of what happened at Brackley."), "Reply")}
</ol>
<div id="respond"><h3>{g.f("Leave a Reply")}</h3><p>{g.f("Your email address will not be published.")}</p>
<form><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>{g.f("Recent Posts")}</h2><ul>
<li><a>{g.f("Library opening hours to change in spring")}</a></li></ul></section></aside>
<footer id="colophon"><div class="site-info">{g.f("Proudly powered by WordPress")}</div></footer>
</div></body></html>"""
    return g


def figures() -> Page:
    """Image captions with credits, a pull quote that repeats the body, an embedded video caption."""
    g = Page("figures", "image captions + credits, pull quote repeating the body")
    g.title, g.date, g.authors = "Port Alder fishermen report worst cod season in decades", "2025-01-09", ["Dana Kim"]
    g.leaks = ["leakcheck-script-text"]
    g.repeats = ["We have never seen the catch this low"]
    g.html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Port Alder fishermen report worst cod season in decades | Coastal Times</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="Coastal Times">
<meta property="article:published_time" content="2025-01-09T11:00:00Z">
<meta property="article:author" content="Dana Kim">
{TRACKER}</head>
<body><nav class="top">{g.f("Coastal Times home")} | {g.f("Fishing &amp; Maritime")}</nav>
<article>
<header><h1>{g.title}</h1>
<p class="standfirst">{g.f("Catches are down by more than half, and some crews say they will sell their boats.")}</p>
<p class="byline">{g.f("Dana Kim")} <span class="role">{g.f("Maritime reporter")}</span></p></header>
<figure class="lead-image"><img src="/img/port-alder.jpg" alt="Boats in harbour">
<figcaption>{g.f("Fishing boats moored in Port Alder harbour on Tuesday.")} <span class="credit">{g.f("Photograph: Coastal Times/Rob Evans")}</span></figcaption></figure>
<div class="article-body">
{g.p("Fishermen in Port Alder say this winter&rsquo;s cod season is the worst they can remember, with catches down "
     "by more than half on last year.")}
{g.p("&ldquo;We have never seen the catch this low, not in my father&rsquo;s time and not in mine,&rdquo; said "
     "Tom Hale, who has fished out of the harbour for 31 years.")}
<div class="pull-quote"><blockquote><p>&ldquo;We have never seen the catch this low&rdquo;</p><cite>{g.f("Tom Hale, skipper")}</cite></blockquote></div>
{g.p("The regional fisheries office said landings of cod at Port Alder fell to 212 tonnes between October and "
     "December, against 498 tonnes in the same months of 2023.")}
<figure class="inline"><img src="/img/market.jpg"><figcaption>{g.f("The fish market at Port Alder was half empty on Monday morning.")}
{g.f("Photo: Rob Evans")}</figcaption></figure>
{g.p("Scientists at the Northern Marine Institute have linked the decline to warmer water pushing cod further north.",
     "The institute said it would publish a full survey in March.")}
{g.p("Three of the harbour&rsquo;s 14 trawlers are now for sale, according to the harbour master.")}
<div class="video-embed"><iframe src="/embed/v1"></iframe><p class="video-caption">{g.f("Watch: a day at sea with the Port Alder fleet")}</p></div>
{g.p("The fisheries minister is due to visit the town next week.")}
</div>
<div class="tags">{g.f("Topics: Fishing, Port Alder, Climate")}</div>
</article>
<footer>{g.f("&copy; Coastal Times 2025")}</footer>
</body></html>"""
    return g


def liveblog() -> Page:
    """A live blog: key-events summary repeating the post headlines, one <article> per timestamped post."""
    g = Page("liveblog", "live blog: key events list, timestamped posts, share per post")
    g.title, g.date, g.authors = "Northern provinces vote: live updates", "2025-06-01", ["Omar Sayed", "Clara Voss"]
    g.leaks = ["leakcheck-script-text", "liveblog-poll"]
    g.repeats = ["Turnout reaches 61 per cent in Vessen", "Governor concedes in Holm"]
    posts = [
        ("22:41", "Governor concedes in Holm", [
            ("The outgoing governor of Holm province, Andrej Mol, has conceded defeat in a short statement outside his "
             "party's offices."),
            "With 90 per cent of ballots counted, his challenger leads by 14 points."]),
        ("21:58", "Polling stations close", [
            "Polling stations across the three northern provinces have now closed.",
            "Officials in Rast said queues outside some schools meant voting went on for 40 minutes after the deadline."]),
        ("21:04", "Turnout reaches 61 per cent in Vessen", [
            ("The election commission says turnout in Vessen province reached 61 per cent at 9pm, up from 54 per cent at "
             "the last vote."),
            "Commission spokeswoman Ina Berg said there had been no reports of serious irregularities."]),
    ]
    blocks = []
    for clock, head, sentences in posts:
        blocks.append(f"""<article class="live-post" id="post-{clock.replace(':', '')}">
<header><time datetime="2025-06-01T{clock}:00Z">{g.f(clock + " BST")}</time><h3>{head}</h3></header>
<div class="post-body">{g.p(*sentences)}</div>
<div class="post-share"><button>{g.f("Share this update")}</button></div></article>""")
    g.html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{g.title} | Meridian News</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="Meridian News">
<meta property="article:published_time" content="2025-06-01T15:00:00Z">
{jsonld(g.title, "2025-06-01T15:00:00Z", g.authors, "Meridian News", kind="LiveBlogPosting")}
{TRACKER}<script>var poll="liveblog-poll";</script></head>
<body><header><nav><a>{g.f("Meridian front page")}</a> <a>{g.f("Elections 2025")}</a> <a>{g.f("Results map")}</a></nav></header>
<main><div class="liveblog">
<h1>{g.title}</h1>
<p class="liveblog-byline">{g.f("Omar Sayed and Clara Voss")}</p>
<div class="key-events"><h2>{g.f("Key events")}</h2><ul>
<li><a href="#post-2241">Governor concedes in Holm</a></li>
<li><a href="#post-2104">Turnout reaches 61 per cent in Vessen</a></li></ul>
<button>{g.f("Show key events only")}</button></div>
<p class="refresh">{g.f("Please turn on JavaScript to get automatic updates")}</p>
{"".join(blocks)}
<button class="load-more">{g.f("Load earlier updates")}</button>
</div></main>
<footer>{g.f("&copy; 2025 Meridian News Network")}</footer></body></html>"""
    return g


def amp() -> Page:
    """An AMP page: amp boilerplate styles, amp-sidebar menu, amp-ad, amp-analytics JSON, amp-img."""
    g = Page("amp", "AMP: amp-sidebar, amp-ad, amp-analytics, boilerplate styles")
    g.title, g.date, g.authors = "Tram drivers in Kessel to strike for 48 hours", "2025-03-18", ["Jonas Brandt"]
    g.leaks = ["leakcheck-script-text", "UA-000000-1", "-webkit-animation", "amp-start"]
    g.html = f"""<!doctype html>
<html amp lang="en"><head><meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<title>Tram drivers in Kessel to strike for 48 hours</title>
<link rel="canonical" href="https://kesselpost.example/city/tram-strike">
<meta name="viewport" content="width=device-width">
<meta property="og:site_name" content="Kessel Post">
{jsonld(g.title, "2025-03-18T07:30:00+01:00", g.authors, "Kessel Post")}
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s}}</style>
<style amp-custom>.hdr{{background:#003}} .byline{{color:#555}}</style>
</head><body>
<amp-sidebar id="menu" layout="nodisplay" side="left"><ul>
<li><a href="/city">{g.f("City &amp; Region")}</a></li><li><a href="/sport">{g.f("Sport results")}</a></li>
<li><a href="/traffic">{g.f("Traffic updates")}</a></li></ul></amp-sidebar>
<header class="hdr"><button on="tap:menu.toggle">{g.f("Menu")}</button> <a href="/">Kessel Post</a></header>
<article>
<h1>{g.title}</h1>
<div class="byline">{g.f("Jonas Brandt")} &middot; <time datetime="2025-03-18T07:30:00+01:00">{g.f("18.03.2025, 07:30")}</time></div>
<amp-img src="/img/tram.jpg" width="800" height="450" layout="responsive" alt="Tram"></amp-img>
{g.p("Tram drivers in Kessel will strike for 48 hours from Thursday morning in a dispute over pay and rest breaks, "
     "their union said.")}
{g.p("The transport union VTG said talks with the city transport company broke down on Monday night.",
     "It is asking for a pay rise of 8 per cent and a guaranteed 30-minute break on every shift.")}
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/kessel/article"><div fallback>{g.f("Anzeige")}</div></amp-ad>
{g.p("The company said its offer of 5 per cent over two years was fair and that it had no money for more.")}
{g.p("All nine tram lines will stop, but city buses will run to their normal timetable.",
     "The company said it would put on extra buses on the routes to the hospital and the main station.")}
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="email"></amp-social-share>
</article>
<amp-analytics type="googleanalytics"><script type="application/json">{{"vars": {{"account": "UA-000000-1"}}}}</script></amp-analytics>
<footer>{g.f("Impressum")} | {g.f("Datenschutz")} | {g.f("&copy; Kessel Post 2025")}</footer>
</body></html>"""
    return g


def div_soup() -> Page:
    """An old CMS: no <article>, <main>, <p>, <nav> or <footer>; body text split by <br><br> in one <div>."""
    g = Page("div-soup", "body in <div>s with <br><br>, menu/footer/cookie as plain <div>s")
    g.title, g.date, g.authors = "Water supply restored to Sarrin after three-day outage", "2025-08-07", ["Nadia Rahimi"]
    g.leaks = ["leakcheck-script-text"]
    sentences = [
        ("Running water returned to most homes in Sarrin on Thursday, three days after a burst main cut supplies to "
         "about 40,000 people."),
        ("The municipal water company said pressure was back to normal in all districts except the hill quarter of "
         "Dar Amin, where it expected supplies to return by Friday night."),
        ("During the outage the company sent 60 tanker trucks into the town each day.",
         "Residents queued for hours at distribution points, and several pharmacies ran out of bottled water."),
        ("The company's director, Fouad Karam, said the main had been laid in 1978 and was due to be replaced next year.",
         "He apologised for the disruption and said customers would not be charged for the month of August."),
        "The town council has called an emergency meeting for Monday.",
    ]
    body = "<br><br>\n".join(g.p(*([s] if isinstance(s, str) else s), tag="") for s in sentences)
    g.html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Sarrin News Online :: Water supply restored to Sarrin after three-day outage</title>
<meta name="description" content="Running water returned to most homes in Sarrin on Thursday.">
<meta name="pubdate" content="20250807">
{TRACKER}</head>
<body bgcolor="#ffffff">
<div id="top"><div class="logo"><img src="/logo.gif"></div>
<div class="menu"><a href="/">{g.f("Front Page")}</a> | <a href="/local">{g.f("Local News")}</a> | <a href="/econ">{g.f("Economy")}</a> |
<a href="/sport">{g.f("Sports")}</a> | <a href="/arch">{g.f("Archive")}</a> | <a href="/contact">{g.f("Contact Us")}</a></div></div>
<div id="wrap"><div id="left">
<div class="ttl"><b>{g.title}</b></div>
<div class="info">{g.f("By Nadia Rahimi - Sarrin News Online")} | {g.f("07/08/2025 14:20")}</div>
<div class="txt">
{body}
</div>
<div class="rel"><b>{g.f("Related:")}</b> <a href="/n/1">{g.f("Burst main floods Sarrin market street")}</a><br>
<a href="/n/2">{g.f("Water company announces pipe replacement plan")}</a></div>
<div class="tools"><a href="/print">{g.f("Print this article")}</a> | <a href="/send">{g.f("Send to a friend")}</a></div>
</div>
<div id="right"><div class="box"><div class="boxttl">{g.f("Most Viewed")}</div>
<a>{g.f("Sarrin football club signs new coach")}</a><br><a>{g.f("Fuel prices rise again")}</a></div></div></div>
<div id="ft">{g.f("Copyright &copy; 2003-2025 Sarrin News Online. All Rights Reserved.")}</div>
<div class="cc-window">{g.f("This website uses cookies to ensure you get the best experience.")} <a>{g.f("Got it!")}</a></div>
</body></html>"""
    return g


def teaser_cards() -> Page:
    """The story sits in <div>s while the 'More from World' rail marks each teaser up as an <article>."""
    g = Page("teaser-cards", "story in <div>, teaser rail of <article> cards")
    g.title, g.date, g.authors = "Aid convoy reaches besieged town of Marest", "2025-09-23", ["Hana Lind"]
    g.leaks = ["leakcheck-script-text"]
    card = ('<article class="card"><a href="/w/{0}"><h3>{1}</h3></a><p class="card-summary">{2}</p>'
            '<span class="card-time">{3}</span></article>')
    g.html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Aid convoy reaches besieged town of Marest | World | The Daily Meridian</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="The Daily Meridian">
<meta property="og:type" content="article">
{jsonld(g.title, "2025-09-23T10:05:00Z", g.authors, "The Daily Meridian")}
{TRACKER}</head>
<body>
<div class="masthead"><nav><a>{g.f("World news")}</a> <a>{g.f("Markets")}</a> <a>{g.f("Culture")}</a></nav></div>
<div id="story" class="story-layout">
<div class="headline-block"><h1>{g.title}</h1>
<div class="meta"><span class="by">{g.f("By Hana Lind")}</span> <span class="ts">{g.f("September 23, 2025")}</span></div></div>
<div class="story-body">
{g.p("A convoy of 22 trucks carrying food and medicine reached the besieged town of Marest on Tuesday, the first "
     "aid to arrive in five weeks.")}
{g.p("The convoy was organised by the Red Crescent and crossed two checkpoints under an agreement reached on Sunday.",
     "Aid workers said it carried enough flour for about 15,000 people for a month.")}
{g.p("A doctor at the town's only hospital said stocks of insulin and antibiotics had run out last week.")}
{g.p("The United Nations said a second convoy was planned for next week, but that it had not yet been given "
     "permission to cross.")}
</div></div>
<section class="more-from"><h2>{g.f("More from World")}</h2>
{card.format(1, g.f("Floods cut off mountain villages"), g.f("Rescue teams reached three villages by helicopter on Monday."), "2h ago")}
{card.format(2, g.f("Talks on border crossing resume"), g.f("Negotiators met for the first time since July."), "5h ago")}
{card.format(3, g.f("Ceasefire holds for a third day"), g.f("Both sides reported a quiet night along the front line."), "1d ago")}
</section>
<div class="footer">{g.f("&copy; The Daily Meridian 2025")}</div>
</body></html>"""
    return g


def wire_republish() -> Page:
    """A regional site republishing wire copy: dateline, reporting credits, disclaimer, tags; date only in JSON-LD."""
    g = Page("wire-republish", "wire copy: dateline, credits, disclaimer, tags; date only in JSON-LD")
    g.title, g.date, g.authors = "Cholera cases rise in eastern Lantara camps, WHO says", "2025-10-04", ["Samir Nouri"]
    g.leaks = ["leakcheck-script-text"]
    g.html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Cholera cases rise in eastern Lantara camps, WHO says</title>
<meta property="og:site_name" content="Lantara Today">
{jsonld(g.title, "2025-10-04T13:20:00+03:00", g.authors, "Lantara Today")}
{TRACKER}</head>
<body><nav>{g.f("Lantara Today home")} · {g.f("Health &amp; Science")} · {g.f("Regional desk")}</nav>
<article><h1>{g.title}</h1>
<div class="article-meta">{g.f("By Samir Nouri")} <span>{g.f("Meridian Wire staff")}</span></div>
<div class="article-text">
<p>{g.f("KAROSA, Oct 4 (Meridian Wire) -")} {g.p("Cholera cases in displacement camps in eastern Lantara have doubled "
    "in two weeks, the World Health Organization said on Saturday.", tag="")}</p>
{g.p("The WHO said 1,340 suspected cases and 19 deaths had been recorded since mid-September in camps around Karosa, "
     "where about 200,000 people live.")}
{g.p("Heavy rain has flooded latrines in several camps, and aid groups say clean water is scarce.",
     "A WHO official said vaccination teams would start work in the two largest camps on Monday.")}
{g.p("The health ministry said it had opened three treatment centres and was sending more staff from the capital.")}
<p>{g.f("(Reporting by Samir Nouri; Editing by Paul Grant)")}</p>
<p class="disclaimer">{g.f("This article has not been independently verified by Lantara Today and is published from a syndicated feed.")}</p>
</div>
<div class="tags">{g.f("Tags:")} <a>{g.f("Epidemics")}</a> <a>{g.f("East Africa desk")}</a> <a>{g.f("Humanitarian crises")}</a></div>
</article>
<footer>{g.f("&copy; 2025 Lantara Today")}</footer></body></html>"""
    return g


def paywall_bio() -> Page:
    """Subscription prompt inside the article, author bio box, print/share toolbar, published and updated lines."""
    g = Page("paywall-bio", "metered paywall box, author bio, updated/published lines, microdata date")
    g.title, g.date, g.authors = "City to cut bus fares for students from September", "2025-03-10", ["Tomas Reyes"]
    g.leaks = ["leakcheck-script-text", "meterCount"]
    g.html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>City to cut bus fares for students from September - The Ledger</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="The Ledger">
{TRACKER}<script>var meterCount = 3;</script></head>
<body><header><nav><a>{g.f("Transport")}</a> <a>{g.f("Education")}</a> <a>{g.f("Subscriptions")}</a></nav></header>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{g.title}</h1>
<div class="meta"><span itemprop="author" itemscope itemtype="https://schema.org/Person">{g.f('By <span itemprop="name">Tomas Reyes</span>')}</span>
<meta itemprop="datePublished" content="2025-03-10T16:00:00-05:00">
<p class="timestamp">{g.f("Published March 10, 2025")}</p><p class="timestamp">{g.f("Updated March 11, 2025 9:14 a.m. ET")}</p></div>
<div class="toolbar"><button>{g.f("Print")}</button><button>{g.f("Share")}</button><button>{g.f("Save article")}</button></div>
<div itemprop="articleBody">
{g.p("Students in the city will pay half fare on buses from September under a plan approved by the transit board "
     "on Monday.")}
{g.p("The discount will apply to anyone aged 16 to 24 in full-time education, about 38,000 people.",
     "The board estimates it will cost $4.1 million a year.")}
<div class="paywall-prompt"><h4>{g.f("You have read 3 of 5 free articles this month.")}</h4>
<p>{g.f("Subscribe for unlimited access from $1 a week.")}</p><a>{g.f("Already a subscriber? Log in")}</a></div>
{g.p("Board chair Alicia Moreno said the cost would be covered by a rise in parking fees downtown.")}
{g.p("Some board members voted against the plan, saying the money should go to more frequent services on "
     "crowded routes.",
     "The plan passed by five votes to two.")}
</div>
<div class="author-bio"><p>{g.f("Tomas Reyes covers transport and city hall for The Ledger. He joined the paper in 2019.")}</p>
<a>{g.f("Follow Tomas on X")}</a></div>
</article>
<footer><p>{g.f("&copy; 2025 The Ledger Media Company")}</p></footer></body></html>"""
    return g


def short_brief() -> Page:
    """A three-sentence brief under heavy chrome: the story is shorter than the page's furniture."""
    g = Page("short-brief", "3-sentence brief, more chrome than story")
    g.title, g.date, g.authors = "Bridge on the A40 reopens after repairs", "2025-07-15", []
    g.leaks = ["leakcheck-script-text"]
    g.html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridge on the A40 reopens after repairs | Westshire Echo</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="Westshire Echo">
<meta property="article:published_time" content="2025-07-15T08:00:00+01:00">{TRACKER}</head>
<body>
<div class="consent-overlay"><p>{g.f("We and our 143 partners store and access information on your device.")}</p>
<button>{g.f("I accept")}</button><button>{g.f("Show purposes")}</button></div>
<header><nav><ul><li>{g.f("Westshire news")}</li><li>{g.f("Crime &amp; courts")}</li><li>{g.f("Property listings")}</li><li>{g.f("Weather forecast")}</li></ul></nav></header>
<main><article><h1>{g.title}</h1><p class="time">{g.f("8:00 am")}</p>
{g.p("The A40 bridge at Colby reopened to traffic on Tuesday after six weeks of repairs.",
     "Westshire highways department said a 30 mph limit would stay in place until the end of the month.",
     "Diversions through Hatton have been lifted.")}
</article>
<aside><h2>{g.f("Trending now")}</h2><ul><li>{g.f("Man charged after burglary at Colby post office")}</li>
<li>{g.f("Westshire schools named among best in region")}</li><li>{g.f("Festival line-up announced for August")}</li>
<li>{g.f("Where to find the cheapest petrol this week")}</li></ul></aside></main>
<footer>{g.f("Westshire Echo is part of Regional Media Group. &copy; 2025")}</footer></body></html>"""
    return g


def local_example() -> Page:
    """examples/local.html, its gold written by reading the file (the sign-off line is neither body nor furniture)."""
    g = Page("examples/local.html", "bundled example")
    g.html = (ROOT / "examples" / "local.html").read_text(encoding="utf-8")
    g.title, g.date, g.authors = "Night of gunfire in Kfar Bohom: residents describe hours of fear", "2025-03-12", []
    g.leaks = ['console.log("analytics")']
    g.body = [plain(s) for s in [
        ("Residents of Kfar Bohom said they heard gunfire through the night on Monday, as security forces clashed "
         "with gunmen on the edge of the village."),
        ('"The shooting started after sunset and did not stop until the early morning," a shopkeeper in the old '
         "market told Hama Pulse."),
        "He said that a police vehicle was burned on the road leading to the olive groves.",
        ("Another resident, Abu Samer, a farmer whose land borders the road, said he saw at least four men in civilian "
         "clothes being led away by armed men."),
        "He said he did not know whether they were police officers.",
        ("According to residents, the road between Kfar Bohom and Hama was still closed on Tuesday morning, and "
         "schools in the village did not open."),
        ("The state news agency SANA reported on Monday night that two members of the police were killed in the "
         "attack, citing the Hama police command."),
        ("A nurse at the village clinic said three people with gunshot wounds were treated overnight, including a "
         "teenage boy who was hit by a stray bullet while sleeping."),
        ("All three were later taken to the national hospital in Hama, she said, and none of them was in a critical "
         "condition."),
        "Villagers said electricity was cut for most of Tuesday after a transformer near the mosque was hit by gunfire.",
        "Local council members said repair crews could not reach the site until the afternoon.",
        ("Farmers use the road through Kfar Bohom every day to take vegetables and olives to the wholesale market in "
         "Hama."),
        "Traders in the old market said most of them stayed at home on Tuesday and that the market was almost empty.",
        "Many families in the village said they were afraid to send their children back to school this week.",
        '"We have lived through worse years, but we thought this was over," said Um Ahmad, a teacher.',
    ]]
    g.furniture = ["About us", "See More: How Kfar Bohom rebuilt its school after the war",
                   "© 2025 Hama Pulse. All rights reserved."]
    return g


def link_dense() -> Page:
    """Body paragraphs heavy with topic links (entity-linking CMSs), a 'What we know' bullet list, subheads."""
    g = Page("link-dense", "topic-linked paragraphs, 'What we know' bullet list, subheads")
    g.title, g.date, g.authors = "Quake of magnitude 6.1 strikes off Vantor coast", "2025-11-02", ["Elif Aras"]
    g.leaks = ["leakcheck-script-text"]
    def a(text, slug):
        return f'<a href="/topic/{slug}" class="topic-link">{text}</a>'

    g.html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Quake of magnitude 6.1 strikes off Vantor coast | Eastern Herald</title>
<meta property="og:title" content="{g.title}"><meta property="og:site_name" content="Eastern Herald">
<meta property="article:published_time" content="2025-11-02T04:40:00Z"><meta name="author" content="Elif Aras">
{TRACKER}</head>
<body><header><nav><a>{g.f("Herald home")}</a> <a>{g.f("Disasters")}</a> <a>{g.f("Live TV")}</a></nav></header>
<main><article><h1>{g.title}</h1><p class="byline">{g.f("By Elif Aras")}</p>
{g.p(f"An earthquake of magnitude 6.1 struck off the coast of {a('Vantor', 'vantor')} early on Sunday, the "
     f"{a('National Seismic Centre', 'nsc')} said.")}
{g.p(f"{a('Vantor Port', 'vantor-port')} and {a('Kell', 'kell')} reported damage.",
     f"{a('Governor Lia Tamsin', 'lia-tamsin')} said {a('two people', 'casualties')} were killed.")}
<h2>What we know so far</h2>
<ul class="key-points">
{g.p("The quake struck at 04:12 local time at a depth of 10 km.", tag="li")}
{g.p("Two people were killed and 31 injured, according to the provincial government.", tag="li")}
{g.p("No tsunami warning was issued.", tag="li")}
</ul>
<h2>Aftershocks</h2>
{g.p("The seismic centre recorded 14 aftershocks in the first six hours, the strongest of magnitude 4.8.",
     "It warned residents to stay out of damaged buildings.")}
<div class="inline-related"><span>{g.f("Also on Eastern Herald:")}</span> <a>{g.f("How Vantor prepared for the big one")}</a></div>
{g.p(f"{a('Schools', 'schools')} in {a('Vantor Port', 'vantor-port')} will stay closed on {a('Monday', 'monday')}.")}
</article></main>
<footer>{g.f("&copy; Eastern Herald 2025")}</footer></body></html>"""
    return g


def aspnet_form() -> Page:
    """An ASP.NET WebForms page: the whole page, article included, sits inside one <form>."""
    g = Page("aspnet-form", "whole page inside <form id=aspnetForm>, ids like ctl00_Content")
    g.title, g.date, g.authors = "Ministry confirms 12 arrests after port protest", "2025-12-03", ["Luis Ferraz"]
    g.leaks = ["leakcheck-script-text", "__doPostBack", "/wEPDwUK"]
    g.html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ministry confirms 12 arrests after port protest - Portal de Noticias</title>
<meta property="og:title" content="{g.title}"><meta property="article:published_time" content="2025-12-03T12:00:00-03:00">
<meta name="author" content="Luis Ferraz">{TRACKER}</head>
<body><form method="post" action="./noticia.aspx?id=48211" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWAg==" /></div>
<script type="text/javascript">function __doPostBack(eventTarget, eventArgument) {{ theForm.submit(); }}</script>
<div id="ctl00_divMenu" class="menu"><a href="/">{g.f("Inicio")}</a> | <a href="/politica">{g.f("Politica")}</a> | <a href="/economia">{g.f("Economia")}</a></div>
<div id="ctl00_ContentPlaceHolder1_pnlNoticia" class="noticia">
<h1 id="ctl00_ContentPlaceHolder1_lblTitulo">{g.title}</h1>
<span id="ctl00_ContentPlaceHolder1_lblAutor" class="autor">{g.f("By Luis Ferraz")}</span>
<span id="ctl00_ContentPlaceHolder1_lblFecha" class="fecha">{g.f("03/12/2025 12:00")}</span>
<div id="ctl00_ContentPlaceHolder1_divTexto" class="texto">
{g.p("The interior ministry confirmed on Wednesday that 12 people were arrested after a protest at the port of "
     "Santa Luzia turned violent.")}
{g.p("A ministry statement said four police officers were slightly injured when protesters threw stones at the "
     "main gate.",
     "It said the 12 would appear before a judge on Thursday.")}
{g.p("The dockworkers' union, which called the protest over a plan to privatise two terminals, said the arrests "
     "were an attempt to intimidate its members.")}
{g.p("The port was operating normally on Wednesday afternoon, according to the port authority.")}
</div></div>
<div id="ctl00_divRodape" class="rodape">{g.f("Portal de Noticias - Todos os direitos reservados")}</div>
</form></body></html>"""
    return g


BUILT = [classic, inline_ads, comments, figures, liveblog, amp, div_soup, teaser_cards, wire_republish, paywall_bio,
         short_brief, link_dense, aspnet_form]


# ---------------------------------------------------------------------------------------------------------------------
# Hostile pages: the two of the tests, then the shapes the readers must survive.

def hostile_pages() -> list[Page]:
    pages = []
    # tests/test_sources.py::test_html_reader_keeps_the_article_and_drops_chrome
    g = Page("tests: p.html", "test_sources chrome page", hostile=True)
    g.html = ("<html><head><meta property='og:site_name' content='Hama Pulse'>"
              "<script>alert(1)</script></head><body><nav>Home | News</nav><article><h1>Title</h1>"
              "<p>Gunmen attacked a patrol &amp; fled.</p><p>Residents heard gunfire.</p></article>"
              "<footer>(c) 2025</footer></body></html>")
    g.body, g.furniture, g.leaks = ["Gunmen attacked a patrol & fled.", "Residents heard gunfire."], ["Home | News", "(c) 2025"], ["alert(1)"]
    pages.append(g)
    # tests/test_bad_input.py nothing.html and tests/test_sources.py t.html: no text, a refusal expected
    g = Page("tests: nothing.html", "nav + script only: refuse", hostile=True, expect_text=False)
    g.html = "<html><body><nav>Home</nav><script>x()</script></body></html>"
    g.furniture, g.leaks = ["Home"], ["x()"]
    pages.append(g)

    g = Page("hostile: scripts/styles/entities", "script+style in body, uppercase SCRIPT, '</p>' inside a script, "
             "comments, noscript, template, unclosed <p>, entities", hostile=True)
    g.leaks = ["LEAK-SCRIPT-1", "LEAK-SCRIPT-2", "LEAK-STYLE", "LEAK-COMMENT", "LEAK-NOSCRIPT", "LEAK-TEMPLATE",
               "LEAK-JSON", "LEAK-CDATA"]
    g.html = f"""<html><head><title>Clashes near Qasr &amp; the river</title>
<style>p {{ color: red }} /* LEAK-STYLE */</style></head><body><article>
<h1>Clashes near Qasr &amp; the river</h1>
<p>{g.p("Two soldiers were killed near Qasr on Monday, the army said.", tag="")}
<script>var s = "LEAK-SCRIPT-1 </p><p>the army said 40 were killed";</script>
<p>{g.p("Residents said the caf&eacute; on the corner &mdash; the only one still open &mdash; was hit.", tag="")}
<SCRIPT type="text/javascript">document.write("LEAK-SCRIPT-2");</SCRIPT>
<!-- LEAK-COMMENT: 400 were killed, sources said -->
<p>{g.p("&ldquo;It&#8217;s over,&rdquo; said Hasan&nbsp;Ali, a teacher.", tag="")}
<noscript>LEAK-NOSCRIPT enable JavaScript</noscript>
<template><p>LEAK-TEMPLATE 12 were wounded</p></template>
<style>.x::after {{ content: "LEAK-STYLE" }}</style>
<script type="application/ld+json">{{"articleBody": "LEAK-JSON"}}</script>
<p>{g.p("The road to the border was closed &amp; traffic was turned back at &#x201C;Checkpoint 9&#x201D;.", tag="")}
<![CDATA[ LEAK-CDATA ]]>
<p>{g.p("Aid groups said 3 &lt; 5 convoys had arrived.", tag="")}
</article></body></html>"""
    pages.append(g)

    g = Page("hostile: 5,000 unclosed divs", "5,000 unclosed <div>s, text at the bottom", hostile=True)
    g.leaks = ["LEAK-SCRIPT-DEEP"]
    g.html = ("<html><body>" + "<div>" * 5000 + "<script>LEAK-SCRIPT-DEEP()</script>"
              + g.p("Gunmen attacked a checkpoint near the airport on Sunday night, the interior ministry said.")
              + g.p("Three officers were wounded and taken to hospital.") + "</body></html>")
    pages.append(g)

    g = Page("hostile: truncated page", "file cut inside a tag after three paragraphs", hostile=True)
    g.leaks = ["LEAK-SCRIPT-CUT"]
    g.html = ("<html><head><script>LEAK-SCRIPT-CUT()</script></head><body><article>"
              + g.p("Protesters gathered outside the parliament building on Friday for a third day.")
              + g.p("Police said about 5,000 people took part.")
              + g.p("Organisers said the protests would continue until the bill is withdrawn.")
              + '<p>The opposition leader said she would <a href="/x')
    pages.append(g)
    return pages


# ---------------------------------------------------------------------------------------------------------------------
# The extractors.

@dataclass
class Result:
    text: str | None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    error: str | None = None
    refused: bool = False
    seconds: float = 0.0
    has_author: bool = True  # claimdiff's Article has no author field: its byline is only marked as furniture


def run_hand(path: Path, extractor: bool = False) -> Result:
    """claimdiff's reader on the page: the hand-written parser alone, or (``extractor``) as shipped."""
    from unittest import mock

    from claimdiff.sources import readers

    with mock.patch.object(readers, "_extract", readers._extract if extractor else (lambda html: {})):
        try:
            article = read_articles(path)[0]
        except InputError as exc:
            return Result(None, error=str(exc), refused=True)
        except Exception as exc:  # noqa: BLE001 - a crash is what is measured
            return Result(None, error=f"{type(exc).__name__}: {exc}")
    text = "\n".join(article.text[s:e] for s, e in article.body_spans())
    return Result(text, article.title, article.published.isoformat() if article.published else None, None,
                  has_author=False)


SETTINGS = {
    "default": {},
    "comments-on": {"include_comments": True},  # trafilatura's own default; claimdiff would turn it off
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
    "fast": {"fast": True},
    # favor_precision, and <template> pruned: lxml parses its inert content as text, which trafilatura then keeps.
    "news": {"favor_precision": True, "prune_xpath": "//template"},
}


def run_traf(page: Page, setting: str) -> Result:
    import trafilatura
    try:
        options = {"include_comments": False, "include_tables": True, **SETTINGS[setting]}
        out = trafilatura.extract(page.html, output_format="json", with_metadata=True, **options)
    except Exception as exc:  # noqa: BLE001
        return Result(None, error=f"{type(exc).__name__}: {exc}")
    if out is None:
        return Result(None, refused=True, error="extract() returned None")
    data = json.loads(out)
    text = data.get("text") or ""
    if options["include_comments"] and data.get("comments"):  # the txt output appends them to the text
        text += "\n" + data["comments"]
    return Result(text, data.get("title"), data.get("date"), data.get("author"))


def run_traf_filtered(result: Result) -> Result:
    """The trafilatura text through claimdiff's own furniture filter, as an adoption would run it."""
    if result.text is None:
        return result
    try:
        article = Article.from_text(result.text)
    except InputError as exc:
        return Result(None, result.title, result.date, result.author, error=str(exc), refused=True)
    text = "\n".join(article.text[s:e] for s, e in article.body_spans())
    return Result(text, result.title, result.date, result.author)


MIN_CHARS = 40
"""Under this many characters, trafilatura's text is taken for no article (it returns a lone nav link as text)."""


def adopted(traf: Result, hand: Result) -> Result:
    """One way to adopt it: trafilatura (the "news" setting: favor_precision, <template> pruned, no comments) then claimdiff's furniture filter; the hand
    reader's text when trafilatura finds nothing or under half of what the hand reader finds (lxml drops what sits
    deeper than 255 elements); a refusal when the hand reader refuses and trafilatura finds under MIN_CHARS. Metadata
    from trafilatura, the hand reader's where it has none. Timed as both readers run."""
    seconds = traf.seconds + hand.seconds
    hand_chars, traf_chars = len(norm(hand.text or "")), len(norm(traf.text or ""))
    if hand.refused and traf_chars < MIN_CHARS:
        return Result(None, error=hand.error, refused=True, seconds=seconds)
    text = hand.text if traf.text is None or traf_chars < hand_chars / 2 else traf.text
    return Result(text, traf.title or hand.title, traf.date or hand.date, traf.author, seconds=seconds)


def timed(fn, repeat: int) -> Result:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    result.seconds = statistics.median(times)
    return result


# ---------------------------------------------------------------------------------------------------------------------
# Scoring.

@dataclass
class Score:
    found: int
    body: int
    leaked: list[str]
    furniture: int
    missed: list[str]
    title: bool | None
    date: bool | None
    author: bool | None
    script_leaks: list[str]
    crash: str | None
    refused: bool
    seconds: float
    got: dict = field(default_factory=dict)
    headline_in_text: bool = False  # the headline as a line of the analysed text (the hand reader keeps it out)


def score(page: Page, result: Result) -> Score:
    text = norm(result.text or "")
    missed = [s for s in page.body if s not in text]
    leaked = [f for f in page.furniture if f and f in text]
    leaked += [f"(repeated) {r}" for r in page.repeats if text.count(r) >= 2]
    script_leaks = [m for m in page.leaks if m in (result.text or "")]
    title = None if page.hostile else norm(result.title or "") == norm(page.title or "")
    date = None if page.hostile or not page.date else (result.date or "")[:10] == page.date
    author = None
    if page.authors and result.has_author:
        found = result.author or ""
        author = all(a in found for a in page.authors)
    crash = result.error if result.error and not result.refused else None
    return Score(len(page.body) - len(missed), len(page.body), leaked, len(page.furniture) + len(page.repeats),
                 missed, title, date, author, script_leaks, crash, result.refused, result.seconds,
                 {"title": result.title, "date": result.date, "author": result.author},
                 bool(page.title) and page.title in [norm(line) for line in (result.text or "").split("\n")])


def mark(flag: bool | None) -> str:
    return "-" if flag is None else ("ok" if flag else "WRONG")


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


COLD = """
import sys, time
start = time.perf_counter()
import {module}
imported = time.perf_counter()
{call}
done = time.perf_counter()
print(f"{{imported - start:.3f}} {{done - imported:.3f}}")
"""


def cold_start(page_path: Path) -> dict:
    """Import time and first call in a fresh interpreter, on a page with no date anywhere (htmldate's full search);
    the median of three interpreters."""
    import subprocess
    calls = {
        "trafilatura": ("trafilatura", (f"trafilatura.extract(open({str(page_path)!r}).read(), with_metadata=True, "
                                        "include_comments=False)")),
        "hand": ("claimdiff.sources", f"claimdiff.sources.read_articles({str(page_path)!r})"),
    }
    out = {}
    for name, (module, call) in calls.items():
        runs = [subprocess.run([sys.executable, "-c", COLD.format(module=module, call=call)], capture_output=True,
                               text=True, check=True).stdout.split() for _ in range(3)]
        out[name] = tuple(statistics.median(float(r[i]) for r in runs) for i in (0, 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per page and extractor; the median time is shown")
    parser.add_argument("--misses", action="store_true", help="list every missed sentence and leaked string")
    parser.add_argument("--json", help="write every score to this file")
    args = parser.parse_args()

    start = time.perf_counter()
    import trafilatura
    import_seconds = time.perf_counter() - start

    pages = [build() for build in BUILT]
    for page in pages:
        page.check()
    pages.append(local_example())
    hostile = hostile_pages()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "page.html"
        path.write_text(pages[0].html, encoding="utf-8")
        run_traf(pages[0], "default"), run_hand(path)  # warm-up: lazy imports and caches
        scores: dict[str, dict[str, Score]] = {}
        for page in pages + hostile:
            row = scores[page.name] = {}
            path.write_text(page.html, encoding="utf-8")
            hand = timed(lambda path=path: run_hand(path), args.repeat)
            row["hand"] = score(page, hand)
            for setting in SETTINGS:
                result = timed(lambda page=page, setting=setting: run_traf(page, setting), args.repeat)
                row[f"traf[{setting}]"] = score(page, result)
                if setting in ("default", "news"):
                    filtered = run_traf_filtered(result)
                    filtered.seconds = result.seconds
                    row[f"traf[{setting}]+filter"] = score(page, filtered)
                    if setting == "news":
                        row["adopted"] = score(page, adopted(filtered, hand))
            row["claimdiff"] = score(page, timed(lambda path=path: run_hand(path, extractor=True), args.repeat))

    tools = list(next(iter(scores.values())).keys())
    news = [p.name for p in pages]

    def totals(tool: str, names: list[str]) -> dict:
        rows = [scores[n][tool] for n in names]
        return {
            "found": sum(r.found for r in rows), "body": sum(r.body for r in rows),
            "leaked": sum(len(r.leaked) for r in rows), "furniture": sum(r.furniture for r in rows),
            "title": sum(bool(r.title) for r in rows), "titles": sum(r.title is not None for r in rows),
            "date": sum(bool(r.date) for r in rows), "dates": sum(r.date is not None for r in rows),
            "author": sum(bool(r.author) for r in rows), "authors": sum(r.author is not None for r in rows),
            "ms": 1000 * statistics.mean(r.seconds for r in rows),
            "headline": sum(r.headline_in_text for r in rows),
        }

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.html"
        sample.write_text(hostile[0].html, encoding="utf-8")  # no date anywhere: htmldate's full search
        cold = cold_start(sample)
    print(f"trafilatura {trafilatura.__version__}: import {import_seconds:.2f} s in this process (after claimdiff "
          "and its dependencies); fresh interpreter, median of 3: "
          + "; ".join(f"{name}: import {imp:.2f} s, first page {first:.2f} s" for name, (imp, first) in cold.items())
          + "\n")
    print("## Settings (news pages: built + examples/local.html)\n")
    print("| extractor | body recall | furniture leak | title | date | author | headline as a text line | ms/page |")
    print("|---|---|---|---|---|---|---|---|")
    for tool in tools:
        t = totals(tool, news)
        print(f"| {tool} | {pct(t['found'], t['body'])} | {pct(t['leaked'], t['furniture'])} | "
              f"{t['title']}/{t['titles']} | {t['date']}/{t['dates']} | "
              f"{t['author']}/{t['authors'] if tool not in ('hand', 'claimdiff') else '-'} | {t['headline']}/{len(news)} | {t['ms']:.1f} |")

    shown = ["hand", "traf[default]", "traf[news]+filter", "claimdiff"]
    print("\n## Per page (recall = body sentences found; leak = furniture strings present; T/D/A = title, date, author)\n")
    print("| page | shape | " + " | ".join(f"{t} recall | {t} leak | {t} T/D/A | {t} ms" for t in shown) + " |")
    print("|---|---|" + "---|---|---|---|" * len(shown))
    for name in news:
        page = next(p for p in pages if p.name == name)
        cells = []
        for tool in shown:
            s = scores[name][tool]
            meta = "/".join("-" if f is None else ("y" if f else "n") for f in (s.title, s.date, s.author))
            recall = pct(s.found, s.body) + (" REFUSED" if s.refused else "") + (" CRASH" if s.crash else "")
            cells += [recall, pct(len(s.leaked), s.furniture), meta, f"{1000 * s.seconds:.1f}"]
        print(f"| {name} | {page.shape} | " + " | ".join(cells) + " |")

    print("\n## Hostile pages (script/style/comment text leaked; crash; body recall)\n")
    hostile_tools = ["hand", "traf[default]", "traf[precision]", "traf[news]", "adopted"]
    print("| page | " + " | ".join(hostile_tools) + " |")
    print("|---|" + "---|" * len(hostile_tools))
    for page in hostile:
        cells = []
        for tool in hostile_tools:
            s = scores[page.name][tool]
            if s.crash:
                cells.append(f"CRASH {s.crash[:60]}")
                continue
            state = "refused" if s.refused else f"recall {pct(s.found, s.body)}"
            if page.expect_text is False:
                state = "refused (right)" if s.refused else "returned text"
            leaks = ", ".join(s.script_leaks) or "none"
            cells.append(f"{state}; leaks: {leaks}; furniture {len(s.leaked)}/{s.furniture}; {1000 * s.seconds:.0f} ms")
        print(f"| {page.name} | " + " | ".join(cells) + " |")

    if args.misses:
        print("\n## Misses\n")
        for name, row in scores.items():
            print(f"### {name}")
            for tool in ["hand", "traf[default]", "traf[news]", "traf[news]+filter", "adopted"]:
                s = row[tool]
                print(f"- {tool}: missed {len(s.missed)}, leaked {len(s.leaked)}"
                      + (f", script/style leaks {s.script_leaks}" if s.script_leaks else "")
                      + (f", CRASH {s.crash}" if s.crash else ""))
                for key in ("title", "date", "author"):
                    if getattr(s, key) is False:
                        print(f"    - {key} wrong: {s.got[key]!r}")
                for m in s.missed:
                    print(f"    - missed: {m[:110]}")
                for m in s.leaked:
                    print(f"    - leaked: {m[:110]}")
    if args.json:
        Path(args.json).write_text(json.dumps({n: {t: vars(s) for t, s in row.items()} for n, row in scores.items()},
                                              indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
