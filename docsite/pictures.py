"""Build step: pictures of what a program did, drawn from the events its verified run
recorded (docsite/events.py), never typed.

* `picture="timeline"`: one lane per Connection or Session, and the pool, time flowing
  down (a phone's screen is tall): checkout and checkin, BEGIN, each statement,
  SAVEPOINT, COMMIT or ROLLBACK, each labelled with the program's line that caused it.
  A lane is thick while it holds a pooled connection and tinted while its transaction is
  open. A Session's lane carries the events of the Connection it runs on.
* `picture="states"`: each ORM object's path through transient, pending, persistent,
  expired, detached and deleted, each arrow labelled with the line that moved it.
* The Home page's architecture sketch (Engine, pool, Connection, Session): a drawing of
  how the pieces fit, not of a run.

Each picture is inline SVG (no request, no script) coloured by Material's CSS custom
properties (extra.css, `.picture`), so it follows the light and dark themes; it is an
image with a title and description for screen readers, followed by the same events as a
list, and the Output's log is the long form.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from docsite.events import Event, read_events
from docsite.sources import FOCUS, SECTION_MARKER

PICTURES = {"timeline": "Timeline", "states": "Object states"}

# --- The program's lines, as the reader sees them -----------------------------------------


@dataclass(frozen=True)
class Source:
    """What an event's program line looks like on the page: its number with the focus
    markers removed (the page's numbering), and its code."""

    lines: list[str]

    @classmethod
    def of(cls, program: Path) -> Source:
        return cls(program.read_text().splitlines())

    def in_focus(self, line: int | None) -> bool:
        """Whether a file line is inside a focus section (all are, without markers)."""
        inside, any_marker = False, False
        for number, text in enumerate(self.lines, 1):
            if (m := SECTION_MARKER.match(text)) and m["name"] == FOCUS:
                inside, any_marker = m["kind"] == "start", True
            elif number == line and inside:
                return True
        return not any_marker

    def label(self, line: int | None) -> str:
        if line is None:
            return "when the program ended"
        shown = sum(1 for text in self.lines[:line] if not SECTION_MARKER.match(text))
        # The code without its comment (black sets one off with two spaces): the page
        # shows the comment beside the line.
        code = self.lines[line - 1].split("  # ", 1)[0].strip()
        return f"line {shown}: {code}"


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- Timelines --------------------------------------------------------------------------------

POOL = "Pool"
SAVEPOINT_SQL = re.compile(r"^(SAVEPOINT|ROLLBACK TO SAVEPOINT|RELEASE SAVEPOINT)\b")


@dataclass
class Row:
    lane: str
    kind: str  # checkout, checkin, begin, execute, savepoint, commit, rollback, join
    text: str  # what happened, as the log says it
    where: str  # the program line that caused it
    pooled: int | None = None
    joins: str | None = None  # the lane of the Connection a Session was given


def lanes_and_rows(events: list[Event], source: Source) -> tuple[list[str], list[Row]]:
    """The lanes, left to right in order of first appearance (the pool first), and one
    row per event, top to bottom."""
    session_of = {
        e.connection: f"Session {e.session}"
        for e in events
        if e.event == "session_begin" and e.own
    }
    rows = []
    for e in events:
        if e.connection is None or (e.event == "session_begin" and e.own):
            continue
        lane = session_of.get(e.connection, f"Connection {e.connection}")
        kind, text = e.event, e.event.upper()
        if e.event == "session_begin":  # a Session given this Connection joins it
            lane, kind = f"Session {e.session}", "join"
            text = f"runs on Connection {e.connection}, joining its transaction"
        elif e.event in ("checkout", "checkin"):
            text = f"{e.event} of pooled connection {e.pooled}"
        elif e.event == "begin":
            text = "BEGIN (implicit)"
        elif e.event == "execute":
            text = e.sql.splitlines()[0]
            if SAVEPOINT_SQL.match(text):
                kind = "savepoint"
        joins = f"Connection {e.connection}" if kind == "join" else None
        rows.append(Row(lane, kind, text, source.label(e.line), e.pooled, joins))
    lanes = list(dict.fromkeys(r.lane for r in rows))
    if any(r.pooled for r in rows):
        lanes.insert(0, POOL)
    return lanes, rows


WIDTH = 360  # the viewBox, in px: a phone's column (a narrower one scales it down)
LANE_GAP, ROW_HEIGHT, HEAD_LINE = 26, 36, 17
MAX_LANES = 5  # beyond, a row's text has too little of the phone's width left
CHAR = 6.8  # a character's width at 11.5px in the system monospace fonts, generously


def timeline_svg(lanes: list[str], rows: list[Row], title: str, desc: str) -> str:
    left = 12
    x = {lane: left + i * LANE_GAP for i, lane in enumerate(lanes)}
    text_x = left + (len(lanes) - 1) * LANE_GAP + 18
    chars = int((WIDTH - text_x - 4) / CHAR)
    top = len(lanes) * HEAD_LINE + 10
    height = top + len(rows) * ROW_HEIGHT + 6
    out = [svg_open(WIDTH, height, title, desc)]
    # Lane heads, staired so that each name starts at its lane.
    for i, lane in enumerate(lanes):
        y = (i + 1) * HEAD_LINE
        out.append(f'<text class="head" x="{x[lane] - 4}" y="{y - 4}">{lane}</text>')
        out.append(
            f'<line class="lane" x1="{x[lane]}" y1="{y}" x2="{x[lane]}" y2="{height}"/>'
        )
    y_of = [top + i * ROW_HEIGHT + 12 for i in range(len(rows))]
    # Spans: a lane holds a pooled connection (thick) from checkout to checkin; its
    # transaction is open (tinted) from BEGIN to COMMIT or ROLLBACK.
    for lane in lanes[1 if lanes[0] == POOL else 0 :]:
        for start, end, css in spans(rows, lane, y_of, height):
            if css != "held":  # a transaction, a savepoint inside it
                half = 7 if css == "transaction" else 4
                out.append(
                    f'<rect class="{css}" x="{x[lane] - half}" y="{start}" '
                    f'width="{2 * half}" height="{end - start}" rx="3"/>'
                )
            else:
                out.append(
                    f'<line class="held" x1="{x[lane]}" y1="{start}" '
                    f'x2="{x[lane]}" y2="{end}"/>'
                )
    for row, y in zip(rows, y_of, strict=True):
        cx = x[row.lane]
        if row.pooled:
            out.append(
                f'<line class="handover" x1="{x[POOL]}" y1="{y}" x2="{cx}" y2="{y}"/>'
            )
            out.append(mark("pool", x[POOL], y))
        if row.joins:
            out.append(
                f'<line class="handover" x1="{x[row.joins]}" y1="{y}" x2="{cx}" '
                f'y2="{y}"/>'
            )
        out.append(mark(row.kind, cx, y))
        out.append(
            f'<text class="what {row.kind}" x="{text_x}" y="{y + 4}">'
            f"{escape(clip(row.text, chars))}</text>"
            f'<text class="where" x="{text_x}" y="{y + 18}">'
            f"{escape(clip(row.where, chars))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def spans(
    rows: list[Row], lane: str, y_of: list[int], bottom: int
) -> list[tuple[int, int, str]]:
    found, held, opened, savepoints = [], None, None, {}
    for row, y in zip(rows, y_of, strict=True):
        if row.lane != lane:
            continue
        if row.kind == "checkout":
            held = y
        elif row.kind == "checkin" and held is not None:
            found.append((held, y, "held"))
            held = None
        elif row.kind == "begin":
            opened = y
        elif row.kind in ("commit", "rollback") and opened is not None:
            found.append((opened, y, "transaction"))
            opened = None
        elif row.kind == "savepoint":
            name = row.text.split()[-1]
            if row.text.startswith("SAVEPOINT"):
                savepoints[name] = y
            elif name in savepoints:  # RELEASE or ROLLBACK TO
                found.append((savepoints.pop(name), y, "savepoint"))
    found += [
        (start, bottom, css)
        for start, css in [(held, "held"), (opened, "transaction")]
        if start
    ]
    # The transaction's tint under the connection's line, a savepoint's outline on top.
    return sorted(found, key=lambda s: ["transaction", "held", "savepoint"].index(s[2]))


def mark(kind: str, x: int, y: int) -> str:
    """A shape per kind, so that colour is never the only difference."""
    if kind in ("checkout", "checkin", "pool"):
        return (
            f'<rect class="mark {kind}" x="{x - 4}" y="{y - 4}" width="8" height="8"/>'
        )
    if kind == "begin":
        return f'<path class="mark begin" d="M{x - 6} {y - 5}h12l-6 10z"/>'
    if kind == "commit":
        return f'<circle class="mark commit" cx="{x}" cy="{y}" r="6"/>'
    if kind == "rollback":
        return (
            f'<path class="mark rollback" d="M{x - 5} {y - 5}l10 10M{x + 5} {y - 5}'
            f'l-10 10"/>'
        )
    if kind == "savepoint":
        return f'<path class="mark savepoint" d="M{x} {y - 6}l6 6l-6 6l-6 -6z"/>'
    if kind == "join":
        return f'<circle class="mark join" cx="{x}" cy="{y}" r="5"/>'
    return f'<circle class="mark execute" cx="{x}" cy="{y}" r="3.5"/>'


def svg_open(width: int, height: int, title: str, desc: str) -> str:
    ident = "picture-" + re.sub(r"\W+", "-", title.lower()).strip("-")
    return (
        f'<svg class="picture" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}'
        f'</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )


def timeline(program: Path, shown_as: str) -> str:
    """The figure: the drawing, then the same rows as a list."""
    lanes, rows = lanes_and_rows(read_events(program), Source.of(program))
    if not rows:
        raise ValueError(
            "its recorded events hold no Connection's work (does it set echo=True?)"
        )
    if len(lanes) > MAX_LANES:
        raise ValueError(
            f"its timeline would need {len(lanes)} lanes ({', '.join(lanes)}); "
            f"{MAX_LANES} fit a phone: show fewer Connections and Sessions, or no "
            "timeline"
        )
    title = f"Timeline of {shown_as}"
    desc = (
        f"{len(rows)} events in {len(lanes)} lanes ({', '.join(lanes)}), in the "
        "order they happened; the list below gives each one."
    )
    items = [f"{r.lane}: {r.text} ({r.where})" for r in rows]
    return figure(timeline_svg(lanes, rows, title, desc), items)


def figure(svg: str, items: list[str]) -> str:
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (
        # Left out of the search index, like the Output it draws.
        f'<figure class="picture-figure" data-search-exclude>{svg}'
        f"<figcaption><details><summary>The same, as a list</summary>"
        f"<ol>{listed}</ol></details></figcaption></figure>"
    )


# --- Object states ----------------------------------------------------------------------------

# event -> the state it leads to. Expiring is a change of the object's attributes, not of
# its Session: an expired object stays persistent, and refreshing it loads it again.
ENTERS = {
    "transient_to_pending": "pending",
    "pending_to_transient": "transient",
    "pending_to_persistent": "persistent",
    "loaded_as_persistent": "persistent",
    "persistent_to_transient": "transient",
    "persistent_to_detached": "detached",
    "persistent_to_deleted": "deleted",
    "deleted_to_persistent": "persistent",
    "deleted_to_detached": "detached",
    "detached_to_persistent": "persistent",
    "expire": "expired",
    "refresh": "persistent",
}
# Where a path starts: an object made by the program is transient; one loaded by a query
# comes from a row (not a state of the object: drawn apart).
STARTS = {"loaded_as_persistent": "a row", "transient_to_pending": "transient"}


@dataclass
class ObjectPath:
    obj: str  # "Employee 1", as recorded; then "alice (an Employee)" or "Employee #1"
    states: list[str] = field(default_factory=list)
    # what led to each state but the first
    moves: list[str] = field(default_factory=list)


def object_paths(events: list[Event], source: Source) -> list[ObjectPath]:
    """The path of each object some line in the program's focus moves: the objects of
    its set-up are not what the page is about."""
    shown = {e.object for e in events if e.event in ENTERS and source.in_focus(e.line)}
    paths: dict[str, ObjectPath] = {}
    for e in events:
        if e.event not in ENTERS or e.object not in shown:
            continue
        path = paths.get(e.object)
        if path is None:
            first = STARTS.get(e.event, "persistent")
            path = paths[e.object] = ObjectPath(e.object, [first])
        if e.variable and path.obj == e.object:
            path.obj = f"{e.variable} (a{'n' * (e.object[0] in 'AEIOU')} {kind(e)})"
        state = ENTERS[e.event]
        if path.states[-1] == state or (
            e.event == "refresh" and path.states[-1] != "expired"
        ):
            continue  # a refresh of an object that was not expired changes no state
        path.states.append(state)
        path.moves.append(source.label(e.line))
    unnamed: dict[str, int] = {}  # numbered again among the objects shown
    for key, path in paths.items():
        if path.obj == key:
            cls = key.rsplit(" ", 1)[0]
            unnamed[cls] = unnamed.get(cls, 0) + 1
            path.obj = f"{cls} #{unnamed[cls]}"
    return list(paths.values())


def kind(e: Event) -> str:
    return e.object.rsplit(" ", 1)[0]


BOX_W, BOX_H, STEP = 136, 24, 58
# What a box says: SQLAlchemy counts five states; an expired object is still persistent
# (inspect() says so), its attributes to be loaded again.
STATE_NAMES = {"expired": "persistent, expired"}


def states_svg(paths: list[ObjectPath], title: str, desc: str) -> str:
    heights = [20 + len(p.states) * STEP - (STEP - BOX_H) + 10 for p in paths]
    height = sum(heights)
    chars = int((WIDTH - BOX_W / 2 - 20) / CHAR)
    out, top = [svg_open(WIDTH, height, title, desc)], 0
    for path, h in zip(paths, heights, strict=True):
        out.append(f'<text class="head" x="4" y="{top + 14}">{path.obj}</text>')
        for i, state in enumerate(path.states):
            y = top + 20 + i * STEP
            out.append(
                f'<rect class="state {state.replace(" ", "-")}" x="4" y="{y}" width="{BOX_W}" '
                f'height="{BOX_H}" rx="12"/><text class="state-name" x="{4 + BOX_W / 2}" '
                f'y="{y + 16}" text-anchor="middle">{STATE_NAMES.get(state, state)}</text>'
            )
            if i == len(path.states) - 1:
                continue
            ax = 4 + BOX_W / 2
            # "line 27" above its code: two short lines beside the arrow.
            number, _, code = path.moves[i].partition(": ")
            out.append(
                f'<path class="arrow" d="M{ax} {y + BOX_H}V{y + STEP - 2}'
                f'm-4 -6l4 6l4 -6"/>'
                f'<text class="where" x="{ax + 12}" y="{y + BOX_H + 14}">'
                f"{escape(number)}</text>"
                f'<text class="what" x="{ax + 12}" y="{y + BOX_H + 28}">'
                f"{escape(clip(code, chars))}</text>"
            )
        top += h
    out.append("</svg>")
    return "".join(out)


def states(program: Path, shown_as: str) -> str:
    paths = object_paths(read_events(program), Source.of(program))
    if not paths:
        raise ValueError("its recorded events hold no ORM object's state")
    title = f"Object states in {shown_as}"
    named = {p.obj: [STATE_NAMES.get(s, s) for s in p.states] for p in paths}
    desc = "; ".join(f"{obj}: {' → '.join(states)}" for obj, states in named.items())
    items = [
        f"{p.obj}: {a} → {b} ({move})"
        for p in paths
        for a, b, move in zip(named[p.obj][:-1], named[p.obj][1:], p.moves, strict=True)
    ]
    return figure(states_svg(paths, title, desc), items)


def picture(kind: str, program: Path, shown_as: str) -> str:
    """ValueError saying what is wrong (the caller names the page and line)."""
    return {"timeline": timeline, "states": states}[kind](program, shown_as)


# --- The Home page's sketch -------------------------------------------------------------------


def box(x: float, y: float, w: float, h: float, name: str, note: str, css="") -> str:
    return (
        f'<rect class="part {css}" x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>'
        f'<text class="part-name" x="{x + w / 2}" y="{y + 18}" text-anchor="middle">'
        f'{name}</text><text class="where" x="{x + w / 2}" y="{y + 33}" '
        f'text-anchor="middle">{note}</text>'
    )


def label(x: float, y: float, text: str, css="where", anchor="middle") -> str:
    return f'<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'


def arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    """A straight arrow from (x1, y1), its head at (x2, y2), pointing its way."""
    length = math.hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length  # along the arrow
    back_x, back_y = x2 - 7 * ux, y2 - 7 * uy
    left = f"{back_x - 4 * uy:.1f} {back_y + 4 * ux:.1f}"
    right = f"{back_x + 4 * uy:.1f} {back_y - 4 * ux:.1f}"
    return f'<path class="arrow" d="M{x1} {y1}L{x2} {y2}M{left}L{x2} {y2}L{right}"/>'


def architecture() -> str:
    """Engine, pool, Connection, Session: how the pieces fit, one above the other, as
    the Home page's list below it says in words. Drawn for a phone's width."""
    w = WIDTH
    parts = [
        svg_open(
            w,
            370,
            "How the pieces fit",
            "Your code uses a Session (ORM: objects in, objects out) or a Connection "
            "(Core: statements in, rows out). A Session runs its transaction on a "
            "Connection. A Connection takes one DBAPI connection from the Engine's "
            "pool and gives it back; the pool's connections talk to the database.",
        ),
        box(100, 4, 160, 40, "Your code", "objects or statements"),
        arrow(150, 44, 90, 88),
        arrow(210, 44, 270, 88),
        box(4, 90, 168, 42, "Session (ORM)", "objects in, objects out"),
        box(188, 90, 168, 42, "Connection (Core)", "statements in, rows out"),
        arrow(172, 111, 186, 111),
        label(8, 150, "a Session runs its", "where", "start"),
        label(8, 164, "transaction on a Connection", "where", "start"),
        arrow(272, 132, 272, 196),
        label(264, 188, "checks one out", "where", "end"),
        '<rect class="part engine" x="4" y="198" width="352" height="92" rx="6"/>',
        label(14, 218, "Engine", "part-name", "start"),
        label(80, 218, "its pool of DBAPI connections", "where", "start"),
    ]
    for i in range(4):
        x = 16 + i * 84
        parts.append(
            f'<rect class="part dbapi" x="{x}" y="232" width="76" height="44" rx="4"/>'
            + label(x + 38, 251, "DBAPI")
            + label(x + 38, 266, "connection")
        )
    parts += [
        arrow(180, 290, 180, 326),
        # a cylinder: its top, its side and bottom
        '<path class="part database" d="M110 330a70 9 0 0 1 140 0a70 9 0 0 1 -140 0'
        + 'v28a70 9 0 0 0 140 0v-28"/>',
        label(180, 356, "database", "part-name"),
        "</svg>",
    ]
    return f'<figure class="picture-figure architecture">{"".join(parts)}</figure>'
