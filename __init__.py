"""claimdiff: compare news accounts of one event: who said what, where outlets agree or conflict, and whether their
agreement traces to one origin.

The packages, in the one direction data flows: ``claimdiff.sources`` (read articles, attribute statements) ←
``claimdiff.claims`` (atomic claims and their facts) ← ``claimdiff.verify`` (align, fact table, verdicts, reports)
← ``claimdiff.cli`` (the ``claimdiff`` command).
"""
