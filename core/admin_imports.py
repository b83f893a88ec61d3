"""The admin screens of a spreadsheet import: upload → dry run → confirm, and the templates.

Each app gives its importer (see `core.imports`) to a subclass of `ImportViewSet`. The first
upload is always a dry run: the preview lists what each row would do, or every problem by
row and column. The checked file waits in the session until the coordinator confirms, so
what is imported is exactly what was previewed; the confirmation runs it again, all or
nothing. Coordinators only.
"""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.imports import FORMATS, SpreadsheetError, template
from core.roles import is_coordinator

MAX_SIZE = 5 * 1024 * 1024
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy("Nothing is saved yet: you will see what the import does first."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB: split it."))
        return upload


class CoordinatorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportView(CoordinatorsOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "core/admin/import.html"
    form_class = UploadForm
    header_icon = "upload"
    viewset = None

    def get_page_title(self):
        return self.viewset.menu_label

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    @property
    def session_key(self):
        return f"import:{self.viewset.name}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=self.viewset.columns,
            templates=[
                (kind.upper(), reverse(self.viewset.get_url_name("template"), args=[kind]))
                for kind in FORMATS
            ],
            docs=self.viewset.docs,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm()
        return super().post(request, *args, **kwargs)

    def _run(self, data, filename, *, dry_run):
        try:
            return self.viewset.importer(data, filename, by=self.request.user, dry_run=dry_run)
        except SpreadsheetError as error:
            return error

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = self._run(data, upload.name, dry_run=True)
        context = {"form": form}
        if isinstance(report, SpreadsheetError):
            context["problems"] = report.messages
        elif report.errors:
            context["problems"] = [message for _row, message in report.errors]
        else:
            self.request.session[self.session_key] = {
                "name": upload.name,
                "data": base64.b64encode(data).decode("ascii"),
            }
            context.update(report=report, filename=upload.name)
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self):
        stored = self.request.session.pop(self.session_key, None)
        if stored is None:
            messages.error(self.request, _("Upload the file again: its check has expired."))
            return redirect(self.viewset.get_url_name("index"))
        report = self._run(base64.b64decode(stored["data"]), stored["name"], dry_run=False)
        if isinstance(report, SpreadsheetError) or report.errors:
            problems = (
                report.messages
                if isinstance(report, SpreadsheetError)
                else [message for _row, message in report.errors]
            )
            return self.render_to_response(
                self.get_context_data(form=UploadForm(), problems=problems)
            )
        messages.success(
            self.request,
            _(
                "Imported %(rows)s rows: %(changed)s changed something, "
                "%(unchanged)s were already there."
            )
            % {"rows": report.rows, "changed": report.changed, "unchanged": report.unchanged},
        )
        return self.render_to_response(
            self.get_context_data(form=UploadForm(), report=report, done=True)
        )


class TemplateDownloadView(CoordinatorsOnly, View):
    viewset = None

    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        response = HttpResponse(
            template(self.viewset.columns, fmt, self.viewset.example),
            content_type=CONTENT_TYPES[fmt],
        )
        name = slugify(str(self.viewset.menu_label)) or "import"
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


class ImportViewSet(ViewSet):
    """Subclasses set `importer(data, filename, *, by, dry_run)`, `columns`, `example`."""

    icon = "upload"
    menu_item_class = CoordinatorMenuItem
    importer = None
    columns = ()
    example = ()
    docs = ""

    def get_urlpatterns(self):
        return [
            path("", ImportView.as_view(viewset=self), name="index"),
            path(
                "template/<str:fmt>/", TemplateDownloadView.as_view(viewset=self), name="template"
            ),
        ]
