"""Alembic's entry point: run on the connection the store hands over (store.db.migrate), never from an ini file."""

from alembic import context

from store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
