# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may print the addon's QWeb reports: Odoo's report engine checks
nothing itself (``/report/pdf/<report>/<ids>`` renders whatever ids it is
given, as the user), so each report's values start here. Reports follow the
rules of the records they show: an officer prints the communities they serve,
a volunteer their own certificate."""

from odoo import api, models

MAX_ID = 2**31 - 1


class CommunityReportAccess(models.AbstractModel):
    _name = "community.report.access"
    _description = "Community Report Access"

    @api.model
    def _docs(self, model, docids, office=True):
        """The records ``docids`` of ``model`` the current user may print:
        readable by the user (record rules), and for office reports only by
        office staff.

        :raise AccessError: for anybody else, as the record rules do
        """
        if office:
            self.env["community.mixin"]._check_office(
                self.env._("Only the community office prints this report.")
            )
        ids = [
            i
            for i in (docids or [])
            if isinstance(i, int) and not isinstance(i, bool) and 0 < i <= MAX_ID
        ]
        docs = self.env[model].browse(ids).exists()
        docs.check_access("read")
        return docs


class ReportStewardRoster(models.AbstractModel):
    _name = "report.community_governance.report_steward_roster"
    _description = "Steward Roster"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["community.report.access"]._docs("community.area", docids)
        return {"doc_ids": docs.ids, "doc_model": "community.area", "docs": docs}


class ReportVolunteerCertificate(models.AbstractModel):
    _name = "report.community_governance.report_volunteer_certificate"
    _description = "Certificate of Volunteer Service"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["community.report.access"]._docs(
            "community.volunteer.certificate", docids, office=False
        )
        Hour = self.env["community.volunteer.hour"]
        # the volunteers' approved hours of all time, one grouped query (the
        # "total" of the portal's /my/volunteer)
        totals = Hour._get_volunteer_totals(docs.partner_id.ids)
        return {
            "doc_ids": docs.ids,
            "doc_model": "community.volunteer.certificate",
            "docs": docs,
            "lifetime_hours": {
                partner_id: totals[partner_id]["total"] for partner_id in totals
            },
        }
