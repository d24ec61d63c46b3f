"""The Qt bindings must not leak or over-release Python objects on calls the app makes by the
thousand (highlighting a long article makes one call per mention)."""

import sys

import pytest
from PySide6.QtGui import QFont, QTextCharFormat, QTextFormat

CALLS = 2000


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 on: its reference count never changes, so a binding "
    "that drops a reference to it per void call (PySide6 6.12.0) can neither be seen nor do harm",
)
def test_void_qt_calls_keep_the_reference_count_of_none():
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    # A binding that drops a reference per call loses 4000 here (and aborts the interpreter
    # once None's count reaches zero); small drift from other code is allowed.
    assert sys.getrefcount(None) - before > -100


def test_void_qt_calls_keep_the_reference_count_of_their_arguments():
    """An object of ours (never immortal) through a void method, thousands of times: the format
    holds one reference while it keeps the object, none once it has let it go."""
    sentinel = object()
    before = sys.getrefcount(sentinel)
    fmt = QTextCharFormat()
    for _ in range(CALLS):
        assert fmt.setProperty(QTextFormat.Property.UserProperty, sentinel) is None
    assert fmt.property(QTextFormat.Property.UserProperty) is sentinel
    assert sys.getrefcount(sentinel) - before == 1
    fmt.clearProperty(QTextFormat.Property.UserProperty)
    assert sys.getrefcount(sentinel) == before
