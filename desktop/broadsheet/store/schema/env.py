"""Alembic's entry: the revisions run on the connection ``store/migrations.py`` hands over,
inside its transaction (with the library's other set-up), never on a connection of their own."""

from alembic import context

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=None,
    render_as_batch=True,  # SQLite alters a table by copying it: batch mode
)
with context.begin_transaction():
    context.run_migrations()
