"""Each model's Mẫu 2a and 2b documents, published beside its page (render/extras.py calls `make`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..children import parent_alive
from ..config import Config
from ..export.offload import Offloaded
from ..model import Model
from ..render.site import LaterFiles, Output, SiteRenderer
from .documents import FormSet, TemplateProblem, filename, forms_of, site_links

Shared = tuple[Config, str]  # configuration (template paths absolute), site folder


def paths(models: list[Model]) -> list[str]:
    """Where the documents are published: `mo-hinh/<slug>/<slug>-mau-2a.docx` and `-2b` (forms_of)."""
    return [f"{m.url}{filename(m, form)}" for m in models for form in forms_of(m)]


def write_forms(shared: Shared, models: Iterator[Model]) -> dict[str, int]:
    """Every model's documents, written under the site folder; each one's size (runs in another process)."""
    config, folder = shared
    parent = os.getppid()
    forms = FormSet.load(config)
    sizes: dict[str, int] = {}
    for m in models:
        if not parent_alive(parent):  # the build ended: its folder may be gone, do not create it again
            raise SystemExit(1)
        out = Path(folder, m.url)
        out.mkdir(parents=True, exist_ok=True)
        for name, data in forms.fill(m, forms=forms_of(m)).items():
            (out / name).write_bytes(data)
            sizes[f"{m.url}{name}"] = len(data)
    return sizes


def make(renderer: SiteRenderer, output: Output) -> None:
    """Add the documents unless `forms.site_links` is false (the model page links them on the same condition).

    In a site build they are written by another process while MkDocs renders the pages (about 1 ms a
    document, bench/bench_forms.py); the templates are compiled here first, so a bad province
    template stops the build with its own message.
    """
    config, models = renderer.c, renderer.catalogue.models
    if not site_links(config) or not models:
        return
    try:
        forms = FormSet.load(config)
    except TemplateProblem as exc:
        raise TemplateProblem(f"{exc} (forms.templates trong config.yaml; tắt tải văn bản trên trang bằng "
                              "forms.site_links: false)") from None
    if renderer.offload_to is not None:
        job = Offloaded("văn bản Mẫu 2a, 2b của các mô hình", write_forms, (config, str(renderer.offload_to)), models)
        output.later.append(LaterFiles(paths(models), job.result, job.cancel))
        return
    for m in models:
        for name, data in forms.fill(m, forms=forms_of(m)).items():
            output.files[f"{m.url}{name}"] = data
