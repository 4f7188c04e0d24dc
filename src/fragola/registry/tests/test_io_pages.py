import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fragola.registry.forms_io import MAX_UPLOAD_BYTES
from fragola.registry.models import ConsortiumMembership, Membership, Organisation
from fragola.registry.tests._io_helpers import (
    GIULIA_ROW,
    LUCA_ROW,
    MARCO_ROW,
    coops_csv,
    csv_file,
)
from fragola.testing.factories import organisation_fiscal_code

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": django_settings.TASK_QUEUES,
    }
}
pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def upload(content, name="book.csv"):
    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_alice_sees_the_import_and_export_buttons_on_the_book(world, client_for):
    page = client_for("alice").get(reverse("member_book", args=[world.alfa.pk])).content.decode()
    assert reverse("member_import", args=[world.alfa.pk]) in page
    assert reverse("member_export", args=[world.alfa.pk, "pdf"]) in page


def test_the_export_links_keep_the_as_of_date_of_the_book(world, client_for):
    url = reverse("member_book", args=[world.alfa.pk])
    page = client_for("alice").get(url, {"as_of": "2023-12-31"}).content.decode()
    assert reverse("member_export", args=[world.alfa.pk, "csv"]) + "?as_of=2023-12-31" in page


def test_bob_can_export_but_not_import(world, client_for):
    bob = client_for("bob")
    page = bob.get(reverse("member_book", args=[world.alfa.pk])).content.decode()
    assert reverse("member_import", args=[world.alfa.pk]) not in page
    assert bob.get(reverse("member_import", args=[world.alfa.pk])).status_code == 404
    response = bob.get(reverse("member_export", args=[world.alfa.pk, "csv"]))
    assert response.status_code == 200
    assert world.alfa_member.person.fiscal_code in response.content.decode("utf-8-sig")


def test_charlie_gets_404_for_everything_of_alfa(world, client_for):
    charlie = client_for("charlie")
    for name, args in [
        ("member_import", [world.alfa.pk]),
        ("member_import_confirm", [world.alfa.pk]),
        ("member_export", [world.alfa.pk, "csv"]),
        ("member_export", [world.alfa.pk, "pdf"]),
        ("coop_import", [world.consortium.pk]),
    ]:
        assert charlie.get(reverse(name, args=args)).status_code in (404, 405), name
        assert charlie.post(reverse(name, args=args)).status_code == 404, name


def test_alice_checks_a_file_then_confirms_the_import(world, client_for, settings):
    settings.TASKS = IMMEDIATE  # the import job runs as soon as it is queued
    alice = client_for("alice")
    url = reverse("member_import", args=[world.alfa.pk])
    report = alice.post(url, upload(csv_file([GIULIA_ROW, LUCA_ROW])), **EN)
    assert report.status_code == 200
    assert "Confirm the import" in report.content.decode()
    assert not Membership.objects.filter(member_number=9101).exists()
    done = alice.post(reverse("member_import_confirm", args=[world.alfa.pk]), **EN)
    assert done.status_code == 302
    assert Membership.objects.filter(organisation=world.alfa, member_number=9101).exists()
    book = alice.get(done["Location"], **EN).content.decode()
    assert "2 created" in book


def test_alice_sees_every_bad_row_and_no_confirm_button(world, client_for):
    rows = [{**GIULIA_ROW, "birth_date": "1985-03-13"}, {**MARCO_ROW, "exit_reason": ""}]
    response = client_for("alice").post(
        reverse("member_import", args=[world.alfa.pk]), upload(csv_file(rows, sep=";")), **EN
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Confirm the import" not in page
    assert "does not match the birth date" in page
    errors = response.context["errors"]
    assert [(e.row, e.field) for e in errors] == [(2, "birth_date"), (3, "exit_reason")]


def test_confirming_without_an_upload_asks_for_the_file_again(world, client_for):
    response = client_for("alice").post(reverse("member_import_confirm", args=[world.alfa.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("member_import", args=[world.alfa.pk])


def test_it_refuses_a_file_over_the_size_limit(world, client_for):
    big = csv_file([GIULIA_ROW]) + b" " * MAX_UPLOAD_BYTES
    response = client_for("alice").post(reverse("member_import", args=[world.alfa.pk]), upload(big))
    assert response.status_code == 422
    assert "Confirm" not in response.content.decode()


def test_alice_downloads_the_pdf_and_the_templates(world, client_for):
    alice = client_for("alice")
    pdf = alice.get(reverse("member_export", args=[world.alfa.pk, "pdf"]), {"as_of": "2024-12-31"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    template = alice.get(reverse("import_template", args=["members", "xlsx"]))
    assert template.status_code == 200 and template.content.startswith(b"PK")
    assert alice.get(reverse("import_template", args=["secrets", "csv"])).status_code == 404


def test_sara_imports_cooperatives_into_her_consortium(world, client_for):
    sara = client_for("sara")
    url = reverse("coop_import", args=[world.consortium.pk])
    assert sara.get(url).status_code == 200
    row = {
        "fiscal_code": organisation_fiscal_code(921), "name": "Zeta Cooperativa Sociale",
        "type": "A", "legal_form": "srl", "founded_on": "2019-01-01", "comune_istat": "016024",
        "consortium_fiscal_code": world.consortium.fiscal_code,
        "joined_consortium_on": "2024-01-01",
    }  # fmt: skip
    assert sara.post(url, upload(coops_csv([row]), "coops.csv")).status_code == 200
    assert sara.post(reverse("coop_import_confirm", args=[world.consortium.pk])).status_code == 302
    zeta = Organisation.objects.get(name="Zeta Cooperativa Sociale")
    assert ConsortiumMembership.objects.filter(consortium=world.consortium, member=zeta).exists()
    assert sara.get(reverse("organisation_detail", args=[zeta.pk])).status_code == 200


def test_only_consortium_staff_import_cooperatives(world, client_for):
    for name in ["alice", "bob", "charlie"]:
        response = client_for(name).get(reverse("coop_import", args=[world.consortium.pk]))
        assert response.status_code == 404, name
    assert client_for("alice").get(reverse("coop_import", args=[world.alfa.pk])).status_code == 404
