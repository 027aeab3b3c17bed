"""Plain text from an HTML page: scripts, styles and markup dropped."""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "title",
        "td",
    }
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # open script, style... tags: nothing inside them is text, not even in the title
        self.in_head = 0  # open <head> tags: they hide the body text but not the title
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "head":
            self.in_head += 1
        elif tag == "body":  # a <head> left open ends where the body starts, as in a browser
            self.in_head = 0
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag == "head" and self.in_head:
            self.in_head -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.in_title:
            self.title.append(data)
        elif not self.in_head:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The readable text of a page, title first, paragraphs on their own lines."""
    p = _TextParser()
    p.feed(page)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    body = "\n\n".join(line for line in lines if line)
    title = " ".join("".join(p.title).split())
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return text
