"""Line-API painting shared by the reader and the compare strip.

Both show long text in a ``ScrollView`` whose lines never scroll sideways:
a line is painted once, cropped to the width and kept until the owner
clears the cache (new text, new width, a changed passage), so scrolling only
looks lines up. The base style and width are read once per repaint, not once
per line: per line, they cost a third of a scroll's painting.

Their own height is fixed by the CSS, never by their lines, so new content
sets the virtual size without laying the screen out again
(``set_content_size``).
"""

from __future__ import annotations

from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class PaintedLines(ScrollView):
    """A ``ScrollView`` of ``line_count()`` lines, each made by ``paint_line`` and cached."""

    def __init__(self, *, cache_size: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._painted: LRUCache[int, Strip] = LRUCache(cache_size)
        self._paint_style = Style()
        self._paint_width = 0

    def line_count(self) -> int:
        """How many lines there are to show now."""
        raise NotImplementedError

    def paint_line(self, index: int, base: Style) -> Strip:
        """Line ``index`` of the content, uncropped, on the ``base`` style."""
        raise NotImplementedError

    def set_content_size(self, size: Size) -> None:
        """Scroll over ``size`` from now on, without a layout of the whole screen.

        Setting ``virtual_size`` lays the screen out again, which costs a
        frame of every widget; with a height the CSS fixes, new content
        only needs new scrollbar proportions.
        """
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_style, self._paint_width = self.rich_style, self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        base, width = self._paint_style, self._paint_width
        if index >= self.line_count():
            return Strip.blank(width, base)
        strip = self._painted.get(index)
        if strip is None:
            strip = self.paint_line(index, base).crop_extend(0, width, base).apply_offsets(0, index)
            self._painted[index] = strip
        return strip
