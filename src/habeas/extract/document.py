"""Reading documents: plain text, HTML and Markdown become one plain text.

Spans of the extractor point into the plain text produced here, so stripping must be
deterministic; it keeps paragraph breaks so that sentences do not run together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

FORMATS = ("text", "html", "markdown")

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
    "th", "table", "blockquote", "section", "article", "header", "footer", "pre", "hr",
    "figcaption", "title",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


@dataclass(frozen=True, slots=True)
class Document:
    """A document read from disk: plain text, source format and title (if any)."""

    text: str
    format: str
    title: str | None = None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._skip = 0
        self._in_title = False
        self._heading: list[str] | None = None
        self.first_heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1" and self.first_heading is None:
            self._heading = []
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head" and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag == "h1" and self._heading is not None:
            self.first_heading = " ".join("".join(self._heading).split())
            self._heading = None
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        self.parts.append(data)


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(html: str) -> tuple[str, str | None]:
    """Strip HTML to plain text with paragraph breaks; return ``(text, title)``."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    title = parser.title.strip() if parser.title else parser.first_heading
    return _tidy("".join(parser.parts)), title or None


_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^```.*$|^~~~.*$", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.M), ""),
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<[^>\n]+>"), ""),
]


def markdown_to_text(md: str) -> tuple[str, str | None]:
    """Strip Markdown syntax to plain text; return ``(text, title)`` (first heading)."""
    heading = re.search(r"^\s{0,3}#\s+(.+)$", md, re.M)
    text = md
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return _tidy(unescape(text)), heading.group(1).strip() if heading else None


_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|a|h[1-6]|article|li)\b[^>]*>", re.I)
_MD_HINT = re.compile(r"^\s{0,3}#{1,6}\s|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*|^\s*>\s", re.M)


def detect_format(text: str) -> str:
    """Guess ``html``, ``markdown`` or ``text`` from the content."""
    if len(_HTML_HINT.findall(text[:20000])) >= 1:
        return "html"
    if _MD_HINT.search(text[:20000]):
        return "markdown"
    return "text"


def to_plain(text: str, fmt: str = "auto") -> tuple[str, str | None]:
    """Convert ``text`` in format ``fmt`` (or detected) to plain text and a title."""
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "html":
        return html_to_text(text)
    if fmt == "markdown":
        return markdown_to_text(text)
    return text, None


def read_document(path: str | Path) -> Document:
    """Read a ``.txt``, ``.html``/``.htm`` or ``.md``/``.markdown`` file as plain text.

    Other suffixes are read as text, but HTML or Markdown content is still recognised.
    Undecodable bytes are replaced rather than failing the import.
    """
    path = Path(path)
    raw = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    suffix = path.suffix.lower()
    fmt = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}.get(
        suffix, "text" if suffix == ".txt" else detect_format(raw)
    )
    text, title = to_plain(raw, fmt)
    if fmt == "text" and title is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first[:200] or None
    return Document(text=text, format=fmt, title=title)
