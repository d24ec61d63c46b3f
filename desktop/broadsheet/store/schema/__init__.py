"""The library's schema history as Alembic revisions (``versions/``), run by
``store/migrations.py``; Alembic reads them as files, so the bundle carries them as data."""
