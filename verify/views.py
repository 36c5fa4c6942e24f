"""Terminal views (rich). Colours mean the same everywhere: red conflict, green agreement, magenta shared origin.

Everything shown comes from files someone else wrote, so no piece of data is ever read as rich markup (a claim id
'[link=http://x]z' would become a hyperlink, '[/oops]' would raise): data goes in as ``Text``, styles are attached
to it, and ``clean`` removes what a terminal would act on instead of printing.
"""
from __future__ import annotations

import re

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..claims import Claim
from ..sources import Article, Statement
from .comparison import Comparison
from .judge import Verdict
from .report import chain_text, evidence_lines, fact_rows, in_context, outlet_of, plural

VERDICT_STYLE = {Verdict.CONTRADICT: "bold red", Verdict.AGREE: "bold green", Verdict.RELATED: "yellow"}
EVIDENCE_STYLE = {"differs": "red", "agrees": "green", "origin": "magenta", "review": "bold"}
MIN_COLUMN = 28
"""Narrowest column a side-by-side table may give one outlet; narrower (many outlets, a small terminal) and each
claim or cell becomes a card of its own, so that ids and names are never cut."""

# C0 controls but newline and tab, DEL and C1 (ESC and CSI start clear-screen, window-title and OSC 8 hyperlink
# sequences), and the bidi overrides and isolates that make the text after them read in another order.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: object) -> str:
    """``value`` as text a terminal only prints."""
    return _CONTROL.sub("", str(value))


def plain(value: object, style: str = "") -> Text:
    """Data as rich ``Text``: shown as it is, never parsed as markup."""
    return Text(clean(value), style=style)


def line(*parts: str | tuple[str, str]) -> Text:
    """A line of pieces, each plain text or (text, style); the text is cleaned, never parsed as markup."""
    return Text.assemble(*[(clean(p[0]), p[1]) if isinstance(p, tuple) else clean(p) for p in parts])


def _name(article: Article) -> str:
    return article.outlet or article.id or "?"


def _side_by_side(console: Console, columns: int) -> bool:
    return console.width >= MIN_COLUMN * columns


def _context(comparison: Comparison, claim_id: str) -> Text:
    """The claim's sentence, the claim underlined in it."""
    before, said, after = in_context(comparison, claim_id)
    return line(("in: ", "dim"), (before, "dim"), (said, "underline"), (after, "dim"))


def _fact_table(console: Console, comparison: Comparison, rows: list) -> None:
    """One row per fact, a column per outlet; as a list of cards when the outlets do not fit side by side."""
    title = line(("Fact table", "bold"), " (conflicting values in red)")
    if _side_by_side(console, len(comparison.articles) + 1):
        table = Table(title=title, title_justify="left", expand=True, show_lines=True)
        table.add_column("fact", ratio=1)
        table.add_column("verdict")
        for article in comparison.articles:
            table.add_column(plain(_name(article)), ratio=1, overflow="fold")
        for what, verdict, values, conflicted in rows:
            table.add_row(plain(what), plain(verdict, VERDICT_STYLE.get(verdict, "dim")), *[
                plain(values.get(a.id, ""), "red" if a.id in conflicted else "") for a in comparison.articles])
        console.print(table)
        return
    console.print(title)
    for what, verdict, values, conflicted in rows:
        card = [line((what, "bold"), " · ", (verdict, VERDICT_STYLE.get(verdict, "dim")))]
        card += [line(_name(a), ": ", (values[a.id], "red" if a.id in conflicted else ""))
                 for a in comparison.articles if a.id in values]
        console.print(Padding(Text("\n").join(card), (0, 0, 0, 2)))


def show_comparison(console: Console, comparison: Comparison, context: bool = False) -> None:
    """Summary, fact table, groups with their evidence (``context``: each claim's sentence too), omissions."""
    counts = {v: sum(a.verdict == v for a in comparison.alignments) for v in VERDICT_STYLE}
    shared = sum(bool(a.shared_origin) for a in comparison.alignments)
    console.print(line((f"{len(comparison.articles)} accounts:", "bold"), " ",
                       ", ".join(_name(a) for a in comparison.articles)))
    console.print(line((plural(counts["contradict"], "conflict"), "bold red"), "  ",
                       (plural(counts["agree"], "agreement"), "bold green"), "  ",
                       (f"{counts['related']} related", "yellow"), "  ",
                       (f"{shared} with a shared origin", "magenta"), "  ",
                       f"{sum(len(v) for v in comparison.unique.values())} claims reported by one outlet only"))
    rows = fact_rows(comparison)
    if rows:
        _fact_table(console, comparison, rows)
    for number, alignment in enumerate(comparison.alignments, start=1):
        title = line((f"{number}. {alignment.verdict.upper()}", VERDICT_STYLE[alignment.verdict]),
                     f" · similarity {alignment.similarity:.2f}")
        if _side_by_side(console, len(alignment.claims)):
            table = Table(title=title, title_justify="left", expand=True, show_lines=True)
            for cid in alignment.claims:
                table.add_column(plain(f"{outlet_of(comparison, cid)} ({cid})"), ratio=1, overflow="fold")
            table.add_row(*[plain(comparison.claim(cid).text) for cid in alignment.claims])
            table.add_row(*[plain(chain_text(alignment.chains[cid]), "dim") for cid in alignment.claims])
            if context:
                table.add_row(*[_context(comparison, cid) for cid in alignment.claims])
            console.print(table)
        else:
            console.print(title)
            for cid in alignment.claims:
                card = [line((outlet_of(comparison, cid), "bold"), " · ", (cid, "cyan")),
                        plain(comparison.claim(cid).text), plain(chain_text(alignment.chains[cid]), "dim")]
                if context:
                    card.append(_context(comparison, cid))
                console.print(Padding(Text("\n").join(card), (0, 0, 1, 2)))
        for evidence in evidence_lines(comparison, alignment):
            console.print(plain(f"  • {evidence.text}", EVIDENCE_STYLE.get(evidence.kind, "dim")))
    console.print()
    console.print(line(("Reported by one outlet only", "bold"), " (most important first)"))
    for article in comparison.articles:
        ids = comparison.unique.get(article.id, [])
        tree = Tree(line((_name(article), "bold"), f" ({len(ids)})"))
        for cid in ids:
            claim = comparison.claim(cid)
            tree.add(line(claim.text, " ", (f"— {chain_text(claim.chain)}", "dim")))
        console.print(tree)


def show_sources(console: Console, article: Article, statements: list[Statement]) -> None:
    tree = Tree(line((article.outlet or "?", "bold"), " ", article.title or ""))
    for statement in statements:
        if statement.source is None:
            tree.add(line((statement.content.text, "dim"), " ", ("(the outlet's own)", "dim")))
            continue
        source = statement.source
        label = line((source.name, "bold"), " ", (source.kind, "cyan"))
        if statement.inherited:
            label.append(" (inherited)", "dim")
        node = tree.add(label)
        node.add(line(("chain:", "dim"), " ", chain_text(source.chain)))
        cue = [("cue:", "dim"), " ", statement.cue.text, "  "] if statement.cue else []
        node.add(line(*cue, ("mention:", "dim"), " ", source.text, " ", (f"{source.start}-{source.end}", "dim")))
        node.add(line(statement.content.text, " ", (f"{statement.content.start}-{statement.content.end}", "dim")))
    for note in article.notes:
        tree.add(line(("note:", "yellow"), " ", note))
    console.print(tree)


def show_claims(console: Console, article: Article, claims: list[Claim]) -> None:
    table = Table(title=plain(f"{article.outlet or '?'}: {len(claims)} claims"), title_justify="left",
                  expand=True, show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("facts", ratio=2)
    table.add_column("source", ratio=1)
    for claim in claims:
        facts = claim.facts
        parts = []
        if facts.numbers:
            parts.append(plain("numbers: " + ", ".join(
                f"{n.text} {n.of or ''}".strip() + (f" ({n.event})" if n.event else "") for n in facts.numbers)))
        if facts.places:
            parts.append(plain("places: " + ", ".join(p.label for p in facts.places)))
        if facts.actors:
            parts.append(plain("actors: " + ", ".join(facts.actors)))
        if facts.dates:
            parts.append(plain("dates: " + ", ".join(f"{d.text} = {d.value or d.earliest or '?'}"
                                                     for d in facts.dates)))
        if facts.hedges:
            parts.append(plain("hedged: " + ", ".join(facts.hedges), "yellow"))
        table.add_row(plain(claim.id), plain(claim.text), Text("\n").join(parts),
                      plain(chain_text(claim.chain)))
    console.print(table)


def show_hits(console: Console, query: str, hits: list) -> None:
    """Search hits with their ids (for review and --story work) and the sentence each claim came from."""
    table = Table(title=plain(f"claims closest to: {query}"), title_justify="left", expand=True, show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("score", no_wrap=True)
    table.add_column("claim (in its sentence)", ratio=3)
    table.add_column("outlet, date", ratio=1)
    table.add_column("source", ratio=1)
    for hit in hits:
        claim = plain(hit.text)
        if hit.sentence and hit.sentence != hit.text:
            claim = Text("\n").join([claim, plain(f"in: {hit.sentence}", "dim")])
        table.add_row(plain(hit.claim_id), f"{hit.score:.2f}", claim,
                      plain(f"{hit.outlet or '?'} {hit.published or ''}"), plain(chain_text(hit.chain)))
    console.print(table if hits else plain("no stored claims match (for this model and these filters)", "dim"))


def show_stories(console: Console, stories: list) -> None:
    table = Table(title=plural(len(stories), "story", "stories"), title_justify="left", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("articles", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets", ratio=1)
    table.add_column("first title", ratio=2)
    for story in stories:
        dates = story.first if story.first == story.last else f"{story.first or '?'} – {story.last or '?'}"
        table.add_row(str(story.id), str(len(story.article_ids)), plain(dates or ""),
                      plain(", ".join(story.outlets)), plain(story.title or ""))
    console.print(table if stories else plain("no stored articles: add some with `claimdiff ingest`", "dim"))
