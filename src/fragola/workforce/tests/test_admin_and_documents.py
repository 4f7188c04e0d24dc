"""Art. 9 data in the Django admin is logged when shown; certificates are images or PDFs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fragola.core.models import SensitiveRead
from fragola.testing.factories import PersonFactory, UserFactory
from fragola.workforce import services
from fragola.workforce.models import DisadvantageCertificate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _certificate(world, document=None) -> DisadvantageCertificate:
    return services.certificate_record(
        organisation=world.beta,
        person=PersonFactory(organisation=world.beta),
        data=services.CertificateData(
            category="addiction", issued_on=dt.date(2025, 1, 1), document=document
        ),
        scan=False,
    )


def test_it_logs_each_view_of_a_certificate_in_the_django_admin(world):
    certificate = _certificate(world)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    base = f"/admin/workforce/disadvantagecertificate/{certificate.pk}"
    assert client.get(f"{base}/change/").status_code == 200
    assert client.get(f"{base}/history/").status_code == 200
    reads = SensitiveRead.objects.filter(object_type="workforce.disadvantagecertificate")
    assert [(r.user, r.object_id, r.organisation_id) for r in reads] == [
        (root, str(certificate.pk), world.beta.pk)
    ] * 2


def test_it_refuses_a_certificate_document_that_is_not_an_image_or_a_pdf(world):
    page = SimpleUploadedFile("cert.pdf", b"<html>not a scan</html>", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        _certificate(world, document=page)
    assert exc.value.message_dict["document"] == [str(services.ERR_DOCUMENT_KIND)]
    assert not DisadvantageCertificate.objects.exists()
