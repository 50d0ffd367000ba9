"""Writes: ingest (``ingest.py``), runs of many pages (``runs.py``).

Re-exported here so callers write ``from articles.services import ingest_page``.
"""

from .ingest import IngestError, IngestReport, PageStatus, ingest_page, storable

__all__ = ["IngestError", "IngestReport", "PageStatus", "ingest_page", "storable"]
