"""Build step: tables that read on a phone.

Below 45em a table shows each row as a card: the first cell as the card's heading, each
other cell under its column's name (extra.css, `table[data-cards]`). The build writes
each cell's column name into it (data-label), and gives code in cells places to wrap
after a ".", "(" or "," (<wbr>), so that a narrow screen never breaks an identifier in
the middle.
"""

from __future__ import annotations

import html
import re

TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.DOTALL)
HEAD = re.compile(r"<th[^>]*>(?P<text>.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td(?P<attrs>[^>]*)>(?P<text>.*?)</td>", re.DOTALL)
CODE = re.compile(r"<code>(?P<text>[^<]*)</code>")


def cards_on_phones(page_html: str) -> str:
    def table(m: re.Match[str]) -> str:
        head, _, body = m["body"].partition("</thead>")
        names = [
            html.unescape(re.sub(r"<[^>]+>", "", h["text"]))
            for h in HEAD.finditer(head)
        ]

        def row(r: re.Match[str]) -> str:
            cells = list(CELL.finditer(r["cells"]))
            out = r["cells"]
            for i, cell in reversed(list(enumerate(cells))):
                label = (
                    f' data-label="{html.escape(names[i])}"'
                    if 0 < i < len(names)
                    else ""
                )
                text = CODE.sub(breakable, cell["text"])
                out = (
                    out[: cell.start()]
                    + f"<td{cell['attrs']}{label}>{text}</td>"
                    + out[cell.end() :]
                )
            return f"<tr>{out}</tr>"

        return (
            f"<table data-cards>{head}</thead>{ROW.sub(row, body)}</table>"
            if body
            else m[0]
        )

    return TABLE.sub(table, page_html)


def breakable(code: re.Match[str]) -> str:
    """Code with a chance to wrap after each '.', '(' and ',' (never inside a name)."""
    return "<code>" + re.sub(r"([.(,])(?=\w)", r"\1<wbr>", code["text"]) + "</code>"
