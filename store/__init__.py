"""The versioned store: uploads, published versions, editors and the audit trail (SQLAlchemy 2 + Alembic).

Plain Python, no Streamlit and no loaders: it keeps bytes and the loaders' report as JSON that
`publishing.py` hands it, and it returns frozen dataclasses, never ORM objects.
"""

from store.db import Store, configured_url, default_url
from store.records import AuditEntry, EditorRow, Upload, Version

__all__ = ["AuditEntry", "EditorRow", "Store", "Upload", "Version", "configured_url", "default_url"]
