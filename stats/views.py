"""Wagtail admin: the Statistics dashboard and its exports. Figures come from stats.figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from stats.charts import chart_data
from stats.definitions import DEFINITIONS
from stats.exports import table_to_csv, tables_to_csv, tables_to_xlsx
from stats.figures.compute import compute
from stats.figures.filters import StatsFilter
from stats.forms import StatsFilterForm
from stats.permissions import can_view_statistics, scope_for
from stats.presentation import cells, definitions

FILTER_KEYS = ("date_from", "date_to", "course", "location", "activity")


class StatsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_view_statistics(request.user):
            raise PermissionDenied
        # A facilitator with no activity assigned yet gets an empty page, not a refusal.
        self.scope = scope_for(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = {k: v for k, v in self.request.GET.items() if k in FILTER_KEYS and v}
        return StatsFilterForm(data or None, scope=self.scope)

    def get_tables(self, form):
        if form.is_bound and not form.is_valid():
            return None
        flt = form.to_filter() if form.is_bound else StatsFilter()
        return flt, compute(flt, self.scope)


class DashboardView(StatsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "stats/dashboard.html"
    page_title = gettext_lazy("Statistics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        result = self.get_tables(form)
        query = self.request.GET.urlencode() if form.is_bound else ""
        sections = []
        if result is not None:
            _flt, tables = result
            for table in tables:
                lines = cells(table, self.scope)
                sections.append(
                    {
                        "table": table,
                        "rows": list(zip(table.rows, lines, strict=True)),
                        "definitions": definitions(table),
                        "chart": chart_data(table, lines, self.scope),
                    }
                )
        context.update(
            form=form,
            sections=sections,
            query=query,
            invalid=result is None,
            suppressed=self.scope.suppress_small,
            small_numbers=DEFINITIONS["small_numbers"],
            period_definition=DEFINITIONS["period"],
            counts_only=self.scope.counts_only,
            nothing_assigned=self.scope.is_empty,
        )
        return context


class StatisticsExportView(StatsMixin, View):
    """`/admin/statistics/export/<table>/<csv|xlsx>/`; `all` exports every table."""

    def get(self, request, table, fmt):
        if fmt not in ("csv", "xlsx") or self.scope.is_empty:
            raise Http404
        form = self.get_form()
        result = self.get_tables(form)
        if result is None:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(f"{reverse('stats_dashboard')}?{request.GET.urlencode()}")
        flt, tables = result
        if table != "all":
            tables = [t for t in tables if t.key == table]
            if not tables:
                raise Http404
        stamp = timezone.localdate().isoformat()
        name = f"statistics-{table}-{stamp}.{fmt}"
        if fmt == "csv":
            text = (
                tables_to_csv(tables, self.scope)
                if table == "all"
                else table_to_csv(tables[0], self.scope)
            )
            # A byte-order mark lets spreadsheet programs read accented letters correctly.
            response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                tables_to_xlsx(tables, self.scope, flt),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
