"""Forms of the import and export pages."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ERR_UPLOAD_TOO_LARGE = _("The file is too large: at most %(size)s.")
ERR_UPLOAD_EXTENSION = _("Upload a CSV (.csv) or Excel (.xlsx) file.")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                ERR_UPLOAD_TOO_LARGE % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        if not (upload.name or "").lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(ERR_UPLOAD_EXTENSION)
        return upload
