"""Build step: fixes to the generated HTML that axe-core asks for and that CSS cannot make.

* Material's search is a `role="dialog"` without a name (axe: aria-dialog-name).
* Notebook code cells scroll sideways but cannot be reached by keyboard
  (axe: scrollable-region-focusable); tabindex="0" lets keyboard users scroll them.

The code-block toolbars that Material adds in the browser get their names from
docs/javascripts/code-accessibility.js; colours and link underlines are in extra.css.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NOTEBOOK_CODE = '<div class="highlight-ipynb'


def named_and_focusable(output: str) -> str:
    output = output.replace(
        SEARCH_DIALOG,
        SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"'),
    )
    return output.replace(NOTEBOOK_CODE, '<div tabindex="0" class="highlight-ipynb')
