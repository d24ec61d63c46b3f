"""One colour per kind of fact, shared by the panels and the article highlights."""

KIND_COLORS = {"person": "#c0392b", "place": "#1e8449", "organisation": "#2e59a8"}
CLAIM_COLOR = "#f7dc6f88"
SOURCE_COLOR = "#f0b27a"
HEDGED_MARK = "≈"
