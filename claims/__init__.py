"""Atomic claims with character spans, and the facts that matter in each: numbers, places, actors, dates, hedges."""
from .analysis import analyse, analysis_key
from .claim import Claim, ClaimSource, extract_claims, split_atomic
from .facts import DateFact, Facts, Number, Place, extract_dates, extract_numbers, extract_places, place_key

__all__ = ["Claim", "ClaimSource", "DateFact", "Facts", "Number", "Place", "analyse", "analysis_key", "extract_claims",
           "extract_dates", "extract_numbers", "extract_places", "place_key", "split_atomic"]
