"""Build step: every page carries a Content Security Policy that lets the browser load
nothing from any host but the site's own, so the offline promise is the browser's to keep,
not only the tests' to check.

The policy goes in a <meta> tag (static hosts cannot be trusted to send headers), first
in <head>: a policy applies only to what comes after it. A page's inline scripts
(Material's start-up code, its config) are allowed by their SHA-256 hashes, computed
here from the final HTML, so a script added by hand, or changed by a later step, is
refused and shows as a console error in the browser tests.

Styles may be inline (Material and the notebooks set style attributes, which cannot be
hashed); images and fonts may be `data:` URLs (Material's icons in its CSS). Pyodide's
worker gets its own policy from its response (CSP Level 3), not this one.
"""

from __future__ import annotations

import base64
import hashlib
import re

# A <script> with no src: its text is code (or data) the browser reads in place.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)[^>]*>(?P<code>.*?)</script>", re.DOTALL
)
HEAD = re.compile(r"<head\b[^>]*>")

SELF_ONLY = {
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


class NoHead(Exception):
    """A page without <head> cannot carry the policy (the hook names the page)."""


def script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy_of(html: str) -> str:
    """The policy for this page: its own origin, plus its inline scripts by hash."""
    hashes = sorted({script_hash(m["code"]) for m in INLINE_SCRIPT.finditer(html)})
    directives = {**SELF_ONLY, "script-src": " ".join(["'self'", *hashes])}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    head = HEAD.search(html)
    if head is None:
        raise NoHead("no <head> to carry the Content Security Policy")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_of(html)}">'
    return html[: head.end()] + meta + html[head.end() :]
