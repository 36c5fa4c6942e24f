"""Terminal views (rich). Colours mean the same everywhere: red conflict, green agreement, magenta shared origin."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from claims import Claim
from sources import Article, Statement

from .compare import Comparison
from .report import chain_text, evidence_lines, fact_rows, outlet_of, plural

VERDICT_STYLE = {"contradict": "bold red", "agree": "bold green", "related": "yellow"}


def show_comparison(console: Console, comparison: Comparison) -> None:
    counts = {v: sum(a.verdict == v for a in comparison.alignments) for v in VERDICT_STYLE}
    shared = sum(bool(a.shared_origin) for a in comparison.alignments)
    outlets = ", ".join(escape(a.outlet or a.id or "?") for a in comparison.articles)
    console.print(f"[bold]{len(comparison.articles)} accounts:[/] {outlets}")
    console.print(f"[bold red]{plural(counts['contradict'], 'conflict')}[/]  "
                  f"[bold green]{plural(counts['agree'], 'agreement')}[/]  "
                  f"[yellow]{counts['related']} related[/]  [magenta]{shared} with a shared origin[/]  "
                  f"{sum(len(v) for v in comparison.unique.values())} claims reported by one outlet only")
    rows = fact_rows(comparison)
    if rows:
        table = Table(title="[bold]Fact table[/] (conflicting values in red)", title_justify="left", expand=True,
                      show_lines=True)
        table.add_column("fact", ratio=1)
        table.add_column("verdict")
        for article in comparison.articles:
            table.add_column(escape(article.outlet or article.id or "?"), ratio=1)
        for what, verdict, values, conflicted in rows:
            style = VERDICT_STYLE.get(verdict, "dim")
            table.add_row(escape(what), f"[{style}]{verdict}[/]", *[
                (f"[red]{escape(values[a.id])}[/]" if a.id in conflicted else escape(values.get(a.id, "")))
                for a in comparison.articles])
        console.print(table)
    for number, alignment in enumerate(comparison.alignments, start=1):
        style = VERDICT_STYLE[alignment.verdict]
        table = Table(title=f"[{style}]{number}. {alignment.verdict.upper()}[/] · similarity "
                            f"{alignment.similarity:.2f}", title_justify="left", expand=True, show_lines=True)
        for cid in alignment.claims:
            table.add_column(escape(f"{outlet_of(comparison, cid)} ({cid})"), ratio=1)
        table.add_row(*[escape(comparison.claim(cid).text) for cid in alignment.claims])
        table.add_row(*[f"[dim]{escape(chain_text(alignment.chains[cid]))}[/]" for cid in alignment.claims])
        console.print(table)
        for line in evidence_lines(comparison, alignment):
            colour = ("red" if line.startswith("differs") else "green" if line.startswith("agrees")
                      else "magenta" if line.startswith("shared") else "dim")
            console.print(f"  [{colour}]• {escape(line)}[/]")
    console.print()
    console.print("[bold]Reported by one outlet only[/] (most important first)")
    for article in comparison.articles:
        ids = comparison.unique.get(article.id, [])
        tree = Tree(f"[bold]{escape(article.outlet or article.id or '?')}[/] ({len(ids)})")
        for cid in ids:
            claim = comparison.claim(cid)
            tree.add(f"{escape(claim.text)} [dim]— {escape(chain_text(claim.sources[0]['chain']))}[/]")
        console.print(tree)


def show_sources(console: Console, article: Article, statements: list[Statement]) -> None:
    tree = Tree(f"[bold]{escape(article.outlet or '?')}[/] {escape(article.title or '')}")
    for statement in statements:
        if statement.source is None:
            tree.add(f"[dim]{escape(statement.content.text)}[/] [dim](the outlet's own)[/]")
            continue
        source = statement.source
        label = f"[bold]{escape(source.name)}[/] [cyan]{escape(source.kind)}[/]"
        if statement.inherited:
            label += " [dim](inherited)[/]"
        node = tree.add(label)
        node.add(f"[dim]chain:[/] {escape(chain_text(source.chain))}")
        cue = f"[dim]cue:[/] {escape(statement.cue.text)}  " if statement.cue else ""
        node.add(f"{cue}[dim]mention:[/] {escape(source.text)} [dim]{source.start}-{source.end}[/]")
        node.add(f"{escape(statement.content.text)} [dim]{statement.content.start}-{statement.content.end}[/]")
    for note in article.notes:
        tree.add(f"[yellow]note:[/] {escape(note)}")
    console.print(tree)


def show_claims(console: Console, article: Article, claims: list[Claim]) -> None:
    table = Table(title=escape(f"{article.outlet or '?'}: {len(claims)} claims"), title_justify="left",
                  expand=True, show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("facts", ratio=2)
    table.add_column("source", ratio=1)
    for claim in claims:
        facts = claim.facts
        parts = []
        if facts.numbers:
            parts.append("numbers: " + ", ".join(
                f"{n.text} {n.of or ''}".strip() + (f" ({n.event})" if n.event else "") for n in facts.numbers))
        if facts.places:
            parts.append("places: " + ", ".join(p.label for p in facts.places))
        if facts.actors:
            parts.append("actors: " + ", ".join(facts.actors))
        if facts.dates:
            parts.append("dates: " + ", ".join(f"{d.text} = {d.value or d.earliest or '?'}" for d in facts.dates))
        if facts.hedges:
            parts.append("[yellow]hedged: " + ", ".join(facts.hedges) + "[/]")
        table.add_row(claim.id, escape(claim.text), "\n".join(p if p.startswith("[yellow]") else escape(p)
                                                              for p in parts),
                      escape(chain_text(claim.sources[0]["chain"])))
    console.print(table)


def show_hits(console: Console, query: str, hits: list) -> None:
    table = Table(title=escape(f"claims closest to: {query}"), title_justify="left", expand=True, show_lines=True)
    table.add_column("score", no_wrap=True)
    table.add_column("claim", ratio=3)
    table.add_column("outlet, date", ratio=1)
    table.add_column("source", ratio=1)
    for hit in hits:
        table.add_row(f"{hit.score:.2f}", escape(hit.text), escape(f"{hit.outlet or '?'} {hit.published or ''}"),
                      escape(chain_text(hit.chain)))
    console.print(table if hits else "[dim]no stored claims for this model[/]")


def show_stories(console: Console, stories: list) -> None:
    table = Table(title=plural(len(stories), "story", "stories"), title_justify="left", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("articles", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("outlets", ratio=1)
    table.add_column("first title", ratio=2)
    for story in stories:
        dates = story.first if story.first == story.last else f"{story.first or '?'} – {story.last or '?'}"
        table.add_row(str(story.id), str(len(story.article_ids)), escape(dates or ""),
                      escape(", ".join(story.outlets)), escape(story.title or ""))
    console.print(table if stories else "[dim]no stored articles: add some with `claimdiff ingest`[/]")
