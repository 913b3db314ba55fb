"""Segmentation: header zone, body tree, legal bases, signature and recipients of a normalised text."""

from vnadmin.segment.body import parse_sections
from vnadmin.segment.closing import find_closing
from vnadmin.segment.header import parse_header

__all__ = ["find_closing", "parse_header", "parse_sections"]
