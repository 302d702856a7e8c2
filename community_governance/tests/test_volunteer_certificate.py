# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import date
from urllib.parse import parse_qs, urlparse

import lxml.html
from freezegun import freeze_time
from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger
from odoo.tools.image import image_data_uri

from .common import VOLUNTEER_TODAY as TODAY
from .common import CommunityCase


@freeze_time(TODAY)
class TestVolunteerCertificate(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteers()
        cls.resident_a.write({"name": "刘玉玲", "phone": "13880000005"})
        cls.env["community.volunteer.hour"].create(
            [
                {
                    "volunteer_id": cls.resident_a.id,
                    "date": date(2025, m, 5),
                    "hours": 4,
                    "state": "approved",
                }
                for m in range(1, 13)
            ]
            + [
                {
                    "volunteer_id": cls.resident_a.id,
                    "date": date(2026, 1, 5),
                    "hours": 3,
                    "state": "approved",
                }
            ]
        )

    def _issue(self, user, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)):
        wizard = (
            self.env["community.volunteer.certificate.wizard"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.resident_a.id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
        )
        return wizard.action_issue()

    def test_issue_and_render(self):
        action = self._issue(self.officer_a)
        self.assertEqual(
            action["report_name"], "community_governance.report_volunteer_certificate"
        )
        certificate = self.env["community.volunteer.certificate"].search(
            [("partner_id", "=", self.resident_a.id)]
        )
        self.assertEqual(len(certificate), 1)
        self.assertEqual(certificate.hours, 48)
        self.assertGreaterEqual(len(certificate.code), 20)
        self.assertEqual(certificate._masked_name(), "刘*玲")
        # issued again for the same period and hours: the same certificate
        self._issue(self.officer_a)
        self.assertEqual(
            self.env["community.volunteer.certificate"].search_count(
                [("partner_id", "=", self.resident_a.id)]
            ),
            1,
        )
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html(
            "community_governance.action_report_volunteer_certificate", certificate.ids
        )[0].decode()
        self.assertIn("Certificate of Volunteer Service", html)
        self.assertIn("刘玉玲", html)
        self.assertRegex(html, r"Volunteer hours</th>\s*<td[^>]*><strong>48</strong>")
        self.assertIn(certificate.code, html)
        # wkhtmltopdf without patched qt warns about header options
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            content, report_type = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(
                "community_governance.action_report_volunteer_certificate",
                certificate.ids,
            )
        if report.get_wkhtmltopdf_state() == "ok":
            self.assertEqual(report_type, "pdf")
            self.assertTrue(content.startswith(b"%PDF"))
        else:
            self.assertEqual(report_type, "html")

    def test_masked_names(self):
        Certificate = self.env["community.volunteer.certificate"]
        for name, masked in (
            ("王芳", "王*"),
            ("Liu Yuling", "L*u Y****g"),
            ("欧阳秀英", "欧**英"),
        ):
            partner = self.env["res.partner"].new({"name": name})
            certificate = Certificate.new({"partner_id": partner})
            self.assertEqual(certificate._masked_name(), masked)

    def test_no_hours_no_certificate(self):
        with self.assertRaises(UserError):
            self._issue(self.officer_a, date(2024, 1, 1), date(2024, 12, 31))

    def test_volunteer_issues_own_certificate(self):
        Certificate = self.env["community.volunteer.certificate"].with_user(
            self.portal_a
        )
        certificate = Certificate.issue_for_year(2025)
        self.assertEqual(certificate.env.user, self.portal_a)
        self.assertEqual(certificate.hours, 48)
        self.assertEqual(
            (certificate.date_from, certificate.date_to),
            (date(2025, 1, 1), date(2025, 12, 31)),
        )
        this_year = Certificate.issue_for_year(2026)
        self.assertEqual((this_year.hours, this_year.date_to), (3, TODAY))
        self.assertEqual(Certificate.issue_for_year(2025), certificate, "once")
        content, _report_type = certificate._render_pdf()
        self.assertTrue(content)
        for year in (2027, 1900, "2025"):
            with self.refused(UserError, "Choose a year"):
                Certificate.issue_for_year(year)
        with self.refused(UserError, "no approved volunteer hours"):
            Certificate.issue_for_year(2024)
        # not the certificate of someone else
        with self.assertRaises(AccessError):
            Certificate.issue(self.neighbour_a.id, date(2025, 1, 1), date(2025, 12, 31))
        with self.assertRaises(AccessError):
            Certificate.with_user(self.portal_b).browse(certificate.id)._render_pdf()

    def test_public_verification_values(self):
        certificate = self.env["community.volunteer.certificate"].issue(
            self.resident_a.id, date(2025, 1, 1), date(2025, 12, 31)
        )
        Certificate = self.env["community.volunteer.certificate"].with_user(
            self.env.ref("base.public_user")
        )
        values = Certificate._verification_values(certificate.code)
        self.assertEqual(values["masked_name"], "刘*玲")
        self.assertEqual(values["hours"], 48)
        self.assertEqual(values["community"], "Community A")
        self.assertNotIn("13880000005", str(values))
        for code in ("", "short", "x" * 65, certificate.code[:-1] + "!"):
            self.assertIsNone(Certificate._verification_values(code))

    def test_certificate_access(self):
        with self.assertRaises(AccessError):
            self._issue(self.officer_b)
        with self.assertRaises(AccessError):
            self._issue(self.internal)
        self._issue(self.officer_a)
        certificate = self.env["community.volunteer.certificate"].search(
            [("partner_id", "=", self.resident_a.id)]
        )
        certificate.with_user(self.portal_a).read(["hours"])
        with self.assertRaises(AccessError):
            certificate.with_user(self.portal_b).read(["hours"])
        with self.assertRaises(AccessError):
            certificate.with_user(self.officer_b).read(["hours"])

    def test_seal_qr_code_and_lifetime_total(self):
        """The printed certificate: the community's seal (the office sets it
        on the community), a QR code of its public verification page, and the
        volunteer's approved hours of all time next to the period's."""
        Hour = self.env["community.volunteer.hour"]
        Hour.create(
            [
                # not approved: not in the lifetime total
                {
                    "volunteer_id": self.resident_a.id,
                    "date": date(2026, 6, 1),
                    "hours": 5,
                    "state": "submitted",
                },
                # someone else's
                {
                    "volunteer_id": self.resident_b.id,
                    "date": date(2025, 3, 1),
                    "hours": 7,
                    "state": "approved",
                },
            ]
        )
        buffer = io.BytesIO()
        Image.new("RGB", (40, 40), (200, 0, 0)).save(buffer, format="PNG")
        seal = base64.b64encode(buffer.getvalue())
        self.community_a.with_user(self.officer_a).seal = seal
        with self.assertRaises(AccessError):
            self.community_a.with_user(self.portal_a).seal = seal
        Certificate = self.env["community.volunteer.certificate"]
        certificates = Certificate.issue(
            self.resident_a.id, date(2025, 1, 1), date(2025, 12, 31)
        ) | Certificate.issue(self.resident_b.id, date(2025, 1, 1), date(2025, 12, 31))
        content = self.env["ir.actions.report"]._render_qweb_html(
            "community_governance.action_report_volunteer_certificate",
            certificates.ids,
        )[0]
        page = lxml.html.fromstring(content)
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        for certificate, doc in zip(
            certificates, page.xpath("//div[hasclass('page')]"), strict=True
        ):
            with self.subTest(volunteer=certificate.partner_id.name):
                # the QR code: Odoo's barcode route, the absolute verification URL
                url = urlparse(doc.xpath(".//img[hasclass('o_cg_qr')]/@src")[0])
                self.assertEqual(url.path, "/report/barcode/")
                query = parse_qs(url.query)
                self.assertEqual(query["barcode_type"], ["QR"])
                self.assertEqual(
                    query["value"], [f"{base_url}/volunteer/verify/{certificate.code}"]
                )
                # the lifetime total, against the approved hour records
                lifetime = sum(
                    Hour.search(
                        [
                            ("volunteer_id", "=", certificate.partner_id.id),
                            ("state", "=", "approved"),
                        ]
                    ).mapped("hours")
                )
                self.assertEqual(
                    doc.xpath(".//tr[hasclass('o_cg_lifetime_hours')]//strong/text()"),
                    ["%g" % lifetime],
                )
                seals = doc.xpath(".//img[hasclass('o_cg_seal')]/@src")
                company_logo = self.env.company.logo
                if certificate.community_id == self.community_a:
                    self.assertEqual(seals, [image_data_uri(self.community_a.seal)])
                elif company_logo:
                    # no seal on community B: the company's logo stands in
                    self.assertEqual(seals, [image_data_uri(company_logo)])
        self.assertEqual(
            [c.hours for c in certificates], [48, 7], "the period's hours stay"
        )
        self.assertIn(">51</strong>", content.decode(), "48 + 3 approved, not 5")
