"""Each model's Mẫu 2a and 2b documents, published beside its page (the plugin runs `write_forms` in a worker)."""

from __future__ import annotations

from contextlib import closing

from ..config import Config
from ..model import Model
from ..workers import SiteFolder, read_spool
from .documents import FormSet, TemplateProblem, filename, forms_of, site_links


def paths(models: list[Model]) -> list[str]:
    """Where the documents are published: `mo-hinh/<slug>/<slug>-mau-2a.docx` and `-2b` (forms_of)."""
    return [f"{m.url}{filename(m, form)}" for m in models for form in forms_of(m)]


def published(config: Config, models: list[Model]) -> bool:
    """Whether the site publishes the documents (`forms.site_links`; the model page links them on the same
    condition); a province template that cannot be used raises TemplateProblem, naming the setting."""
    if not site_links(config) or not models:
        return False
    try:
        FormSet.load(config)
    except TemplateProblem as exc:
        raise TemplateProblem(f"{exc} (forms.templates trong config.yaml; tắt tải văn bản trên trang bằng "
                              "forms.site_links: false)") from None
    return True


def write_forms(config: Config, folder: str, spool: str, build: int) -> dict[str, int]:
    """Every model's documents, from the models of `spool`, written under the site folder; each one's size.

    A worker's job, while MkDocs renders the pages.
    """
    forms = FormSet.load(config)
    sizes: dict[str, int] = {}
    with closing(SiteFolder(folder, build)) as out:
        for m in read_spool(spool):
            for name, data in forms.fill(m, forms=forms_of(m)).items():
                sizes[f"{m.url}{name}"] = out.write(f"{m.url}{name}", data)
    return sizes


def files(config: Config, models: list[Model], forms: FormSet | None = None) -> dict[str, bytes]:
    """The same documents in memory, from `forms` when already loaded (the preview keeps them between saves)."""
    if not (site_links(config) and models):
        return {}
    forms = forms or FormSet.load(config)
    return {f"{m.url}{name}": data for m in models for name, data in forms.fill(m, forms=forms_of(m)).items()}
