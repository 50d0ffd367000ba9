"""Pure parsing pipeline: page text in, dataclasses out. No ORM import below this package.

Stages (see DESIGN.md): normalize -> split -> locate -> classify -> extract -> map.
``articles.ingest.pipeline.parse_page`` runs them all; ``articles.services`` stores the result.
"""
