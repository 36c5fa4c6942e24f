"""Discrepancy reports for editors: Markdown, JSON, CSV and a self-contained HTML page."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import NamedTuple

from .comparison import Comparison, publication_dates
from .judge import Finding, judge
from .slots import COUNTED_EVENTS, Context

FORMATS = ("md", "json", "csv", "html")


def render(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return to_json(comparison)
    if fmt == "md":
        return to_markdown(comparison)
    if fmt == "csv":
        return to_csv(comparison)
    if fmt == "html":
        return to_html(comparison)
    if fmt == "claimreview":
        from .claimreview import to_claimreview

        return to_claimreview(comparison)
    raise ValueError(f"unknown report format {fmt!r}")


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"


def outlet_of(comparison: Comparison, claim_id: str) -> str:
    article = comparison.article(comparison.claim(claim_id).article)
    return article.outlet or article.id or "?"


def chain_text(chain: list[str]) -> str:
    return " → ".join(chain)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


class Evidence(NamedTuple):
    """One line of evidence and what kind it is, which every renderer styles its own way: "review", "differs",
    "agrees", "origin" (a shared origin), "independent", "caveat" or "nli"."""
    kind: str
    text: str


def evidence_lines(comparison: Comparison, alignment) -> list[Evidence]:
    """Plain-language evidence of a verdict, shared by every renderer."""
    lines = []
    if alignment.review:
        review = alignment.review
        lines.append(Evidence("review", f"reviewed: {review['verdict']} by {review['by'] or 'a fact-checker'} at "
                                        f"{review['at']}" + (f" — {review['note']}" if review["note"] else "")))
    outlets = [outlet_of(comparison, cid) for cid in alignment.claims]

    def who(cid: str) -> str:
        outlet = outlet_of(comparison, cid)
        return f"{outlet} ({cid})" if outlets.count(outlet) > 1 else outlet

    for diff in alignment.differences:
        values = "; ".join(f"{who(cid)}: {', '.join(map(str, v))}" for cid, v in diff.values.items())
        what = diff.slot + (f" ({diff.event})" if diff.event else "")
        lines.append(Evidence("differs", f"differs on {what}: {values}"))
    for agreement in alignment.agreements:
        what = agreement.slot + (f" ({agreement.event})" if agreement.event else "")
        value = agreement.value
        lines.append(Evidence("agrees", f"agrees on {what}: {', '.join(value) if isinstance(value, list) else value}"))
    if alignment.shared_origin:
        lines.append(Evidence("origin", f"shared origin: {alignment.shared_origin} — not independent corroboration"))
    elif len(alignment.claims) > 1:
        lines.append(Evidence("independent", f"independent origins: {alignment.independent_origins}"))
    lines.extend(Evidence("caveat", caveat) for caveat in alignment.caveats)
    for scores in alignment.nli:
        a, b = scores["claims"]
        lines.append(Evidence("nli", f"NLI {who(a)} vs {who(b)}: contradiction {scores['contradiction']:.2f}, "
                                     f"entailment {scores['entailment']:.2f}, neutral {scores['neutral']:.2f}"))
    return lines


def in_context(comparison: Comparison, claim_id: str) -> tuple[str, str, str]:
    """The sentence a claim came from, as (before, claim, after): the claim is a span of its sentence."""
    claim = comparison.claim(claim_id)
    text = comparison.article(claim.article).text
    start, end = claim.sentence or (claim.start, claim.end)
    start, end = min(start, claim.start), max(end, claim.end)
    return text[start:claim.start], text[claim.start:claim.end], text[claim.end:end]


def row_label(row) -> str:
    """What a fact-table row is about, in words: "killed", "magnitude", "number of rifles", "time of the arrest"."""
    if row.slot in COUNTED_EVENTS or row.slot == row.referent:
        return row.slot
    if row.slot == "count":
        return f"number of {row.referent}s"
    if row.slot in {"time", "place"}:
        return f"{row.slot} of the {row.referent}"
    if row.slot == "person":
        return max((c.text for c in row.cells), key=len)
    if row.slot == "home":
        return "home of " + max((c.text.rsplit(" of ", 1)[0] for c in row.cells), key=len)  # "Ann Lee of Leeds"
    if row.slot == "victims":
        return f"who was {row.referent}"
    if row.slot == "actor":
        return "who did it"
    return row.referent


def fact_rows(comparison: Comparison) -> list[tuple[str, str, dict[str, str], set[str]]]:
    """The fact table as every renderer shows it: (what, verdict, article id -> its values as written with their
    claim ids, the articles in a conflict). Agreeing parts of a conflict are not repeated."""
    out = []
    by_claim = {c.id: c.article for c in comparison.claims}
    for row in comparison.fact_table:
        values: dict[str, list[str]] = {}
        for cell in row.cells:
            entry = f"{cell.label} ({cell.claim})"
            if entry not in values.setdefault(cell.article, []):
                values[cell.article].append(entry)
        conflicted = {by_claim[cid] for pair in row.conflicts for cid in pair}
        out.append((row_label(row), str(row.verdict), {a: "; ".join(v) for a, v in values.items()}, conflicted))
    return out


def to_markdown(comparison: Comparison) -> str:
    out = ["# claimdiff report", ""]
    out.append("| id | outlet | published | title |")
    out.append("|---|---|---|---|")
    for article in comparison.articles:
        out.append(f"| {_md(article.id)} | {_md(article.outlet)} | {article.published or ''} | {_md(article.title)} |")
    counts = _counts(comparison)
    out += ["", f"**{plural(counts['contradict'], 'conflict')}, {plural(counts['agree'], 'agreement')}, "
                f"{counts['related']} related, {counts['shared']} with a shared origin.**", ""]
    rows = fact_rows(comparison)
    if rows:
        out += ["## Fact table", "", "Conflicting values are in bold.", ""]
        out.append("| fact | verdict | " + " | ".join(_md(a.outlet or a.id) for a in comparison.articles) + " |")
        out.append("|---|---|" + "---|" * len(comparison.articles))
        for what, verdict, values, conflicted in rows:
            cells = [(f"**{_md(values[a.id])}**" if a.id in conflicted else _md(values.get(a.id, "")))
                     for a in comparison.articles]
            out.append(f"| {_md(what)} | {verdict} | " + " | ".join(cells) + " |")
        out.append("")
    for number, alignment in enumerate(comparison.alignments, start=1):
        out.append(f"## {number}. {alignment.verdict.upper()} (similarity {alignment.similarity:.2f})")
        out.append("")
        for cid in alignment.claims:
            claim = comparison.claim(cid)
            out.append(f"- **{_md(outlet_of(comparison, cid))}** ({_md(cid)}): {_md(claim.text)}  ")
            out.append(f"  source: {_md(chain_text(alignment.chains[cid]))}")
        out.append("")
        for evidence in evidence_lines(comparison, alignment):
            out.append(f"- {_md(evidence.text)}")
        out.append("")
    out.append("## Reported by one outlet only")
    out.append("")
    for article in comparison.articles:
        ids = comparison.unique.get(article.id, [])
        out.append(f"### {_md(article.outlet)} ({len(ids)})")
        out.append("")
        for cid in ids:
            claim = comparison.claim(cid)
            out.append(f"- {_md(claim.text)} — {_md(chain_text(claim.chain))}")
        out.append("")
    return "\n".join(out)


# Claim text is copied from articles anyone can write: every character that could open an image, a link, emphasis,
# code, a heading or a table cell is backslash-escaped, and HTML goes as entities, so no tag (<img src=...>) and no
# ![](http://...) reaches a viewer that would fetch it on open.
_MD_ESCAPES = str.maketrans({**{char: "\\" + char for char in "\\`*_[]!|~#"}, "<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _md(text: object) -> str:
    """Text as a literal Markdown table cell or list item, on one line: a CR or LF would end the table row."""
    if text is None:
        return ""
    return " ".join(str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")).translate(_MD_ESCAPES)


def _counts(comparison: Comparison) -> dict[str, int]:
    counts = {"contradict": 0, "agree": 0, "related": 0, "shared": 0}
    for alignment in comparison.alignments:
        counts[alignment.verdict] += 1
        counts["shared"] += bool(alignment.shared_origin)
    return counts


# What a spreadsheet reads as the start of a formula: = + - @ and their full-width forms, which some spreadsheets
# fold to ASCII, and the whitespace they skip before one (tab, CR, LF, space, no-break space).
_FORMULA_STARTS = frozenset("=+-@\t\r\n \u00a0\uff1d\uff0b\uff0d\uff20")


def _cell(value: object) -> str:
    """CSV cells that a spreadsheet would run as a formula are prefixed with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def _evidence_cell(items: list[Finding], a: str, b: str) -> str:
    """'slot: value of a / value of b' for each difference or agreement, the values as written."""
    return "; ".join(f"{item.slot}: {', '.join(map(str, item.values.get(a, [])))} / "
                     f"{', '.join(map(str, item.values.get(b, [])))}" for item in items)


def to_csv(comparison: Comparison) -> str:
    """One row per pair of aligned claims, with the verdict of that pair and the values that differ or agree (a
    reviewed group keeps the reviewer's verdict), then one row per claim reported by one outlet only."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["verdict", "similarity", "claim_a", "outlet_a", "text_a", "source_a", "claim_b", "outlet_b",
                     "text_b", "source_b", "differences", "agreements", "shared_origin"])
    ctx = Context.of(comparison.claims, publication_dates(comparison.articles))
    for alignment in comparison.alignments:
        ids = alignment.claims
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pair = judge([comparison.claim(a), comparison.claim(b)], alignment.similarity, ctx)
                verdict = alignment.verdict if alignment.review else pair.verdict
                writer.writerow([_cell(v) for v in (
                    verdict, f"{alignment.similarity:.3f}", a, outlet_of(comparison, a),
                    comparison.claim(a).text, chain_text(alignment.chains[a]), b, outlet_of(comparison, b),
                    comparison.claim(b).text, chain_text(alignment.chains[b]),
                    _evidence_cell(pair.differences, a, b), _evidence_cell(pair.agreements, a, b),
                    alignment.shared_origin or "")])
    for ids in comparison.unique.values():
        for cid in ids:
            claim = comparison.claim(cid)
            writer.writerow([_cell(v) for v in ("unique", "", cid, outlet_of(comparison, cid), claim.text,
                                                chain_text(claim.chain), "", "", "", "", "", "", "")])
    return buffer.getvalue()


_CSS = """body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
.contradict{border-left:6px solid #c0392b}.agree{border-left:6px solid #27ae60}.related{border-left:6px solid #999}
.group{margin:1.2em 0;padding:.6em 1em;background:#fafafa}.side{display:grid;grid-template-columns:repeat(auto-fit,
minmax(260px,1fr));gap:1em}.claim{background:#fff;border:1px solid #ddd;padding:.6em}.chain{color:#555;font-size:.9em}
.verdict{font-weight:bold;text-transform:uppercase}.shared{color:#8e44ad;font-weight:bold}mark{background:#fde2a7}
.summary span{display:inline-block;margin-right:1.5em}td.conflict{background:#fbe3e0;font-weight:bold}
.facts tr.single td{color:#777}.id{color:#777;font-size:.85em}.verdict a{color:inherit;text-decoration:none}
details{font-size:.9em;color:#444}summary{cursor:pointer;color:#555}.context u{text-decoration-color:#c58b00}
table{display:block;overflow-x:auto;max-width:100%}.relay-wrap{overflow-x:auto}.via{margin:.4em 0}
.via:target{background:#fff6d8}"""


def to_html(comparison: Comparison) -> str:
    """One self-contained page: no scripts, no external assets; every article string is escaped."""
    e = html.escape
    counts = _counts(comparison)
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             "<meta name='viewport' content='width=device-width,initial-scale=1'>",
             "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             f"<title>claimdiff report</title><style>{_CSS}</style></head><body>",
             "<h1>claimdiff report</h1><table><tr><th>id</th><th>outlet</th><th>published</th><th>title</th></tr>"]
    for article in comparison.articles:
        parts.append(f"<tr><td>{e(article.id or '')}</td><td>{e(article.outlet or '')}</td>"
                     f"<td>{e(str(article.published or ''))}</td><td>{e(article.title or '')}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p class='summary'><span id='n-conflicts'>{plural(counts['contradict'], 'conflict')}</span>"
                 f"<span>{plural(counts['agree'], 'agreement')}</span><span>{counts['related']} related</span>"
                 f"<span>{plural(counts['shared'], 'shared origin')}</span>"
                 f"<span>{plural(sum(len(v) for v in comparison.unique.values()), 'claim')} reported once</span>"
                 f"</p>")
    rows = fact_rows(comparison)
    if rows:
        parts.append("<h2>Fact table</h2><table class='facts'><tr><th>fact</th><th>verdict</th>"
                     + "".join(f"<th>{e(a.outlet or a.id or '')}</th>" for a in comparison.articles) + "</tr>")
        for what, verdict, values, conflicted in rows:
            parts.append(f"<tr class='{e(verdict)}'><td>{e(what)}</td><td>{e(verdict)}</td>" + "".join(
                f"<td{' class=conflict' if a.id in conflicted else ''}>{e(values.get(a.id, ''))}</td>"
                for a in comparison.articles) + "</tr>")
        parts.append("</table>")
    for number, alignment in enumerate(comparison.alignments, start=1):
        # Each group has an anchor (report.html#group-3), so an editor can link to it.
        parts.append(f"<section class='group {e(alignment.verdict)}' id='group-{number}'><div class='verdict'>"
                     f"<a href='#group-{number}'>{number}.</a> {e(alignment.verdict)}"
                     f" · similarity {alignment.similarity:.2f}</div><div class='side'>")
        highlight = {str(v) for d in alignment.differences for vs in d.values.values() for v in vs}
        for cid in alignment.claims:
            claim = comparison.claim(cid)
            text = _highlighted(claim.text, highlight)
            before, said, after = in_context(comparison, cid)
            parts.append(f"<div class='claim'><b>{e(outlet_of(comparison, cid))}</b> <span class='id'>{e(cid)}</span>"
                         f"<p>{text}</p><div class='chain'>{e(chain_text(alignment.chains[cid]))}</div>"
                         f"<details><summary>in its sentence</summary><p class='context'>{e(before)}<u>{e(said)}</u>"
                         f"{e(after)}</p></details></div>")
        parts.append("</div><ul>")
        for evidence in evidence_lines(comparison, alignment):
            css = " class='shared'" if evidence.kind == "origin" else ""
            parts.append(f"<li{css}>{e(evidence.text)}</li>")
        parts.append("</ul></section>")
    parts.append("<h2>Who relayed whom</h2>")
    parts.append(relay_svg(comparison))
    parts.append(timeline_html(comparison))
    parts.append("<h2>Reported by one outlet only</h2>")
    for article in comparison.articles:
        parts.append(f"<h3>{e(article.outlet or article.id or '')}</h3><ul>")
        for cid in comparison.unique.get(article.id, []):
            claim = comparison.claim(cid)
            parts.append(f"<li>{e(claim.text)} <span class='chain'>— "
                         f"{e(chain_text(claim.chain))}</span></li>")
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _highlighted(text: str, values: set[str]) -> str:
    """``text`` as HTML with each of ``values`` marked where it stands as a whole word or number.

    Matched on the raw text and escaped piece by piece: replacing inside escaped text put <mark> into entities
    ('&#x<mark>2</mark>7;' for an apostrophe and the value 2). An edge of a value that is a letter or digit must not
    touch another one ('Sudan' in 'Sudanese', '2' in '12' or '2,500'); the longest value wins where two overlap."""
    alternatives = []
    for value in sorted(filter(None, values), key=len, reverse=True):
        before = r"(?<!\w)(?<!\d[.,])" if value[0].isalnum() else ""
        after = r"(?!\w)(?![.,]\d)" if value[-1].isalnum() else ""
        alternatives.append(before + re.escape(value) + after)
    if not alternatives:
        return html.escape(text)
    out, cursor = [], 0
    for match in re.finditer("|".join(alternatives), text):
        out.append(html.escape(text[cursor:match.start()]) + f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def relay_edges(comparison: Comparison) -> dict[tuple[str, str], int]:
    """(from, to) -> number of claims relayed along it: only chains with a go-between (official -> agency ->
    outlet), since a speaker quoted directly by the outlet relays nothing."""
    edges: dict[tuple[str, str], int] = {}
    for claim in comparison.claims:
        chain = claim.chain
        if len(chain) < 3:
            continue
        for a, b in zip(chain, chain[1:]):
            edges[(a, b)] = edges.get((a, b), 0) + 1
    return edges


def relay_svg(comparison: Comparison) -> str:
    """An inline SVG: sources in columns by their distance from the outlets, arrows weighted by claims relayed."""
    e = html.escape
    edges = relay_edges(comparison)
    if not edges:
        return "<p>No statement reached an outlet through a go-between.</p>"
    depth: dict[str, int] = {}
    for (_, b) in edges:
        depth.setdefault(b, 0)
    changed = True
    while changed:  # a node sits one column left of the furthest node it feeds (chains are short and acyclic)
        changed = False
        for (a, b) in edges:
            want = min(depth.get(b, 0) + 1, 6)
            if depth.get(a, -1) < want:
                depth[a] = want
                changed = True
    columns = max(depth.values()) + 1
    rows: dict[int, list[str]] = {}
    for node in sorted(depth, key=lambda n: (depth[n], n.lower())):
        rows.setdefault(depth[node], []).append(node)
    # Boxes as wide as the longest name (whole names, never cut), so the graph grows with its nodes; the page
    # scrolls it sideways on a narrow screen rather than shrinking the text.
    box_w, box_h, gap_x, gap_y = min(480, max(140, 7 * max(map(len, depth)) + 20)), 28, 60, 14
    width = box_w + gap_x
    height = max(len(r) for r in rows.values()) * (box_h + gap_y) + gap_y
    place = {}
    for column, nodes in rows.items():
        x = (columns - 1 - column) * width + 10
        for i, node in enumerate(nodes):
            place[node] = (x, gap_y + i * (box_h + gap_y))
    anchors = {node: f"via-{index}" for index, node in enumerate(sorted(depth), start=1)}
    parts = [f"<div class='relay-wrap'><svg class='relay' xmlns='http://www.w3.org/2000/svg' "
             f"width='{columns * width - gap_x + 20}' height='{height}' role='img' aria-label='who relayed whom'>"
             f"<defs><marker id='arrow' viewBox='0 0 10 10' refX='9' refY='5' markerUnits='userSpaceOnUse' "
             f"markerWidth='10' markerHeight='10' orient='auto'><path d='M0,0 L10,5 L0,10 z' fill='#666'/>"
             f"</marker></defs>"]
    for (a, b), count in sorted(edges.items()):
        (xa, ya), (xb, yb) = place[a], place[b]
        parts.append(f"<line x1='{xa + box_w}' y1='{ya + box_h / 2}' x2='{xb}' y2='{yb + box_h / 2}' stroke='#888' "
                     f"stroke-width='{min(1 + count, 6)}' marker-end='url(#arrow)'><title>{e(a)} → {e(b)}: "
                     f"{count} claims</title></line>")
    outlets = {a.outlet for a in comparison.articles}
    for node, (x, y) in place.items():
        fill = "#e8f0fe" if node in outlets else "#f6f6f6"
        parts.append(f"<a href='#{anchors[node]}'><g class='node'><rect x='{x}' y='{y}' width='{box_w}' "
                     f"height='{box_h}' rx='5' fill='{fill}' stroke='#999'/><text x='{x + 8}' y='{y + 18}' "
                     f"font-size='12'>{e(node)}</text><title>{e(node)}: its claims below</title></g></a>")
    parts.append("</svg></div>")
    # A click on a box leads to the claims that passed through that source (no script: plain anchors).
    for node in sorted(depth, key=lambda n: (-depth[n], n.lower())):
        relayed = [c for c in comparison.claims if len(c.chain) >= 3 and node in c.chain]
        parts.append(f"<div class='via' id='{anchors[node]}'><b>{e(node)}</b> ({plural(len(relayed), 'claim')})<ul>")
        parts.extend(f"<li>{e(outlet_of(comparison, c.id))}: {e(c.text)} <span class='chain'>— "
                     f"{e(chain_text(c.chain))}</span></li>" for c in relayed)
        parts.append("</ul></div>")
    return "".join(parts)


def timeline_html(comparison: Comparison) -> str:
    """Dated claims in date order, with outlet and source."""
    e = html.escape
    dated = []
    for claim in comparison.claims:
        for fact in claim.facts.dates:
            when = fact.value or fact.earliest
            if when:
                label = when.isoformat() if fact.value else f"{fact.earliest.isoformat()} – {fact.latest.isoformat()}"
                dated.append((when, label, fact.text, claim))
                break
    if not dated:
        return ""
    rows = ["<h2>Timeline</h2><table class='timeline'><tr><th>date</th><th>outlet</th><th>claim</th>"
            "<th>source</th></tr>"]
    for _, label, text, claim in sorted(dated, key=lambda d: (d[0], d[3].id)):
        rows.append(f"<tr><td>{e(label)}<br><small>{e(text)}</small></td><td>{e(outlet_of(comparison, claim.id))}</td>"
                    f"<td>{e(claim.text)}</td><td class='chain'>{e(chain_text(claim.chain))}</td></tr>")
    rows.append("</table>")
    return "".join(rows)
