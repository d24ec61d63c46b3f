"""The one error type the readers raise: its message is shown to the user as it is."""


class ReadError(Exception):
    """A file could not be turned into an article; ``str(err)`` is a sentence for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot open {path}: {reason}")
        self.path = path
        self.reason = reason
