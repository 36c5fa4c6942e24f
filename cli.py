"""claimdiff: compare news accounts of one event — who said what, where they agree, conflict and share an origin.

A thin layer: each command parses its arguments, calls one library function and renders the result.
Heavy modules (the model, torch) are imported inside the commands that need them.
"""
from __future__ import annotations

import json
import logging
import os

import click

from .sources import MAX_BYTES, ClaimdiffError
from .sources.errors import shown

# onnxruntime's telemetry prints a warning and writes a device id under ~/.cache/Microsoft; it reads this variable
# once, when it is imported, so it is set before any command can import it.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

FORMAT_HELP = "table (default, for people) or json (the contract other tools read)"


def _fail(exc: Exception) -> click.ClickException:
    """One line, with the control characters a message may carry from file contents shown escaped."""
    return click.ClickException(shown(str(exc).splitlines()[0]) if str(exc) else exc.__class__.__name__)


class _WarningLine(logging.Handler):
    """The library's warnings (the ONNX export falling back to torch, and why) as one line on standard error.

    Its own handler and level: the export raises the root logger's level to hide the quantiser's advice, which
    without them would hide this warning too."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {shown(record.getMessage())}", err=True)


def _show_warnings() -> None:
    log = logging.getLogger("claimdiff")
    if not any(isinstance(h, _WarningLine) for h in log.handlers):  # once, however often cli() runs in a process
        log.addHandler(_WarningLine())
        log.setLevel(logging.WARNING)
        log.propagate = False


class _Commands(click.Group):
    """The one place where a library error (ClaimdiffError: bad input, a database that cannot be written, a model
    that cannot load) becomes a one-line message and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimdiffError as exc:
            raise _fail(exc) from None


def _registry(path: str | None):
    from .sources import SourceRegistry

    registry = SourceRegistry.default()
    return registry.extended(path) if path else registry


def _load(paths: tuple[str, ...], outlets: tuple[str, ...], dates: tuple[str, ...], max_bytes: int):
    """Read every FILE (JSONL files may hold several articles); --outlet/--date apply to the files in order."""
    from .sources import read_articles
    from .sources.dates import parse_date

    if len(outlets) > len(paths) or len(dates) > len(paths):
        raise click.UsageError("give at most one --outlet and one --date per FILE")
    if paths.count("-") > 1:  # the second read would find it drained and call it empty
        raise click.ClickException("standard input ('-') is given more than once; it can be read only once")
    articles = []
    for index, path in enumerate(paths):
        for article in read_articles(path, max_bytes=max_bytes):
            if index < len(outlets):
                article.outlet = outlets[index]
            if index < len(dates):
                published = parse_date(dates[index])
                if published is None:
                    raise click.UsageError(f"--date {dates[index]!r} is not a date (use YYYY-MM-DD)")
                article.published = published
            articles.append(article)
    return articles


def _check_output(output: str | None, files: tuple[str, ...]) -> None:
    """Refuse --output naming one of the input files (through a link too), before any work is done."""
    if not output or not os.path.exists(output):
        return
    for file in files:
        if file != "-" and os.path.exists(file) and os.path.samefile(output, file):
            raise click.UsageError(f"--output {shown(output)} is the input file {shown(file)}; choose another name")


def _write(text: str, output: str | None) -> None:
    """The report to standard output, or to --output as a whole new file: a full disk keeps the old report, and a
    symbolic link at that name is replaced, never written through (see verify.files)."""
    if output:
        from .verify.files import write_replacing

        try:
            write_replacing(output, text.encode("utf-8"))
        except OSError as exc:
            raise click.ClickException(f"{shown(output)}: cannot write ({exc.strerror or exc})") from None
        click.echo(f"wrote {shown(output)}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(soft_wrap=False, highlight=False, stderr=stderr)


def _json(payload) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


# Every option is defined once, here; the commands list the ones they take.
OUTLET = click.option("--outlet", "outlets", multiple=True, help="Outlet name of each FILE, in order (repeatable).")
DATE = click.option("--date", "dates", multiple=True, help="Publication date of each FILE, in order (repeatable).")
REGISTRY = click.option("--registry", type=click.Path(dir_okay=False), envvar="CLAIMDIFF_REGISTRY",
                        help="YAML/JSON file of extra sources (name, kind, aliases) [env CLAIMDIFF_REGISTRY].")
MAX_BYTES_OPTION = click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
                                help="Refuse input files larger than this.")
DB = click.option("--db", "db_path", type=click.Path(dir_okay=False),
                  help="Corpus database [default: $CLAIMDIFF_DB, else claimdiff.db in the user data directory]. "
                       "compare and report reuse and keep each article's claims and vectors there (a second run "
                       "needs neither parser nor model); --story needs it.")
MODEL = click.option("--model", envvar="CLAIMDIFF_MODEL",
                     help="sentence-transformers model name or local path [env CLAIMDIFF_MODEL; default: the "
                          "packaged all-MiniLM-L6-v2].")
BACKEND = click.option("--backend", type=click.Choice(["onnx", "torch"]), envvar="CLAIMDIFF_BACKEND",
                       help="Embedding backend: int8 ONNX (exported once from the model, then starts in a fraction "
                            "of a second) or torch, the sentence-transformers reference [env CLAIMDIFF_BACKEND; "
                            "default: onnx where the model allows, else torch].")
OUTPUT = click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
NLI = click.option("--nli", envvar="CLAIMDIFF_NLI",
                   help="NLI cross-encoder name or local path: adds contradiction/entailment scores to the evidence "
                        "[env CLAIMDIFF_NLI].")
THRESHOLD = click.option("--threshold", type=click.FloatRange(0, 1), default=None,
                         help="Alignment threshold (advanced).")
STORY = click.option("--story", type=int, help="Compare the articles of this stored story (see `claimdiff stories`).")


def options(*chosen):
    """Apply options in the order listed (as --help shows them)."""
    def apply(func):
        for option in reversed(chosen):
            func = option(func)
        return func
    return apply


READING = (OUTLET, DATE, REGISTRY, MAX_BYTES_OPTION)
COMPARING = (OUTPUT, MODEL, BACKEND, NLI, THRESHOLD, DB, STORY, *READING)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimdiff")
def cli() -> None:
    """Compare news accounts of one event: who said what, where outlets agree or conflict, and whether their
    agreement traces to one origin. FILE may be text, Markdown, HTML, JSON or JSONL; '-' reads standard input."""
    _show_warnings()


def _compared(files, story, model, backend, nli, threshold, db_path, outlets, dates, registry, max_bytes):
    """The comparison of FILES or of a stored story (verify.runs.compare_with_corpus)."""
    from .verify import THRESHOLD as DEFAULT_THRESHOLD
    from .verify import NLIScorer, get_embedder
    from .verify.corpus import open_db, story_articles
    from .verify.runs import compare_with_corpus

    if not files and story is None:
        raise click.UsageError("give two or more FILES, or --story ID")
    if story is not None and files:
        raise click.UsageError("give FILES or --story, not both")
    db = open_db(db_path) if (story is not None or db_path or os.environ.get("CLAIMDIFF_DB")) else None
    articles = story_articles(db, story) if story is not None else _load(files, outlets, dates, max_bytes)
    if len(articles) < 2:
        where = f"story {story}" if story is not None else "compare"
        raise click.ClickException(f"{where}: at least two articles are needed (got {len(articles)})")
    return compare_with_corpus(articles, get_embedder(model, backend), db, story, registry=_registry(registry),
                               threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
                               nli=NLIScorer(nli) if nli else None)


@cli.command()
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "html", "csv"]), default="table",
              show_default=True, help="Terminal table, or a report: json (the contract), md, html, csv.")
@click.option("--context", is_flag=True, help="Show the sentence each claim came from, the claim underlined.")
@options(*COMPARING)
def compare(files, fmt, context, output, story, **settings):
    """Compare two or more accounts of one event (FILES, or a stored --story). Groups too wide for the terminal
    are shown as one card per claim."""
    from .verify import render

    if fmt == "table" and output:
        raise click.UsageError("--output needs a report format: --format json, md, html or csv")
    _check_output(output, files)
    comparison = _compared(files, story, **settings)
    if fmt == "table":
        from .verify.views import show_comparison

        show_comparison(_console(), comparison, context=context)
    else:
        _write(render(comparison, fmt), output)


@cli.command()
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json", "csv", "claimreview"]), default="md",
              show_default=True, help="Report format; claimreview: schema.org ClaimReview JSON-LD of the verdicts "
                                      "reviewed in a --story.")
@options(*COMPARING)
def report(files, fmt, output, story, **settings):
    """A discrepancy report for editors (Markdown, self-contained HTML, JSON, CSV) of FILES or a stored --story, or
    the story's reviewed verdicts as ClaimReview."""
    from .verify import render

    _check_output(output, files)
    reviewed = None
    if fmt == "claimreview":
        if story is None:
            raise click.UsageError("--format claimreview needs --story ID: reviews are made on stored claims")
        from .verify.claimreview import reviews_to_export
        from .verify.corpus import open_db

        # Before any work: a story with nothing to export stops here and writes nothing.
        reviewed = reviews_to_export(open_db(settings["db_path"]), story)
    comparison = _compared(files, story, **settings)
    if reviewed is not None:
        from .verify.claimreview import to_claimreview

        return _write(to_claimreview(comparison, reviewed), output)
    _write(render(comparison, fmt), output)


@cli.command()
@options(DB, MODEL, BACKEND)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=FORMAT_HELP)
def stories(db_path, model, backend, fmt):
    """Group the stored articles into stories (one event each) and list them; ids work with --story."""
    from .verify import get_embedder
    from .verify.corpus import open_db, regroup_stories
    from .verify.report import plural

    update = regroup_stories(open_db(db_path), get_embedder(model, backend))
    found = update.stories
    # Ids are stable; what changed in them is said on stderr, so the listing (and its JSON) stays clean.
    for old, into in update.merged:
        click.echo(f"story {old} merged into story {into}: they report one event (use --story {into})", err=True)
    for old, into, moved in update.split:
        click.echo(f"story {old}: {plural(len(moved), 'article')} ({', '.join(map(str, moved))}) moved to story "
                   f"{into}", err=True)
    if fmt == "json":
        return _json([s.to_dict() for s in found])
    from .verify.views import show_stories

    show_stories(_console(), found)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@options(DB, MODEL, BACKEND, REGISTRY, MAX_BYTES_OPTION)
def ingest(paths, db_path, model, backend, registry, max_bytes):
    """Add articles (files, or directories of txt, md, html, xhtml, json, jsonl) to the corpus.

    Every file is read and checked first, so one bad file stores nothing. Articles already stored (same text) are
    skipped; claims, their analysis and embeddings are stored with each article in one transaction."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .sources import article_files
    from .verify import get_embedder
    from .verify.corpus import default_db_path, open_db
    from .verify.corpus import ingest as run_ingest
    from .verify.report import plural

    files = article_files(paths)
    if not files:
        raise click.ClickException("no article files found")
    articles = _load(tuple(files), (), (), max_bytes)
    embedder = get_embedder(model, backend)
    db = open_db(db_path)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    console = _console(stderr=True)
    # A bar only on a terminal: piped or logged stderr keeps to the one-line messages.
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("ingest", total=len(articles))
        results = run_ingest(db, articles, embedder, _registry(registry), progress=lambda _: progress.advance(task))
    added = [r for r in results if r.new]
    click.echo(f"{plural(len(added), 'article')} added ({plural(sum(r.claims for r in added), 'claim')}), "
               f"{len(results) - len(added)} already stored, in {shown(db_path or default_db_path())}")


@cli.command()
@click.argument("text")
@options(DB, MODEL, BACKEND)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--story", type=int, help="Only claims of this stored story (see `claimdiff stories`).")
@click.option("--outlet", help="Only claims of this outlet (case does not matter).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=FORMAT_HELP)
def search(text, db_path, model, backend, limit, story, outlet, fmt):
    """The stored claims that best answer TEXT (meaning, fused with shared words and, for "how many" questions, the
    claims that give that count), with their ids, sentence, outlet, date and source chain."""
    from .verify import get_embedder
    from .verify.corpus import open_db
    from .verify.search import search as run_search

    hits = run_search(open_db(db_path, write=False), text, get_embedder(model, backend), limit, story=story,
                      outlet=outlet)
    if fmt == "json":
        return _json([h.to_dict() for h in hits])
    from .verify.views import show_hits

    show_hits(_console(), text, hits)


@cli.command()
@click.argument("claim_a")
@click.argument("claim_b")
@click.option("--verdict", type=click.Choice(["agree", "contradict", "unrelated"]), required=True,
              help="Your verdict on the two claims; it wins over the machine's in every later view and report.")
@click.option("--note", default="", help="Why (shown with the verdict).")
@click.option("--by", "reviewer", default=lambda: __import__("getpass").getuser(), show_default="your user name",
              help="Who reviewed.")
@options(DB)
def review(claim_a, claim_b, verdict, note, reviewer, db_path):
    """Confirm or override the verdict on two stored claims (ids as shown by compare --story, e.g. A1-c3)."""
    from .verify.corpus import open_db
    from .verify.reviews import add_review, claim_outlines

    db = open_db(db_path)
    stored = add_review(db, claim_a, claim_b, verdict, note, reviewer)
    outlines = claim_outlines(db, stored.claims)
    # Ids alone do not show a slip of one digit: the confirmation names what was judged.
    click.echo(f"reviewed: {stored.verdict} by {shown(stored.reviewer)}")
    for claim in stored.claims:
        outlet, text = outlines[claim]
        click.echo(f"  {shown(claim)} ({shown(outlet or '?')}): {shown(text)}")


def one_file_command(func):
    """A command over one FILE (one article, or several from a JSON list or JSONL) with --format table|json and
    the reading options; the function gets each article and the registry."""
    func = options(*READING)(func)
    func = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                        show_default=True, help=FORMAT_HELP)(func)
    return cli.command()(click.argument("file")(func))


def _analyse_each(file: str, outlets, dates, registry, max_bytes: int, analyse) -> list[tuple]:
    """Read FILE and run ``analyse(article, registry)`` on each of its articles."""
    articles = _load((file,), outlets, dates, max_bytes)
    reg = _registry(registry)
    results = []
    for index, article in enumerate(articles, start=1):
        article.id = article.id or f"a{index}"
        results.append((article, analyse(article, reg)))
    return results


def _echo_json(results: list[tuple], key: str) -> None:
    payload = [{"article": article.to_dict(), key: [item.to_dict() for item in items]} for article, items in results]
    _json(payload[0] if len(payload) == 1 else payload)


@one_file_command
def sources(file, fmt, outlets, dates, registry, max_bytes):
    """Who said what in one article: each statement's source, cue and chain."""
    from .sources import attribute

    results = _analyse_each(file, outlets, dates, registry, max_bytes, attribute)
    if fmt == "json":
        return _echo_json(results, "statements")
    from .verify.views import show_sources

    for article, statements in results:
        show_sources(_console(), article, statements)


@one_file_command
def claims(file, fmt, outlets, dates, registry, max_bytes):
    """Atomic claims of one article, with their facts (numbers, places, actors, dates, hedges)."""
    from .claims import analyse

    results = _analyse_each(file, outlets, dates, registry, max_bytes, analyse)
    if fmt == "json":
        return _echo_json(results, "claims")
    from .verify.views import show_claims

    for article, found in results:
        show_claims(_console(), article, found)
