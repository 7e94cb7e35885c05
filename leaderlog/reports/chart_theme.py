"""Chart colours: the Okabe–Ito colour-blind-safe palette on light, dark and print backgrounds.

Pure data (no Qt, no matplotlib) so the headless review pack uses the same colours;
``canvas.theme_for_palette`` builds a theme from the window's QPalette.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# colour-vision deficiency. Yellow is left out: it vanishes on white paper.
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"


@dataclass(frozen=True)
class ChartTheme:
    """Every colour a chart uses; one instance per background (light, dark, print)."""

    name: str
    background: str
    foreground: str
    muted: str
    """secondary text: tick labels, notes"""
    grid: str
    customer: str
    coaching: str
    positive: str
    corrective: str
    overall: str
    target: str
    target_zone: str
    """fill behind the 'at or above target' area"""
    non_workday: str
    missed: str
    below_target: str
    met_target: str
    missed_mark: str
    """the cross on a missed workday: seen in greyscale print and by every colour vision"""
    font_size: float = 8.5

    @property
    def is_dark(self) -> bool:
        return _lightness(self.background) < 0.5

    @property
    def fuller_shade(self) -> str:
        """How a bar mixed less with the background looks: darker on paper, brighter on a dark window."""
        return "brighter" if self.is_dark else "darker"


def _lightness(hex_colour: str) -> float:
    """Relative luminance-ish lightness 0..1 of '#rrggbb' (enough to tell light from dark)."""
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


LIGHT = ChartTheme(
    name="light",
    background="#ffffff",
    foreground="#1a1a1a",
    muted="#555555",
    grid="#d9d9d9",
    customer=BLUE,
    coaching=BLUISH_GREEN,
    positive=ORANGE,
    corrective=VERMILLION,
    overall="#1a1a1a",
    target="#1a1a1a",
    target_zone="#e8f1f8",
    non_workday="#ececec",
    missed="#f3b58f",
    below_target="#a9d3ef",
    met_target=BLUE,
    missed_mark="#8a3b00",
)

DARK = ChartTheme(
    name="dark",
    background="#1e1e1e",
    foreground="#eeeeee",
    muted="#b8b8b8",
    grid="#444444",
    customer=SKY_BLUE,
    coaching=BLUISH_GREEN,
    positive=ORANGE,
    corrective=VERMILLION,
    overall="#f2f2f2",
    target="#f2f2f2",
    target_zone="#243442",
    non_workday="#333333",
    missed="#a0522d",
    below_target="#2f6a91",
    met_target=SKY_BLUE,
    missed_mark="#ffd9bf",
)

PRINT = replace(LIGHT, name="print", grid="#cccccc", target_zone="#eef4f9")
"""For the review pack: white paper, darker grid so it survives a photocopy."""


def from_window_colours(background: str, foreground: str, muted: str) -> ChartTheme:
    """The light or dark theme (picked by the background's lightness) on the window's own colours."""
    chosen = DARK if _lightness(background) < 0.5 else LIGHT
    return replace(
        chosen,
        background=background,
        foreground=foreground,
        muted=muted,
        overall=foreground,
        target=foreground,
    )
