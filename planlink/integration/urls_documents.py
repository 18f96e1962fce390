"""The tambon community plan's documents. No app_name: these are included into the
integration namespace (integration:tambon_pdf, …)."""

from django.urls import path

from planlink.integration import views_documents as views

urlpatterns = [
    path("tambon/versions/<int:pk>/plan.pdf", views.tambon_pdf, name="tambon_pdf"),
    path("tambon/versions/<int:pk>/plan.xlsx", views.tambon_xlsx, name="tambon_xlsx"),
    path("tambon/versions/<int:pk>/plan.docx", views.tambon_docx, name="tambon_docx"),
]
