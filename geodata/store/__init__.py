"""The store: documents and their features in one database (SQLite file or PostgreSQL)."""

from geodata.errors import StoreError
from geodata.records import document_id
from geodata.store.database import AddStatus, DocumentInfo, Facets, Store, StoreStats
from geodata.store.engine import resolve_url
from geodata.store.resolve import Mention, Resolution, UnresolvedName

__all__ = [
    "AddStatus",
    "DocumentInfo",
    "Facets",
    "Mention",
    "Resolution",
    "Store",
    "StoreError",
    "StoreStats",
    "UnresolvedName",
    "document_id",
    "resolve_url",
]
