"""One colour per kind of fact, shared by the panels, the legend and the article highlights.

Translucent colours are written #AARRGGBB, the order QColor reads eight hex digits in.
"""

KIND_COLORS = {"person": "#c0392b", "place": "#1e8449", "organisation": "#2e59a8"}
CLAIM_HUE = "#f7dc6f"
SOURCE_HUE = "#f0b27a"
LAYER_LABELS = {
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "claims": "Claims",
}  # the highlight layers' names, in menus and the legend
KIND_LABELS = {"person": "Person", "place": "Place", "organisation": "Organisation"}


def with_alpha(hex_rgb: str, alpha: int) -> str:
    """``#RRGGBB`` and an alpha 0–255 as ``#AARRGGBB``."""
    return f"#{alpha:02x}{hex_rgb.lstrip('#')}"


CLAIM_COLOR = with_alpha(CLAIM_HUE, 0x99)
CLAIM_LAYER_COLOR = with_alpha(CLAIM_HUE, 0x38)  # the faint "claims" layer, never in the way
SOURCE_COLOR = with_alpha(SOURCE_HUE, 0xCC)
FIND_COLOR = with_alpha("#ffa500", 0x80)
HEDGED_MARK = "≈"
