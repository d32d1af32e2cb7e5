"""The docsite package's pure functions, each on small inputs whose answer is known: the
parsers, the matrix's output files, normalisation, and reading a built page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from docsite.api_uses import uses_in
from docsite.config import (
    BACKENDS,
    DEFAULT_BACKEND,
    EXAMPLES_DIR,
    LOCKED_LINE,
    SQLALCHEMY_LINES,
)
from docsite.events import (
    EventsError,
    disagreement,
    normalise_events,
    parse_events,
)
from docsite.outputs import cell_of_output, log_lines, normalise, output_chain
from docsite.picture_blocks import picture_attr
from docsite.pictures import (
    Source,
    lanes_and_rows,
    object_paths,
    timeline,
    timeline_svg,
)
from docsite.redirected import redirecting
from docsite.site import PageText, quotes_output, shows_quote
from docsite.sources import body_first_line, focus_lines, hl_ranges, lock_pins

PROGRAM = EXAMPLES_DIR / "connections" / "begin_once.py"
SERVER = next(b for b in BACKENDS.values() if b != DEFAULT_BACKEND)
OTHER_LINE = next(line for line in SQLALCHEMY_LINES if line != LOCKED_LINE)


def test_the_output_chain_falls_back_from_the_cell_to_the_page():
    stem = PROGRAM.with_suffix("")
    assert output_chain(PROGRAM, DEFAULT_BACKEND, LOCKED_LINE) == [Path(f"{stem}.out")]
    assert output_chain(PROGRAM, SERVER, OTHER_LINE) == [
        Path(f"{stem}.{SERVER.name}.sqlalchemy-{OTHER_LINE.name}.out"),
        Path(f"{stem}.{SERVER.name}.out"),
        Path(f"{stem}.out"),
    ]


@pytest.mark.parametrize(
    "name, cell",
    [
        ("begin_once.out", (DEFAULT_BACKEND, LOCKED_LINE)),
        (f"begin_once.{SERVER.name}.out", (SERVER, LOCKED_LINE)),
        (
            f"begin_once.{SERVER.name}.sqlalchemy-{OTHER_LINE.name}.out",
            (SERVER, OTHER_LINE),
        ),
        ("begin_once.sqlalchemy-1.4.out", None),  # a line the matrix does not declare
        ("begin_once.sqlite.sqlalchemy-1.4.out", None),
        (
            f"begin_once.sqlalchemy-{LOCKED_LINE.name}.out",
            None,
        ),  # the locked line: .out
        (f"begin_once.{DEFAULT_BACKEND.name}.out", None),  # the default backend: .out
        ("begin_once.oracle.out", None),  # a backend the matrix does not declare
        ("no_such_program.out", None),
    ],
)
def test_each_recorded_output_belongs_to_one_cell_or_is_an_orphan(name, cell):
    found = cell_of_output(PROGRAM.with_name(name))
    assert (found and found[1:]) == cell


def test_focus_markers_give_the_lines_the_reader_sees():
    source = "a\n# --8<-- [start:focus]\nb\nc\n# --8<-- [end:focus]\nd\n"
    assert focus_lines(source) == [2, 3]  # markers are not shown, so not counted
    assert hl_ranges([1, 2, 3, 5, 7, 8]) == "1-3 5 7-8"


def test_normalise_replaces_only_what_changes_between_runs():
    run = (
        "2026-12-02 04:54:24,460 INFO sqlalchemy.engine.Engine BEGIN (implicit)\n"
        "2026-12-02 04:54:24,461 INFO sqlalchemy.engine.Engine [generated in 0.00048s] ()\n"
        "<Employee at 0x7f3a2b1c9d90>\n\tname VARCHAR\n"
    )
    assert normalise(run) == (
        "BEGIN (implicit)\n[...] ()\n<Employee at 0x...>\n    name VARCHAR\n"
    )


def test_the_pools_records_of_a_closed_connection_are_log_lines():
    """What echo_pool logs when pool_pre_ping finds a connection the server ended, and
    when dispose() closes the pool's connections; the printed lines around stay."""
    output = """\
Pool pre-ping on connection <C at 0x...> failed, will invalidate pool
Disconnection detected on checkout, invalidating all pooled connections prior to ...
Invalidate connection <C at 0x...> (reason: InvalidatePoolError:())
Hard-closing connection <C at 0x...>
the first checkout works: 1
Closing connection <C at 0x...>
Closing connection: printed
"""
    assert log_lines(output) == {0, 1, 2, 3, 5}


def test_normalise_shows_pytest_durations_as_dots_in_a_frame_as_wide_as_pytests():
    framed = "=" * 30 + " 2 passed in 0.05s " + "=" * 31
    longer = "=" * 24 + " 1 failed, 2 passed in 12.34s " + "=" * 26
    assert normalise(f"..\n2 passed in 0.05s\n{framed}\n{longer}\n") == (
        "..\n2 passed in ...\n"
        + "=" * 31
        + " 2 passed in ... "
        + "=" * 32
        + "\n"
        + "=" * 26
        + " 1 failed, 2 passed in ... "
        + "=" * 27
        + "\n"
    )
    # A sentence that only looks like a summary stays as it is.
    assert normalise("it passed in 0.05s\n") == "it passed in 0.05s\n"


def test_a_page_body_starts_after_its_front_matter():
    assert body_first_line("# Title\n") == 1
    assert body_first_line("---\ndescription: x\n---\n\n# Title\n") == 5


def test_a_lock_file_gives_each_pin_with_its_hashes(tmp_path: Path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# made by make lock\n"
        "SQLAlchemy==2.1.9 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\n"
        "    # via project\n"
        "typing_extensions==4.16.0 ; python_version >= '3.11' \\\n"
        "    --hash=sha256:cc\n"
    )
    pins = lock_pins(lock)
    assert pins["sqlalchemy"].version == "2.1.9"
    assert pins["sqlalchemy"].hashes == {"aa", "bb"}
    assert pins["typing-extensions"].hashes == {"cc"}


def test_a_redirect_points_the_examples_database_and_the_servers_own_urls():
    made = []
    create = redirecting(
        lambda url, **kw: made.append((str(url), kw)),
        {"url": "mariadb+pymysql://root@127.0.0.1:3306/private", "connect_args": {}},
    )
    create("sqlite://")
    create("mysql+pymysql://root@127.0.0.1:3306/test")
    create("postgresql+psycopg://@127.0.0.1/test")  # another server: left alone
    assert [url for url, _ in made] == [
        "mariadb+pymysql://root@127.0.0.1:3306/private",
        "mysql+pymysql://root@127.0.0.1:3306/private",
        "postgresql+psycopg://@127.0.0.1/test",
    ]


def test_what_counts_as_quoted_output():
    quoted = ["NoResultFound: No row was found", "BEGIN (implicit)", "COMMIT",
              "INSERT ... RETURNING", "batch not supported", "rollback-on-return"]  # fmt: skip
    code = ["conn.commit()", "Session(engine)", "expire_on_commit", "pip install pymysql",
            "with engine.begin() as conn:", "ROLLBACK_ON_RETURN", "is"]  # fmt: skip
    assert [q for q in quoted if not quotes_output(q)] == []
    assert [c for c in code if quotes_output(c)] == []


def test_a_quote_matches_an_output_with_its_parts_in_order():
    log = "BEGIN (implicit)\nINSERT INTO employee (name) VALUES (?)\n[...] ('Alice',)\nCOMMIT"
    assert shows_quote("INSERT INTO employee (name) VALUES (?)", log)
    assert shows_quote("BEGIN (implicit) INSERT ... COMMIT", log)
    assert not shows_quote("COMMIT ... INSERT", log)  # the parts are in order
    assert not shows_quote("ROLLBACK", log)
    printed = "NoResultFound No row was found when one was required"
    assert shows_quote("NoResultFound: No row was found ...", printed)
    assert not shows_quote("NoResultFound: No rows at all", printed)


def test_a_built_page_gives_its_prose_spans_with_their_links_and_its_outputs(
    tmp_path: Path,
):
    page = tmp_path / "index.html"
    page.write_text(
        '<p>It sends <code>COMMIT</code> (<a href="../x/#y">proof</a>).</p>'
        '<div class="language-python highlight"><pre><code>conn.commit()</code></pre></div>'
        '<div class="example-output highlight"><span class="filename">Output</span>'
        "<pre><code>BEGIN (implicit)\nCOMMIT\n</code></pre></div>"
        "<ul><li><code>ROLLBACK</code><br></li></ul>"
    )
    text = PageText(page)
    assert [(s.text, s.links) for s in text.spans] == [
        ("COMMIT", ("../x/#y",)),
        ("ROLLBACK", ()),
    ]
    assert text.outputs == ["BEGIN (implicit)\nCOMMIT\n"]
    assert text.links == [("../x/#y",)]


def test_a_program_without_recorded_output_is_a_notice_in_the_preview_only(
    tmp_path: Path,
):
    """`make serve` shows the program with a notice; `make build` and the tests stop."""
    from docsite.example_blocks import ExampleError, rewrite_example_blocks

    program = tmp_path / "examples" / "page" / "new.py"
    program.parent.mkdir(parents=True)
    program.write_text('print("hi")\n')
    page = '# Page\n\n```python\n--8<-- "examples/page/new.py"\n```\n'
    preview = rewrite_example_blocks(page, "docs/page.md", tmp_path, 1, preview=True)
    assert '!!! warning "No recorded output yet"' in preview
    assert "`new.out` does not exist: run `make update-outputs`" in preview
    with pytest.raises(
        ExampleError, match=r"^docs/page\.md:4: 'new\.py' has no recorded"
    ):
        rewrite_example_blocks(page, "docs/page.md", tmp_path, 1)


def test_the_lines_outside_a_programs_focus_fold_where_there_are_enough():
    from docsite.sources import Fold, folds

    lines = [f"line{n}\n" for n in range(1, 13)]
    source = "".join(
        lines[:5] + ["# --8<-- [start:focus]\n"] + lines[5:7]
        + ["# --8<-- [end:focus]\n"] + lines[7:9]
        + ["# --8<-- [start:focus]\n"] + lines[9:10] + ["# --8<-- [end:focus]\n"]
        + lines[10:]
    )  # fmt: skip
    assert folds(source) == [Fold(1, 5)]  # 8-9 and 11-12 are too short to fold
    assert Fold(1, 5).label == "5 lines of set-up"
    assert Fold(8, 13).label == "6 more lines"
    assert folds("no focus markers\n" * 10) == []


@pytest.mark.parametrize(
    "source, problem",
    [
        ("a\n# --8<-- [start:focus]\nb\n", "line 2: [start:focus] is never closed"),
        ("a\n# --8<-- [end:focus]\n", "line 2: [end:focus] opens none"),
    ],
)
def test_a_focus_marker_left_open_names_its_line(source: str, problem: str):
    from docsite.sources import focus_lines

    with pytest.raises(ValueError, match=re.escape(problem)):
        focus_lines(source)


def labels(source: str) -> list[str]:
    return [use.label for use in uses_in(source)]


def test_api_uses_follow_sqlalchemy_annotations_through_with_and_await():
    assert labels(
        "from sqlalchemy import create_engine, text\n"
        "engine = create_engine('sqlite://', echo=True)\n"
        "with engine.begin() as conn:\n"
        "    conn.execute(text('SELECT 1')).scalars().all()\n"
    ) == [
        "create_engine()",
        "echo",
        "Engine.begin()",
        "text()",
        "Connection.execute()",
        "CursorResult.scalars()",
        "ScalarResult.all()",
    ]
    assert labels(
        "import asyncio\n"
        "from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine\n"
        "async def main():\n"
        "    engine = create_async_engine('sqlite+aiosqlite://')\n"
        "    async with async_sessionmaker(engine)() as session:\n"
        "        (await session.execute('x')).all()\n"
    ) == [
        "create_async_engine()",
        "async_sessionmaker",
        "AsyncSession.execute()",
        "Result.all()",
    ]


def test_api_uses_take_annotations_of_the_program_and_ignore_what_they_cannot_follow():
    assert labels(
        "from sqlalchemy.orm import Session\n"
        "def add(session: Session, row):\n"
        "    session.add(row)\n"
        "    row.save()\n"
        "    session = row\n"
        "    session.commit()\n"
    ) == ["Session", "Session.add()"]
    assert labels(  # FastAPI's dependency: the Annotated type is the Session
        "from typing import Annotated\n"
        "from fastapi import Depends\n"
        "from sqlalchemy.orm import Session\n"
        "SessionDep = Annotated[Session, Depends(object)]\n"
        "def endpoint(session: SessionDep):\n"
        "    session.commit()\n"
    ) == ["Session", "Session.commit()"]


# --- Pictures from recorded events (docsite/events.py, docsite/pictures.py) -------------

EVENTS_PATH = EXAMPLES_DIR / "x.events"  # only named in messages
OUT = EXAMPLES_DIR / "x.out"
SMALL_RUN = """\
{"event": "checkout", "connection": 1, "pooled": 1, "line": 2}
{"event": "begin", "connection": 1, "line": 3}
{"event": "execute", "connection": 1, "sql": "SELECT 1", "line": 3}
{"event": "commit", "connection": 1, "line": 4}
{"event": "checkin", "connection": 1, "pooled": 1, "line": 2}
"""
SMALL_OUTPUT = "BEGIN (implicit)\nSELECT 1\n[...] ()\nCOMMIT\n"
SMALL_PROGRAM = Source(
    [
        "engine = create_engine('sqlite://', echo=True)",
        "with engine.connect() as conn:",
        "    conn.execute(text('SELECT 1'))",
        "    conn.commit()",
    ]
)


def drawn(events: str) -> str:
    lanes, rows = lanes_and_rows(parse_events(events, EVENTS_PATH), SMALL_PROGRAM)
    return timeline_svg(lanes, rows, "t", "d")


def test_events_agree_with_the_output_they_were_recorded_with():
    events = parse_events(SMALL_RUN, EVENTS_PATH)
    assert disagreement(events, SMALL_OUTPUT, EVENTS_PATH, OUT) is None


def test_a_changed_event_changes_the_picture_and_disagrees_with_the_output():
    changed = SMALL_RUN.replace('"commit"', '"rollback"')
    assert drawn(changed) != drawn(SMALL_RUN)
    assert "ROLLBACK" in drawn(changed) and "ROLLBACK" not in drawn(SMALL_RUN)
    problem = disagreement(
        parse_events(changed, EVENTS_PATH), SMALL_OUTPUT, EVENTS_PATH, OUT
    )
    assert problem.startswith("examples/x.events:4: 'rollback' is not in")
    # ... until the output agrees
    agreeing = SMALL_OUTPUT.replace("COMMIT", "ROLLBACK")
    assert (
        disagreement(parse_events(changed, EVENTS_PATH), agreeing, EVENTS_PATH, OUT)
        is None
    )


def test_events_out_of_order_disagree_with_the_output():
    lines = SMALL_RUN.splitlines(keepends=True)
    swapped = "".join([lines[0], lines[2], lines[1], *lines[3:]])
    problem = disagreement(
        parse_events(swapped, EVENTS_PATH), SMALL_OUTPUT, EVENTS_PATH, OUT
    )
    assert problem.startswith("examples/x.events:3: 'begin' is not in")


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "examples/x.events:1: not a JSON object"),
        ('{"event": "teleport", "line": 1}', "examples/x.events:1: unknown event"),
        ('{"event": "begin", "connection": 1}', "examples/x.events:1: begin has no"),
        ('{"event": "begin", "line": 1}', "examples/x.events:1: begin needs"),
    ],
)
def test_a_malformed_event_names_file_and_line(line: str, message: str):
    with pytest.raises(EventsError, match=re.escape(message)):
        parse_events(line, EVENTS_PATH)


def test_a_timeline_has_a_lane_per_connection_and_the_pool_and_a_row_per_event():
    lanes, rows = lanes_and_rows(parse_events(SMALL_RUN, EVENTS_PATH), SMALL_PROGRAM)
    assert lanes == ["Pool", "Connection 1"]
    assert [(r.kind, r.text) for r in rows] == [
        ("checkout", "checkout of pooled connection 1"),
        ("begin", "BEGIN (implicit)"),
        ("execute", "SELECT 1"),
        ("commit", "COMMIT"),
        ("checkin", "checkin of pooled connection 1"),
    ]
    assert rows[2].where == "line 3: conn.execute(text('SELECT 1'))"
    svg = drawn(SMALL_RUN)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert 'class="transaction"' in svg and 'class="held"' in svg


def test_a_session_lane_carries_its_connection_events():
    events = SMALL_RUN.replace(
        '{"event": "execute"',
        '{"event": "session_begin", "session": 1, "connection": 1, "own": true, "line": 3}\n'
        '{"event": "execute"',
    )
    lanes, rows = lanes_and_rows(parse_events(events, EVENTS_PATH), SMALL_PROGRAM)
    assert lanes == ["Pool", "Session 1"]
    assert {r.lane for r in rows} == {"Session 1"}


def test_an_object_path_follows_its_states_with_the_lines_that_moved_it():
    events = "".join(
        f'{{"event": "{name}", {extra}"object": "Employee 3", "variable": {var}, '
        f'"line": {line}}}\n'
        for name, extra, var, line in [
            ("transient_to_pending", '"session": 1, ', "null", 2),
            ("pending_to_persistent", '"session": 1, ', '"alice"', 3),
            ("expire", "", '"alice"', 4),
            ("refresh", "", '"alice"', 3),
            ("refresh", "", '"alice"', 3),  # not expired: no change of state
            ("persistent_to_detached", '"session": 1, ', "null", None),
        ]
    ).replace("None", "null")
    (path,) = object_paths(parse_events(events, EVENTS_PATH), SMALL_PROGRAM)
    assert path.obj == "alice (an Employee)"
    assert path.states == [
        "transient",
        "pending",
        "persistent",
        "expired",
        "persistent",
        "detached",
    ]
    assert path.moves[0] == "line 2: with engine.connect() as conn:"
    assert path.moves[-1] == "when the program ended"


def test_a_program_line_is_numbered_as_the_page_shows_it():
    source = Source(
        ["a = 1", "# --8<-- [start:focus]", "b = 2  # why", "# --8<-- [end:focus]"]
    )
    assert source.label(3) == "line 2: b = 2"
    assert source.in_focus(3) and not source.in_focus(1)


def test_a_fence_asks_for_a_picture_by_name():
    assert picture_attr(' title="x" picture="timeline"') == (' title="x"', "timeline")
    assert picture_attr(' title="x"') == (' title="x"', None)
    with pytest.raises(ValueError, match='picture="pie": use picture="timeline"'):
        picture_attr(' picture="pie"')


def test_objects_moved_at_once_are_recorded_in_the_order_of_their_numbers():
    def moved(obj: str, line: int) -> str:
        return json.dumps(
            {
                "event": "pending_to_transient",
                "session": 1,
                "object": obj,
                "variable": None,
                "line": line,
            }
        )

    rollback = json.dumps({"event": "rollback", "connection": 1, "line": 9})
    recorded = [rollback, moved("Employee 10", 9), moved("Employee 2", 9)]
    recorded.append(moved("Employee 1", 8))  # another line: another run
    settled = normalise_events("\n".join(recorded) + "\n").splitlines()
    assert settled == [recorded[0], recorded[2], recorded[1], recorded[3]]


def test_a_session_given_a_connection_joins_its_lane():
    events = SMALL_RUN.replace(
        '{"event": "execute"',
        '{"event": "session_begin", "session": 1, "connection": 1, "own": false, '
        '"line": 3}\n{"event": "execute"',
    )
    lanes, rows = lanes_and_rows(parse_events(events, EVENTS_PATH), SMALL_PROGRAM)
    assert lanes == ["Pool", "Connection 1", "Session 1"]
    (joined,) = [r for r in rows if r.lane == "Session 1"]
    assert (joined.kind, joined.joins) == ("join", "Connection 1")


# --- Error codes (docsite/error_codes.py) ---------------------------------------------


def test_an_error_code_is_read_with_the_exception_and_message_printed_before_it():
    from docsite.error_codes import PrintedError, background_codes, errors_in_output

    output = (
        "BEGIN (implicit)\n"
        "DetachedInstanceError Instance <Employee at 0x...> is not bound to a Session;"
        " attribute refresh operation cannot proceed"
        " (Background on this error at: https://sqlalche.me/e/21/bhk3)\n"
        "main thread: InvalidRequestError: This session is provisioning a new"
        " connection (Background on this error at: https://sqlalche.me/e/21/isce)\n"
        "sqlalchemy.exc.TimeoutError: QueuePool limit of size 1 overflow 0 reached"
        " (Background on this error at: https://sqlalche.me/e/20/3o7r)\n"
        "ResourceClosedError: This transaction is closed\n"
    )
    assert errors_in_output(output) == [
        PrintedError(
            2,
            "DetachedInstanceError",
            "Instance <Employee at 0x...> is not bound to a Session; attribute "
            "refresh operation cannot proceed",
            "21",
            "bhk3",
        ),
        PrintedError(
            3,
            "InvalidRequestError",
            "This session is provisioning a new connection",
            "21",
            "isce",
        ),
        PrintedError(
            4,
            "sqlalchemy.exc.TimeoutError",
            "QueuePool limit of size 1 overflow 0 reached",
            "20",
            "3o7r",
        ),
    ]
    assert background_codes(output) == {"bhk3", "isce", "3o7r"}


def test_an_error_code_without_an_exception_on_its_line_names_the_line():
    from docsite.error_codes import errors_in_output

    output = (
        "StatementError: (sqlite3.IntegrityError) NOT NULL constraint failed\n"
        "(Background on this error at: https://sqlalche.me/e/21/gkpj)\n"
    )
    with pytest.raises(ValueError, match=r"^line 2: an error code with no exception"):
        errors_in_output(output)


def test_an_error_code_links_to_sqlalchemys_explanation_for_the_pages_line():
    from docsite.error_codes import explanation_url, first_words, link_markers

    token = LOCKED_LINE.name.replace(".", "")  # "21", as in sqlalche.me/e/21/
    url = f"https://docs.sqlalchemy.org/en/{token}/errors.html#error-bhk3"
    assert explanation_url("bhk3") == url
    assert link_markers("it fails ([why](error:bhk3)).") == f"it fails ([why]({url}))."
    assert first_words("one two") == "one two"
    assert first_words(" ".join(map(str, range(20)))).endswith(" 11 …")


def test_a_pages_sections_have_the_anchors_their_links_take(tmp_path: Path):
    from docsite.sources import section_at, sections

    page = tmp_path / "page.md"
    page.write_text(
        "---\ndescription: x\n---\n\n# The page\n\n"
        "## `DetachedInstanceError`: after close { #detached }\n\n"
        "```sh\n# a comment, not a heading\n```\n\n"
        "### A [linked](x.md) `begin()` heading\n\ntext\n"
    )
    assert [(s.line, s.level, s.anchor) for s in sections(page)] == [
        (5, 1, "the-page"),
        (7, 2, "detached"),
        (13, 3, "a-linked-begin-heading"),
    ]
    assert section_at(page, 10).anchor == "detached"
    assert section_at(page, 5) is None


# --- The glossary -------------------------------------------------------------------------

GLOSSARY_PAGE = """# Glossary

Intro.

## Flush {#flush}
<!-- also: flushes, flushed -->

The Session sending its changes, with `flush()` or
[autoflush](#autoflush).

Shown in [add() and flush()](sessions.md#add-and-flush). SQLAlchemy:
[Flushing](https://docs.sqlalchemy.org/en/21/orm/session_basics.html#flushing).

## Identity map

One object per **primary key**.

Shown in [The identity map](sessions.md#the-identity-map). SQLAlchemy:
[identity map](https://docs.sqlalchemy.org/en/21/glossary.html#term-identity-map).
"""


def glossary_terms():
    from docsite.glossary import parse_glossary

    return parse_glossary(GLOSSARY_PAGE, "docs/glossary.md")


def test_the_glossary_gives_each_term_its_forms_plain_definition_and_links():
    flush, identity_map = glossary_terms()
    assert (flush.name, flush.anchor, flush.line) == ("Flush", "flush", 5)
    assert (
        flush.definition
        == "The Session sending its changes, with flush() or autoflush."
    )
    assert set(flush.forms) == {
        "flush",
        "Flush",
        "flushes",
        "Flushes",
        "flushed",
        "Flushed",
    }
    assert flush.shown_in == ("sessions.md#add-and-flush",)
    assert flush.reference == (
        "https://docs.sqlalchemy.org/en/21/orm/session_basics.html#flushing",
    )
    assert identity_map.anchor == "identity-map"  # from the heading, as MkDocs makes it
    assert identity_map.definition == "One object per primary key."
    assert identity_map.forms == ("identity map", "Identity map")


@pytest.mark.parametrize(
    "change, problem",
    [
        (
            ("## Identity map", "## Flush"),
            "docs/glossary.md:14: 'Flush' is defined twice: here and at docs/glossary.md:5",
        ),
        (
            ("<!-- also: flushes, flushed -->", "<!-- also: flushes, identity map -->"),
            "docs/glossary.md:14: 'identity map' is defined twice: by 'Identity map'",
        ),
        (
            ("Shown in [add() and flush()](sessions.md#add-and-flush). ", ""),
            "docs/glossary.md:5: the entry 'Flush' links to no page of this site",
        ),
        (
            ("[identity map](https://docs.sqlalchemy.org/en/21/glossary.html", "[x](x"),
            "docs/glossary.md:14: the entry 'Identity map' links to no page of SQLAl",
        ),
        (
            ("\nOne object per **primary key**.\n", ""),
            "docs/glossary.md:14: the entry 'Identity map' needs a definition paragraph",
        ),
    ],
)
def test_a_bad_glossary_entry_names_its_line(change: tuple[str, str], problem: str):
    from docsite.glossary import GlossaryError, parse_glossary

    broken = GLOSSARY_PAGE.replace(*change)
    assert broken != GLOSSARY_PAGE
    with pytest.raises(GlossaryError, match=re.escape(problem)):
        parse_glossary(broken, "docs/glossary.md")


def marked(markdown_text: str) -> str:
    """Markdown rendered with the glossary's terms marked, as the site's pages are."""
    import markdown

    from docsite.glossary import GlossaryTerms

    terms = GlossaryTerms()
    terms.terms = glossary_terms()
    return markdown.markdown(
        markdown_text,
        extensions=["admonition", "attr_list", "md_in_html", "pymdownx.details", terms],
    )


FLUSH_TITLE = 'title="The Session sending its changes, with flush() or autoflush."'


def test_the_first_use_of_a_term_in_each_section_shows_its_definition():
    html = marked(
        "Flushed, then flushes.\n\n"  # capitalised; the second use is not marked
        "## Flush and the identity map\n\n"  # headings are never marked
        "The identity\nmap, and `flush` or [a flush](x.md), then a flush.\n"
    )
    abbrs = re.findall(r"<abbr ([^>]*)>([^<]*)</abbr>", html)
    assert [text for _, text in abbrs] == ["Flushed", "identity\nmap", "flush"]
    assert FLUSH_TITLE in abbrs[0][0] and 'tabindex="0"' in abbrs[0][0]
    assert 'data-term="identity-map"' in abbrs[1][0]
    assert "<code>flush</code>" in html and '<a href="x.md">a flush</a>' in html
    assert "<h2>Flush and the identity map</h2>" in html


def test_no_term_is_marked_inside_a_summary_or_a_longer_word():
    html = marked('??? quote "A flush"\n\n    Not a flushing_mode; a flush.\n')
    assert "<summary>A flush</summary>" in html
    assert "flushing_mode" in html and re.findall(r"<abbr[^>]*>([^<]*)<", html) == [
        "flush"
    ]


def test_a_page_that_defines_its_own_abbreviation_names_the_line():
    from docsite.glossary import GlossaryError, check_no_page_abbreviations

    fenced = "Text.\n\n```text\n*[HTML]: in a fence, shown as text\n```\n"
    check_no_page_abbreviations(fenced, "docs/x.md", 1)
    with pytest.raises(
        GlossaryError, match=re.escape("docs/x.md:9: 'flush' is defined")
    ):
        check_no_page_abbreviations(fenced + "\n*[flush]: my own\n", "docs/x.md", 3)


def small_inventory(
    path: Path, version: str = "2.1.9", body: str | None = None
) -> Path:
    """A Sphinx inventory with a few of SQLAlchemy's entries, as Sphinx writes one."""
    import zlib

    entries = [
        ("sqlalchemy.orm.Session", "py:class", "orm/session_api.html#$"),
        ("sqlalchemy.orm.Session.commit", "py:method", "orm/session_api.html#$"),
        ("sqlalchemy.orm.Session.get", "py:method", "orm/session_api.html#$"),
        ("sqlalchemy.orm.Session.new", "py:property", "orm/session_api.html#$"),
        ("sqlalchemy.orm.Session.params.expire_on_commit", "py:parameter",
         "orm/session_api.html#$"),
        ("sqlalchemy.orm.sessionmaker", "py:class", "orm/session_api.html#$"),
        ("sqlalchemy.orm.sessionmaker.params.expire_on_commit", "py:parameter",
         "orm/session_api.html#$"),
        ("sqlalchemy.engine.Connection", "py:class", "core/connections.html#$"),
        ("sqlalchemy.engine.Connection.commit", "py:method", "core/connections.html#$"),
        ("sqlalchemy.engine.Engine", "py:class", "core/connections.html#$"),
        ("sqlalchemy.engine.Engine.begin", "py:method", "core/connections.html#$"),
        ("sqlalchemy.ext.asyncio.AsyncEngine", "py:class", "orm/asyncio.html#$"),
        ("sqlalchemy.ext.asyncio.AsyncEngine.sync_engine", "py:attribute",
         "orm/asyncio.html#$"),
        ("sqlalchemy.sql.expression.select", "py:function", "core/selectable.html#$"),
        ("sqlalchemy.sql.expression.delete", "py:function", "core/dml.html#$"),
        ("sqlalchemy.future.select", "py:function", "core/future.html#$"),
        ("glossary", "std:doc", "glossary.html"),
        ("unit of work", "std:term", "glossary.html#term-unit-of-work"),
    ]  # fmt: skip
    if body is None:
        body = "".join(f"{n} {r} 1 {u} -\n" for n, r, u in entries)
    path.write_bytes(
        b"# Sphinx inventory version 2\n# Project: SQLAlchemy\n"
        + f"# Version: {version}\n".encode()
        + b"# The remainder of this file is compressed using zlib.\n"
        + zlib.compress(body.encode())
    )
    return path


def small_resolver(tmp_path: Path):
    from dataclasses import replace

    from docsite.config import REFERENCE
    from docsite.reference import Resolver, parse_inventory

    reference = replace(
        REFERENCE,
        receivers={"engine": ["Engine", "AsyncEngine"], "conn": ["Connection"],
                   "session": ["Session"]},
        prefer={"select": "sqlalchemy.sql.expression.select"},
        methods_of=["Session", "Connection"],
        params_of=["Session", "sessionmaker"],
        unlinked={"Session.sneaky()": "a test"},
    )  # fmt: skip
    return Resolver(parse_inventory(small_inventory(tmp_path / "o.inv")), reference)


def test_an_inventory_gives_the_python_entries_with_their_uris(tmp_path: Path):
    from docsite.reference import parse_inventory

    found = parse_inventory(small_inventory(tmp_path / "o.inv"))
    assert (found.project, found.version) == ("SQLAlchemy", "2.1.9")
    commit = found.entries["sqlalchemy.orm.Session.commit"]
    assert (commit.role, commit.uri) == (
        "py:method",
        "orm/session_api.html#sqlalchemy.orm.Session.commit",
    )
    assert "glossary" not in found.entries and "unit of work" not in found.entries


@pytest.mark.parametrize(
    "damage, problem",
    [
        (lambda b: b[:40], ":1: not a Sphinx inventory"),
        (lambda b: b.replace(b"version 2", b"version 1"), ":1: expected"),
        (lambda b: b[:-20], ":5: its compressed part is broken"),
    ],
)
def test_a_broken_inventory_names_its_file_and_line(tmp_path: Path, damage, problem):
    from docsite.reference import InventoryError, parse_inventory

    path = small_inventory(tmp_path / "o.inv")
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(InventoryError, match=re.escape(f"{path}{problem}")):
        parse_inventory(path)


def test_a_stale_inventory_names_the_inventory_and_the_lock(tmp_path: Path):
    from docsite.reference import InventoryError, inventory

    path = small_inventory(tmp_path / "o.inv", version="2.1.8")
    with pytest.raises(InventoryError) as stale:
        inventory(LOCKED_LINE, path)
    assert str(stale.value).startswith(
        f"{path}:3: the inventory is of SQLAlchemy 2.1.8"
    )
    assert f"{LOCKED_LINE.lock.name} locks SQLAlchemy {LOCKED_LINE.version}" in str(
        stale.value
    )


@pytest.mark.parametrize(
    "span, context, identifier",
    [
        ("Session", None, "sqlalchemy.orm.Session"),
        ("Session.commit()", None, "sqlalchemy.orm.Session.commit"),
        ("session.get(Employee, 1)", None, "sqlalchemy.orm.Session.get"),
        ("session.new", None, "sqlalchemy.orm.Session.new"),
        ("conn.commit()", None, "sqlalchemy.engine.Connection.commit"),
        # an instance name tries its classes in order
        ("engine.sync_engine", None, "sqlalchemy.ext.asyncio.AsyncEngine.sync_engine"),
        ("engine.begin()", None, "sqlalchemy.engine.Engine.begin"),
        # a method alone: on the paragraph's class first, then methods-of in order
        ("commit()", None, "sqlalchemy.orm.Session.commit"),
        ("commit()", "sqlalchemy.engine.Connection", "sqlalchemy.engine.Connection.commit"),
        (".commit()", "sqlalchemy.engine.Connection", "sqlalchemy.engine.Connection.commit"),
        # a function; a tie declared in prefer
        ("select(Employee)", None, "sqlalchemy.sql.expression.select"),
        ("delete()", None, "sqlalchemy.sql.expression.delete"),
        # parameters: the paragraph's owner first, then params-of
        ("expire_on_commit=False", None, "sqlalchemy.orm.Session.params.expire_on_commit"),
        ("expire_on_commit", "sqlalchemy.orm.sessionmaker",
         "sqlalchemy.orm.sessionmaker.params.expire_on_commit"),
        ("sqlalchemy.engine.Engine", None, "sqlalchemy.engine.Engine"),
    ],
)  # fmt: skip
def test_a_code_span_resolves_to_the_entry_it_names(
    tmp_path: Path, span: str, context: str | None, identifier: str
):
    from docsite.reference import Target

    named_last = Target(context, context) if context else None  # a class
    assert small_resolver(tmp_path).resolve(span, named_last).identifier == identifier


@pytest.mark.parametrize(
    "span",
    ["BEGIN (implicit)", "COMMIT", "Employee", "alice.name", "print()", "session",
     "with Session(engine) as session:", "examples/x.py", "id=1", "Base.metadata"],
)  # fmt: skip
def test_a_code_span_that_is_not_sqlalchemy_api_is_left_alone(tmp_path: Path, span):
    assert small_resolver(tmp_path).resolve(span) is None


@pytest.mark.parametrize(
    "span, problem",
    [
        ("Session.comit()", "sqlalchemy.orm.Session.comit is not in SQLAlchemy 2.1.9"),
        ("conn.get()", "(`conn` is declared as sqlalchemy.engine.Connection)"),
        ("sqlalchemy.orm.Sesion", "`sqlalchemy.orm.Sesion` is not in"),
    ],
)
def test_a_name_the_reference_lacks_is_refused(tmp_path: Path, span, problem):
    from docsite.reference import UnknownName

    with pytest.raises(UnknownName, match=re.escape(problem)):
        small_resolver(tmp_path).resolve(span)


def test_a_short_name_with_two_entries_must_be_declared(tmp_path: Path):
    from dataclasses import replace

    from docsite.reference import UnknownName

    resolver = small_resolver(tmp_path)
    resolver.reference = replace(resolver.reference, prefer={})
    with pytest.raises(UnknownName, match=r"declare which one .*\.prefer\]"):
        resolver.resolve("select()")


def test_prose_spans_become_references_and_the_rest_is_left_alone(tmp_path: Path):
    from docsite.reference_links import ReferenceError, link_reference_names

    page = (
        "# The `Session.commit()` heading\n"
        "\n"
        "Call `conn.commit()`, then `commit()` again; `COMMIT` is SQL.\n"
        "\n"
        "```python\n"
        "`Session.commit()` in a fence\n"
        "```\n"
        "See [`Session.get()`](https://example.org/) and `Session.sneaky()`.\n"
        "Then `commit()`.\n"
    )
    linked, spans = link_reference_names(page, "docs/x.md", 3, small_resolver(tmp_path))
    assert linked.split("\n") == [
        "# The `Session.commit()` heading",
        "",
        (
            "Call [`conn.commit()`][sqlalchemy.engine.Connection.commit], then "
            "[`commit()`][sqlalchemy.engine.Connection.commit] again; `COMMIT` is SQL."
        ),
        "",
        "```python",
        "`Session.commit()` in a fence",
        "```",
        "See [`Session.get()`](https://example.org/) and `Session.sneaky()`.",
        # the paragraph changed (a fence ended it): commit() is methods-of's first
        "Then [`commit()`][sqlalchemy.orm.Session.commit].",
        "",
    ]
    assert [(s.line, s.code) for s in spans] == [
        (5, "conn.commit()"), (5, "commit()"), (11, "commit()")
    ]  # fmt: skip
    with pytest.raises(ReferenceError, match=r"^docs/x\.md:4: `Session\.comit\(\)`"):
        link_reference_names("x\n`Session.comit()`\n", "docs/x.md", 3,
                             small_resolver(tmp_path))  # fmt: skip


def test_a_notebooks_rendered_spans_link_outside_code_and_links(tmp_path: Path):
    from docsite.reference_links import ReferenceError, link_reference_names_in_html

    notebook = tmp_path / "nb.py"
    notebook.write_text(
        "# %% [markdown]\n# Call `conn.commit()`.\n# `Session.comit()`\n"
    )
    page = (
        "<p>Call <code>conn.commit()</code>, then <code>commit()</code>.</p>"
        '<pre><code>session.commit()</code></pre><p><a href="x"><code>Session</code></a></p>'
    )
    linked, spans = link_reference_names_in_html(
        page,
        "nb.py",
        notebook.read_text(),
        small_resolver(tmp_path),
        "https://docs.example/",
    )
    href = (
        "https://docs.example/core/connections.html#sqlalchemy.engine.Connection.commit"
    )
    link = f'<a class="autorefs autorefs-external" href="{href}">'
    assert linked == (
        f"<p>Call {link}<code>conn.commit()</code></a>, then "
        f"{link}<code>commit()</code></a>.</p>"
        '<pre><code>session.commit()</code></pre><p><a href="x"><code>Session</code></a></p>'
    )
    assert [(s.line, s.code) for s in spans] == [(2, "conn.commit()"), (1, "commit()")]
    with pytest.raises(ReferenceError, match=re.escape("nb.py:3: `Session.comit()`")):
        link_reference_names_in_html(
            "<p><code>Session.comit()</code></p>", "nb.py", notebook.read_text(),
            small_resolver(tmp_path), "",
        )  # fmt: skip


def test_a_collapsible_blocks_title_is_left_alone(tmp_path: Path):
    """Its title becomes a <summary>: a link there would be a control inside a control."""
    from docsite.reference_links import link_reference_names

    page = '??? note "Why `Session`"\n    Because `Session` is.\n'
    linked, _ = link_reference_names(page, "docs/x.md", 1, small_resolver(tmp_path))
    assert linked == (
        '??? note "Why `Session`"\n    Because [`Session`][sqlalchemy.orm.Session] is.\n'
    )


def test_a_built_pages_spans_say_whether_in_a_link_or_a_title(tmp_path: Path):
    """A name linked to SQLAlchemy's reference is no citation of its paragraph."""
    page = tmp_path / "index.html"
    page.write_text(
        '<p>See <a class="autorefs autorefs-external" href="https://docs.sqlalchemy.org/'
        'en/21/x.html"><code>Session</code></a> and <code>COMMIT</code>.</p>'
        "<h2><code>commit()</code></h2>"
        "<details><summary><code>rollback()</code></summary></details>"
    )
    spans = PageText(page).spans
    assert [(s.text, s.links, s.in_link, s.in_title) for s in spans] == [
        ("Session", (), True, False),
        ("COMMIT", (), False, False),
        ("commit()", (), False, True),
    ]


def test_a_use_links_to_what_the_reference_documents_on_its_class_or_a_base():
    from docsite.api_uses import api_row, label_of, reference_name

    documented = frozenset(
        [
            "sqlalchemy.create_engine",
            "sqlalchemy.create_engine.params.echo",
            "sqlalchemy.engine.Engine",
            "sqlalchemy.engine.Engine.begin",
            "sqlalchemy.engine.Result",
            "sqlalchemy.engine.Result.scalars",  # CursorResult's, documented on Result
            "sqlalchemy.orm.Session",
            "sqlalchemy.orm.Session.params.expire_on_commit",
        ]
    )
    source = (
        "from sqlalchemy import create_engine, text\n"
        "from sqlalchemy.orm import Session\n"
        "engine = create_engine('sqlite://', echo=True)\n"
        "with engine.begin() as conn:\n"
        "    conn.execute(text('SELECT 1')).scalars()\n"
        "Session(engine, expire_on_commit=False)\n"
    )
    found = {
        use.label: reference_name(use, documented)
        and label_of(reference_name(use, documented), use)
        for use in uses_in(source)
    }
    assert found == {
        "create_engine()": "create_engine()",
        "echo": "create_engine(echo=)",
        "Engine.begin()": "Engine.begin()",
        "text()": None,  # not in this small reference: left out of the row
        "Connection.execute()": None,
        "CursorResult.scalars()": "Result.scalars()",
        "Session": "Session",
        "expire_on_commit": "Session(expire_on_commit=)",
    }
    program = EXAMPLES_DIR / "connections" / "begin_once.py"
    row = api_row(program, documented, "    ")
    # what the highlighted lines use first (Engine.begin()), then the set-up's
    assert row.startswith(
        "    Uses [`Engine.begin()`][sqlalchemy.engine.Engine.begin] · "
        "[`create_engine()`][sqlalchemy.create_engine] · "
        "[`create_engine(echo=)`][sqlalchemy.create_engine.params.echo] · "
    )
    assert row.endswith("\n    { .api-uses data-search-exclude }")
    assert api_row(program, frozenset()) == ""


def test_a_timeline_too_wide_for_a_phone_is_refused(tmp_path: Path):
    program = tmp_path / "x.py"
    program.write_text("with engine.connect() as conn:\n    pass\n")
    program.with_suffix(".events").write_text(
        "".join(
            json.dumps({"event": "begin", "connection": n, "line": 1}) + "\n"
            for n in range(1, 7)
        )
    )
    with pytest.raises(ValueError, match="would need 6 lanes .*5 fit a phone"):
        timeline(program, "x.py")
