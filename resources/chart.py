"""A bar chart drawn on the server as SVG: no script, nothing from another host."""

from dataclasses import dataclass

WIDTH = 720
HEIGHT = 240
MARGIN_TOP = 20
MARGIN_BOTTOM = 32
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def value_y(self):
        """Where the number sits, just above the bar."""
        return round(self.y - 4, 1)


@dataclass(frozen=True)
class BarChart:
    bars: list
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline(self):
        return self.height - MARGIN_BOTTOM

    @property
    def label_y(self):
        return self.height - MARGIN_BOTTOM / 3


def bar_chart(points, width=WIDTH, height=HEIGHT):
    """Bars for ``[(label, value), …]``, the tallest reaching the top margin."""
    points = list(points)
    if not points:
        return BarChart([], width, height)
    top = max(value for _label, value in points) or 1
    plot = height - MARGIN_TOP - MARGIN_BOTTOM
    slot = width / len(points)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = round(plot * value / top, 1)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(index * slot + GAP / 2, 1),
                y=round(MARGIN_TOP + plot - bar_height, 1),
                width=round(slot - GAP, 1),
                height=bar_height,
            )
        )
    return BarChart(bars, width, height)
