"""The Qt bindings must not leak or over-release Python objects on calls the app makes by the
thousand (highlighting a long article makes one call per mention)."""

import sys

from PySide6.QtGui import QFont, QTextCharFormat


def test_void_qt_calls_keep_the_reference_count_of_none():
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(2000):
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    # A binding that drops a reference per call loses 4000 here (and aborts the interpreter
    # once None's count reaches zero); small drift from other code is allowed.
    assert sys.getrefcount(None) - before > -100
