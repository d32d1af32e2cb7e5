"""The site builds with `mkdocs build --strict` (link and anchor validation included), and
what it builds is what the pages promise: examples with their output, executed notebooks
with a .ipynb download, and no reference to any other host."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from docsite.config import (
    BACKENDS,
    BENCHMARK,
    DOCS_DIR,
    GLOSSARY,
    NOTEBOOKS_DIR,
    OUTPUT_SUFFIX,
    ROOT,
    SQLALCHEMY_LINES,
    backends_for,
    rel,
)
from docsite.content_policy import INLINE_SCRIPT, script_hash
from docsite.error_codes import EXPLANATION_LINK, background_codes, errors_on_page
from docsite.glossary import NOT_MARKED, parse_glossary
from docsite.site import PageText, html_pages, mkdocs_build, quotes_output, shows_quote
from docsite.sources import (
    example_programs,
    includes,
    locked_version,
    notebooks,
    pages,
    pictured_programs,
    shown_source,
)


def test_every_example_is_on_the_site_with_its_output(site: Path):
    html = "\n".join(p.read_text() for p in html_pages(site))
    for program in example_programs():
        title = f'<span class="filename">{rel(program)}</span>'
        assert title in html, f"{rel(program)} is not shown on any built page"
    outputs = len(re.findall(r'<div class="[^"]*\bexample-output\b', html))
    assert outputs >= len(example_programs()), "an example is shown without its output"


VERIFIED_ON = re.compile(
    r'<span class="filename">(?P<program>[^<]+)</span>.*?'
    r'<p class="verified-on"[^>]*>Verified on (?P<badges>.*?) with SQLAlchemy '
    r"(?P<versions>.*?)</p>",
    re.DOTALL,
)


def test_each_example_shows_the_matrix_cells_it_is_tested_in(site: Path):
    """The badges under a program name exactly the backends and SQLAlchemy versions the
    test matrix runs it on, both taken from pyproject.toml."""
    badge = re.compile(r'<span class="badge">([^<]+)</span>')
    shown: dict[str, tuple[list[str], list[str]]] = {}
    for page in html_pages(site):
        for m in VERIFIED_ON.finditer(page.read_text()):
            if m["program"].endswith(".py"):
                shown[m["program"]] = (
                    badge.findall(m["badges"]),
                    badge.findall(m["versions"]),
                )
    versions = [line.version for line in SQLALCHEMY_LINES]
    for program in [*example_programs(), BENCHMARK.program]:
        expected = ([b.label for b in backends_for(program)], versions)
        assert (
            shown.get(rel(program)) == expected
        ), f"{rel(program)}: badges {shown.get(rel(program))}, matrix {expected}"


def test_every_picture_asked_for_is_drawn_with_its_text_alternative(site: Path):
    """Each program whose fence asks for a picture has it on the site, in a tab beside its
    Output: an SVG image with a title and description, then the same as a list; Home has
    its sketch. No picture is left a placeholder."""
    html = {p: p.read_text() for p in html_pages(site)}
    everything = "\n".join(html.values())
    assert "picture-slot" not in everything and "<!-- picture:" not in everything
    for program in pictured_programs():
        figure = re.search(
            rf'<figure class="picture-figure" data-search-exclude><svg class="picture" '
            rf'[^>]*role="img" '
            rf'aria-labelledby="(?P<ids>[^"]+)"><title id="[^"]+">[^<]* (?:of|in) '
            rf"{re.escape(rel(program))}</title><desc [^>]+>[^<]+</desc>.*?</svg>"
            r"<figcaption><details><summary>The same, as a list</summary><ol><li>",
            everything,
            re.DOTALL,
        )
        assert figure, f"no picture of {rel(program)} with its title, desc and list"
    home = (site / "index.html").read_text()
    assert '<figure class="picture-figure architecture"><svg class="picture"' in home


def test_backend_tabs_show_each_backends_recorded_output(site: Path):
    page = (site / "backend-differences" / "index.html").read_text()
    for backend in BACKENDS.values():
        assert (
            f'<span class="filename">Output on {backend.label}</span>' in page
        ), f"no output tab for {backend.label} on the Backend differences page"
    for line in SQLALCHEMY_LINES:
        assert (
            f'<span class="filename">Output on SQLAlchemy {line.version}</span>' in page
        )


def test_notebooks_are_executed_and_downloadable(site: Path):
    for source in notebooks():
        page_dir = site / "notebooks" / source.stem
        page = (page_dir / "index.html").read_text()
        assert (
            "jp-OutputArea-output" in page
        ), f"{rel(source)}: rendered without outputs"
        assert f'href="{source.stem}.ipynb" download' in page
        notebook = json.loads((page_dir / f"{source.stem}.ipynb").read_text())
        assert notebook["nbformat"] == 4 and notebook["cells"], f"{source.stem}.ipynb"


def test_no_page_loads_anything_from_another_host(site: Path):
    # src= and <link href=> load resources; plain <a href> links are the reader's choice,
    # and so is <link rel="canonical">, which names the published address, loading nothing.
    loads = re.compile(
        r"(?:<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc"
        r'|<link\b(?![^>]*\brel="canonical")[^>]*\bhref)'
        r'="(?P<url>(?:https?:)?//[^"]+)"'
    )
    remote = [
        f"{p.relative_to(site)}: {m['url']}"
        for p in html_pages(site)
        for m in loads.finditer(p.read_text())
    ]
    css = [
        f"{p.relative_to(site)}: {m}"
        for p in site.rglob("*.css")
        for m in re.findall(r"@import\s+url\((?:https?:)?//[^)]+\)", p.read_text())
    ]
    assert not remote + css, "\n".join(remote + css)


def test_every_page_carries_a_policy_allowing_only_its_own_origin_and_scripts(
    site: Path,
):
    # First in <head>, or scripts before it run unchecked; a hash for each inline script
    # and nothing else (an inline script edited after the build would be refused).
    meta = re.compile(
        r'<head\b[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">'
    )
    wrong = []
    for path in html_pages(site):
        html = path.read_text()
        found = meta.search(html)
        if not found:
            wrong.append(f"{path.relative_to(site)}: no policy first in <head>")
            continue
        directives = dict(d.strip().split(" ", 1) for d in found[1].split(";"))
        sources = set(directives.pop("script-src").split())
        scripts = {
            script_hash(m["code"]) for m in INLINE_SCRIPT.finditer(html[found.end() :])
        }
        if sources != {"'self'", *scripts}:
            wrong.append(f"{path.relative_to(site)}: script-src {sorted(sources)}")
        hosts = [v for v in directives.values() if re.search(r"https?:|\*", v)]
        if hosts:
            wrong.append(f"{path.relative_to(site)}: another host allowed: {hosts}")
    assert not wrong, "\n".join(wrong)


# --- What a published page carries (docsite/site_meta.py) ------------------------------


def published_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.name == "index.html"]


def test_every_footer_states_the_sqlalchemy_versions_the_lock_files_pin(site: Path):
    versions = [locked_version("sqlalchemy", line.lock) for line in SQLALCHEMY_LINES]
    stated = f"Every example verified with SQLAlchemy {' and '.join(versions)} on"
    for page in published_pages(site):
        text = " ".join(page.read_text().split())
        assert stated in text, f"{page.relative_to(site)}: no '{stated}' in the footer"


def test_every_page_has_a_canonical_url_and_is_in_the_sitemap(site: Path):
    base = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
    sitemap = (site / "sitemap.xml").read_text()
    for page in published_pages(site):
        url = base + page.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        url = url.replace("//", "/").replace(":/", "://")
        assert f'<link rel="canonical" href="{url}">' in page.read_text(), url
        assert f"<loc>{url}</loc>" in sitemap, f"{url} missing from sitemap.xml"
    assert (site / "404.html").is_file()


def test_every_page_shows_when_it_or_what_it_embeds_last_changed(site: Path):
    """The date is git's, for the page and every program and recorded output it shows."""
    for source in pages():
        shown = [ROOT / i.target for i in includes(source)]
        outputs = [
            o
            for p in shown
            for pattern in (f"{p.stem}{OUTPUT_SUFFIX}", f"{p.stem}.*{OUTPUT_SUFFIX}")
            for o in p.parent.glob(pattern)
        ]
        benchmark = (
            [BENCHMARK.results] if "<!-- benchmark:" in source.read_text() else []
        )
        expected = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source, *shown, *outputs, *benchmark],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        if not expected:  # a page not committed yet has no date to show
            continue
        html = site / source.relative_to(DOCS_DIR).with_suffix("") / "index.html"
        if source.name == "index.md":
            html = site / "index.html"
        assert (
            f"Last updated {expected}" in html.read_text()
        ), f"{rel(source)}: the page does not show its last change ({expected})"


def test_llms_txt_lists_every_page_and_llms_full_holds_every_program(site: Path):
    index = (site / "llms.txt").read_text()
    full = (site / "llms-full.txt").read_text()
    for page in published_pages(site):
        path = page.parent.relative_to(site).as_posix()
        assert (
            f"{'' if path == '.' else path + '/'})" in index
        ), f"{path} not in llms.txt"
    # A program included inside an admonition or a tab is indented there.
    unindented = "\n".join(line.strip() for line in full.splitlines())
    for program in [*example_programs(), BENCHMARK.program]:
        text = "\n".join(line.strip() for line in shown_source(program).splitlines())
        assert text.strip() in unindented, f"{rel(program)} not in llms-full.txt"
    assert "--8<--" not in full and '<span class="badge">' not in full


def test_with_edit_uri_every_page_links_to_the_file_to_edit(tmp_path: Path):
    """The deploy workflow sets EDIT_URI to the repository's edit address; a notebook
    page's link goes to its source in examples/notebooks/."""
    edit = "https://github.example/owner/repo/edit/main/"
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", EDIT_URI=edit)
    assert build.returncode == 0, build.stderr
    sources = [*pages(), *notebooks()]
    links = {
        m[1]
        for page in published_pages(tmp_path / "site")
        for m in re.finditer(
            r'<a href="([^"]+)" title="Edit this page"', page.read_text()
        )
    }
    assert links == {edit + rel(source) for source in sources}, links


SQLALCHEMY_DOCS = "https://docs.sqlalchemy.org/"


def source_of(site: Path, page: Path) -> Path:
    """The Markdown page (or notebook) a built page comes from."""
    path = page.parent.relative_to(site)
    if path.parts[:1] == ("notebooks",):
        return NOTEBOOKS_DIR / f"{path.name}.py"
    return DOCS_DIR / ("index.md" if path == Path(".") else f"{path}.md")


def linked_outputs(
    page: Path, links: tuple[str, ...], texts: dict[Path, PageText]
) -> list[str]:
    """The outputs shown on the site's pages that these links (of one paragraph, list
    item or table row of `page`) lead to."""
    linked = [
        (page.parent / link.split("#")[0] / "index.html").resolve()
        for link in links
        if "://" not in link and not link.startswith("#")
    ]
    return [output for p in linked if p in texts for output in texts[p].outputs]


def test_every_output_quoted_in_prose_is_shown(site: Path):
    """A code span in prose that quotes output (an error and its message, a line of the
    SQL log, a phrase of the log such as `batch not supported`) is shown by an output on
    the same page; on a page that summarises (Corrections), by an output on a page its
    paragraph, list item or table row links to, or it cites SQLAlchemy's documentation
    there. "..." in a quote stands for text left out."""
    texts = {page.resolve(): PageText(page) for page in html_pages(site)}
    unshown = []
    for page, text in texts.items():
        seen: dict[str, int] = {}  # how often each quote came before: for its line
        for span in text.spans:
            if not quotes_output(span.text):
                continue
            seen[span.text] = seen.get(span.text, 0) + 1
            outputs = text.outputs + linked_outputs(page, span.links, texts)
            cited = any(link.startswith(SQLALCHEMY_DOCS) for link in span.links)
            if not cited and not any(shows_quote(span.text, o) for o in outputs):
                source = source_of(site, page)
                whole = f"`{span.text}`"
                first = whole if "\n" not in span.text else whole.split()[0]
                lines = [i for i, t in enumerate(source.read_text().splitlines(), 1)
                         for _ in range(t.count(first))]  # fmt: skip
                line = (
                    lines[seen[span.text] - 1] if len(lines) >= seen[span.text] else "?"
                )
                unshown.append(f"{rel(source)}:{line}: `{span.text}`")
    assert not unshown, (
        "output quoted in prose that no output on the page (or a page it links to) "
        "shows; quote what the program printed, or link the proof:\n  "
        + "\n  ".join(unshown)
    )


def test_every_error_code_an_output_shows_is_linked_from_its_pages_prose(site: Path):
    """A code an output on a page shows (`Background on this error at:
    https://sqlalche.me/e/21/bhk3`) is linked from the page's prose to SQLAlchemy's
    explanation; and every such link is to a code that an output shows on the page, or
    on a page the same paragraph, list item or table row links to (the Pitfalls table
    of every error the site shows)."""
    texts = {page.resolve(): PageText(page) for page in html_pages(site)}
    wrong = []
    for page, text in texts.items():
        shown = {code for output in text.outputs for code in background_codes(output)}
        source, linked = source_of(site, page), set()
        for links in text.links:
            codes = {m["code"] for link in links if (m := EXPLANATION_LINK.match(link))}
            nearby = shown | {
                code
                for output in linked_outputs(page, links, texts)
                for code in background_codes(output)
            }
            wrong += [
                f"{rel(source)}:{line_of(source, f'error:{code}', f'#error-{code}')}: "
                f"links the explanation of error {code}, which no output here or on a "
                "page the paragraph links to shows"
                for code in sorted(codes - nearby)
            ]
            linked |= codes
        includes_of = {e.printed.code: e.include_where for e in errors_on_page(source)}
        wrong += [
            f"{includes_of.get(code, rel(source))}: an output shows error {code}, "
            "which the page's prose never links to SQLAlchemy's explanation"
            for code in sorted(shown - linked)
        ]
    assert not wrong, "\n".join(wrong)


def line_of(source: Path, *texts: str) -> int | str:
    """The first line of a page file holding one of the texts (a marker, or a URL a
    notebook types), or "?"."""
    lines = source.read_text().splitlines()
    found = (n for n, line in enumerate(lines, 1) if any(t in line for t in texts))
    return next(found, "?")


TEXT_FILES = {".html", ".js", ".mjs", ".json", ".txt", ".xml", ".css", ".ipynb", ".py"}


def test_no_built_file_names_a_path_of_the_machine_that_built_it(site: Path):
    """The built site carries no path of the build: not the project's folder, its venv,
    the home folder or the temporary folder (a notebook's traceback once did)."""
    machine = {
        str(ROOT),
        sys.prefix,
        str(Path.home()) + "/",
        tempfile.gettempdir() + "/",
    }
    found = [
        f"{path.relative_to(site)}: {where}"
        for path in sorted(site.rglob("*"))
        if path.suffix in TEXT_FILES
        for where in sorted(machine)
        if where in path.read_text(errors="replace")
    ]
    assert not found, "paths of the build machine in the built site:\n" + "\n".join(
        found
    )


def test_every_page_title_names_sqlalchemy(site: Path):
    """A reader searching the web sees the library's name in every result's title."""
    untitled = [
        rel_page
        for page in html_pages(site)
        if "SQLAlchemy" not in re.search(r"<title>(.*?)</title>", page.read_text())[1]
        for rel_page in [page.relative_to(site).as_posix()]
    ]
    assert not untitled, f"<title> without SQLAlchemy: {untitled}"


def test_search_indexes_prose_not_whole_programs(site: Path):
    """Programs and Output blocks are left out of the search index, so a search ranks
    the prose that explains them; nor does a result's title carry a stray "¶"."""
    index = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    leaked = [
        doc["location"]
        for doc in index
        for program in example_programs()
        if program.read_text().splitlines()[0] in doc["text"]
    ]
    assert not leaked, f"program text in the search index: {sorted(set(leaked))}"
    assert not [doc["title"] for doc in index if "¶" in doc["title"]]


VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class GlossaryTermsOnPage(HTMLParser):
    """Each <abbr> a built page marks as a glossary term: its attributes and the
    elements around it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[tuple[dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "abbr" and "data-term" in dict(attrs):
            self.found.append((dict(attrs), list(self.open)))
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def test_every_glossary_term_shows_its_definition_on_another_page(site: Path):
    """Each term of docs/glossary.md is marked, focusable and with its definition as the
    title, on at least one other page, and never on the glossary page; never inside a
    link, heading, code, button or summary (nested interactive content, or not prose).
    """
    terms = {term.anchor: term for term in parse_glossary(GLOSSARY.read_text(), "")}
    shown: dict[str, set[str]] = {anchor: set() for anchor in terms}
    wrong = []
    for page in published_pages(site):
        parser = GlossaryTermsOnPage()
        parser.feed(page.read_text())
        where = page.relative_to(site).as_posix()
        for attributes, around in parser.found:
            term = terms[attributes["data-term"]]
            shown[term.anchor].add(where)
            if attributes.get("title") != term.definition:
                wrong.append(f"{where}: {term.name}: title {attributes.get('title')!r}")
            if attributes.get("tabindex") != "0":
                wrong.append(f"{where}: {term.name} cannot be reached by keyboard")
            if set(around) & NOT_MARKED:
                wrong.append(f"{where}: {term.name} inside {around[-3:]}")
    assert not wrong, "\n".join(wrong)
    on_glossary = sorted(
        a for a, pages in shown.items() if "glossary/index.html" in pages
    )
    assert not on_glossary, f"terms marked on the glossary page itself: {on_glossary}"
    unused = sorted(terms[a].name for a, pages in shown.items() if not pages)
    assert not unused, f"glossary terms no other page uses: {unused}"


def test_every_sqlalchemy_name_in_prose_links_to_its_reference(site: Path):
    """Each code span in prose (not in a code block, a link already, or a title: a
    heading, a collapsible block's <summary>, a tab's <label>) that
    names SQLAlchemy API, by the rules of docsite/reference.py, is a link to SQLAlchemy's
    reference, unless [tool.session-docs.reference.unlinked] lists it."""
    from docsite.config import LOCKED_LINE, REFERENCE
    from docsite.reference import Resolver, UnknownName, inventory

    resolver = Resolver(inventory(LOCKED_LINE))
    linked, unlinked = 0, []
    for page in html_pages(site):
        for span in PageText(page).spans:
            if span.in_title or span.text in REFERENCE.unlinked:
                continue
            try:
                names_api = resolver.resolve(span.text) is not None
            except UnknownName:
                names_api = True
            if span.in_link:
                linked += names_api
            elif names_api:
                unlinked.append(f"{rel(source_of(site, page))}: `{span.text}`")
    assert linked > 0, "no SQLAlchemy name on the site links to its reference"
    assert not unlinked, (
        "SQLAlchemy names in prose that do not link to SQLAlchemy's reference:\n  "
        + "\n  ".join(unlinked)
    )


def test_names_link_to_the_published_reference_of_the_locked_line(site: Path):
    """The links point at docs.sqlalchemy.org for the line the pages show: never a file:
    URL or a path of the machine (the inventory is read from a file)."""
    from docsite.config import LOCKED_LINE
    from docsite.reference import docs_url

    hrefs = re.findall(
        r'<a class="autorefs[^"]*" href="([^"]+)"',
        "\n".join(p.read_text() for p in html_pages(site)),
    )
    assert hrefs, "no link into SQLAlchemy's reference on the site"
    wrong = sorted({h for h in hrefs if not h.startswith(docs_url(LOCKED_LINE))})
    assert not wrong, f"reference links elsewhere than {docs_url(LOCKED_LINE)}: {wrong}"


PROGRAM_TITLE = re.compile(r'<span class="filename">(?P<program>[^<]+\.py)</span>')
API_ROW = re.compile(r'<p class="api-uses"[^>]*>Uses (?P<row>.*?)</p>', re.DOTALL)


def test_under_each_program_a_row_links_the_sqlalchemy_api_its_code_uses(site: Path):
    """The row is what docsite/api_uses.py reads from the program's code, in that order,
    each entry a link to its place in SQLAlchemy's reference for the locked line."""
    from docsite.api_uses import linked_uses
    from docsite.config import LOCKED_LINE
    from docsite.reference import docs_url, inventory

    documented = frozenset(inventory(LOCKED_LINE).entries)
    rows: dict[str, list[str]] = {}
    for page in html_pages(site):
        html = page.read_text()
        titles = list(PROGRAM_TITLE.finditer(html))
        for title, after in zip(titles, [*titles[1:], None], strict=False):
            # the row under this program: before the next program's title
            m = API_ROW.search(html, title.end(), after.start() if after else len(html))
            hrefs = re.findall(r'href="([^"]+)"', m["row"]) if m else []
            rows.setdefault(title["program"], hrefs)
            wrong = [h for h in hrefs if not h.startswith(docs_url(LOCKED_LINE))]
            assert not wrong, f"{title['program']}: links elsewhere: {wrong}"
    for program in example_programs():
        expected = list(linked_uses(program, documented))
        shown = [href.rsplit("#", 1)[-1] for href in rows.get(rel(program), [])]
        assert (
            shown == expected
        ), f"{rel(program)}: row {shown}, its code uses {expected}"
