"""The tambon community plan's documents: PDF, XLSX and DOCX of one version (thin: the
areas selector decides who may see the tambon, integration.documents makes the files)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from planlink.areas import selectors as area_selectors
from planlink.integration import documents
from planlink.plans.models import PlanLevel, PlanVersion
from planlink.reports.docx import docx_download
from planlink.reports.pdf import pdf_response
from planlink.reports.xlsx import xlsx_download


def _document(request: HttpRequest, pk: int) -> documents.TambonDocument:
    version = get_object_or_404(PlanVersion.objects.select_related("plan__area"), pk=pk)
    if version.plan.level != PlanLevel.TAMBON:
        raise Http404
    area_selectors.area_get(user=request.user, code=version.plan.area_id)  # 403 if not theirs
    return documents.tambon_document(version)


def _thai_digits(request: HttpRequest) -> bool:
    return request.GET.get("digits") == "thai"


@login_required
def tambon_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    pdf = documents.tambon_pdf(document, thai_digits=_thai_digits(request))
    return pdf_response(pdf, f"{document.file_stem}.pdf")


@login_required
def tambon_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return xlsx_download(documents.tambon_workbook(document), f"{document.file_stem}.xlsx")


@login_required
def tambon_docx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    data = documents.tambon_docx(document, thai_digits=_thai_digits(request))
    return docx_download(data, f"{document.file_stem}.docx")
