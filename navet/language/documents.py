"""How a link to a document tells what it leads to (WCAG 2.4.4, checked by the language
review's "document-link" rule): its file type and size after the link text."""

from django.template.defaultfilters import filesizeformat


def document_label(document) -> str:
    """The file type and, when known, the size in the active language's format:
    "(PDF, 1,2 MB)", or "(PDF)" when the size is unknown."""
    details = document.file_extension.upper()
    size = document.get_file_size()
    if size:
        details += f", {filesizeformat(size)}"
    return f"({details})"
