"""Errors vnadmin raises for bad input: each has a one-line message naming the file."""

from __future__ import annotations


class VnadminError(Exception):
    """Base class: the input cannot be turned into a document. ``str(e)`` is a one-line message."""

    exit_code = 1


class InputNotFound(VnadminError):
    """The path does not exist or is not a file."""

    exit_code = 2


class UnsupportedFormat(VnadminError):
    """The file is of a kind vnadmin does not read (or its content does not match its extension)."""

    exit_code = 3


class EmptyDocument(VnadminError):
    """The file holds no text at all."""

    exit_code = 4


class CorruptDocument(VnadminError):
    """The file claims a format but cannot be read as such (truncated, encrypted, damaged)."""

    exit_code = 5


class NoTextLayer(VnadminError):
    """A scanned PDF without a usable text layer, and OCR was not asked for or not available."""

    exit_code = 6


class MissingTool(VnadminError):
    """An external program needed for this input is not installed (LibreOffice, Tesseract)."""

    exit_code = 7


class InputTooLarge(VnadminError):
    """The file is over the size limit."""

    exit_code = 8
