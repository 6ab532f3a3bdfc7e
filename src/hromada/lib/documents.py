"""Which uploaded documents are accepted: office files, PDF and pictures, told apart by their
first bytes as well as their names, so that a renamed program or page is refused.

A zipped office file (DOCX, XLSX, ODT, ODS) is also held to the upload limits of
`hromada.lib.file_limits`: one that would unpack to more than the limit is refused before
anything is unpacked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from hromada.lib.file_limits import check_archive, limit_message, upload_limits
from hromada.lib.tabular import TabularError

ZIP = b"PK\x03\x04"
# Each accepted extension with its content type and the bytes its files start with.
DOCUMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


@dataclass(frozen=True)
class CheckedDocument:
    file_name: str
    content_type: str
    size: int


def clean_file_name(file_name: str) -> str:
    """The bare name of an uploaded file, without any folder a browser or a forger sent."""
    return PurePath(file_name.replace("\\", "/")).name[:200]


def check_document(file_name: str, content: bytes, *, max_bytes: int) -> CheckedDocument:
    """The accepted document, or a ValidationError naming the file and what is wrong."""
    name = clean_file_name(file_name)
    limit = min(max_bytes, upload_limits().max_bytes)
    if len(content) > limit:
        raise ValidationError(
            _("The file %(name)s is %(size)s; at most %(limit)s is accepted.")
            % {"name": name, "size": filesizeformat(len(content)), "limit": filesizeformat(limit)}
        )
    if not content:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    suffix = PurePath(name).suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(
            _("The file %(name)s is not accepted: send PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG.")
            % {"name": name}
        )
    content_type, signatures = DOCUMENT_TYPES[suffix]
    if not content.startswith(signatures):
        raise ValidationError(
            _("The file %(name)s is not a real %(kind)s file.")
            % {"name": name, "kind": suffix[1:].upper()}
        )
    if signatures == (ZIP,):
        try:
            check_archive(io.BytesIO(content), upload_limits())
        except TabularError as error:
            raise ValidationError(
                limit_message(error)
                or _("The file %(name)s is damaged and cannot be opened.") % {"name": name}
            ) from error
    return CheckedDocument(name, content_type, len(content))
