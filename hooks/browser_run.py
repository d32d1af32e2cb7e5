"""MkDocs hook: the files the Run buttons load (Pyodide and the locked SQLAlchemy),
fetched, checked and precompiled at build time by docsite/browser_run.py."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from mkdocs.exceptions import PluginError

from docsite.browser_run import AssetError, assets_url, copy_assets
from docsite.outputs import normalising_rules


def on_config(config):
    try:
        config.extra["run_examples_assets"] = assets_url()
        config.extra["run_examples_normalise"] = normalising_rules()
    except AssetError as error:
        raise PluginError(str(error)) from None
    # For `make serve`, whose server types files by extension: without /etc/mime.types,
    # Python 3.11 knows neither, and a browser refuses a module not served as JavaScript.
    mimetypes.add_type("text/javascript", ".mjs")
    mimetypes.add_type("application/wasm", ".wasm")
    return config


def on_post_build(config):
    try:
        copy_assets(Path(config.site_dir), config.extra["run_examples_assets"])
    except AssetError as error:
        raise PluginError(str(error)) from None
