"""``python -m claimdiff``: the same command as ``claimdiff``."""
from .cli import cli

cli(prog_name="claimdiff")
