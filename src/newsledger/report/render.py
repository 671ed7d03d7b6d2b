"""Render an executed report notebook to a self-contained HTML page: no code, images embedded,
nothing loaded from the network (see templates/newsledger/index.html.j2)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from ..atomic import write_text_atomic

TEMPLATES_DIR = Path(__file__).parent / "templates"
REMOVE_TAGS = ("parameters", "injected-parameters", "remove_cell")


def render_html(notebook: nbformat.NotebookNode, title: str = "newsledger report") -> str:
    exporter = HTMLExporter(
        template_name="newsledger",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # Outputs are made by our own code, which escapes every article-derived string; sanitizing
        # as well would strip the report's links and styles. The page's CSP forbids scripts anyway.
        sanitize_html=False,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=REMOVE_TAGS, enabled=True), enabled=True)
    notebook = nbformat.from_dict(notebook)
    notebook.metadata["title"] = title
    body, _resources = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def render_report(executed_notebook: str | Path, html_path: str | Path, title: str = "newsledger report") -> Path:
    notebook = nbformat.read(str(executed_notebook), as_version=4)
    write_text_atomic(html_path, render_html(notebook, title))
    return Path(html_path)
