"""The machinery of this documentation site, shared by its build hooks (hooks/), its tests
(tests/) and its commands (tools/). Each module has one concern:

config        [tool.session-docs] in pyproject.toml: backends, SQLAlchemy lines, the
              benchmark, the Run buttons; the project's folders
sources       what pages and programs are made of: includes, fences, focus markers,
              front matter, lock files (each format parsed here, once)
outputs       recorded outputs: which file belongs to which cell of the matrix, and the
              normalisation that makes a run comparable with it
running       running a program as a reader does, on SQLite or pointed at a server
servers       the private schema or database each run gets on PostgreSQL or MariaDB
site          building, serving and reading the built site
browser       driving a browser against it

and one module per build step, called by the thin MkDocs hooks in hooks/:
example_blocks, notebook_pages, accessibility, page_speed, benchmark_page, browser_run,
site_meta.
"""
