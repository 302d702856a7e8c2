# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import models


class CommunityVolunteerCertificate(models.Model):
    _inherit = "community.volunteer.certificate"

    _populate_sizes = {"small": 5, "medium": 40, "large": 200}
    _populate_dependencies = ["community.volunteer.hour"]

    def _populate(self, run):
        """Certificates of last year's service of some volunteers, issued as
        the office issues them (hours frozen at issue)."""
        rng = run.random(self._name)
        last_year = run.today.year - 1
        date_from, date_to = date(last_year, 1, 1), date(last_year, 12, 31)
        served = [
            volunteer
            for volunteer, hours in self.env["community.volunteer.hour"]._read_group(
                [
                    (
                        "volunteer_id",
                        "in",
                        run["res.partner"].filtered("is_volunteer").ids,
                    ),
                    ("state", "=", "approved"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["volunteer_id"],
                ["hours:sum"],
            )
            if hours > 0
        ]
        chosen = rng.sample(served, min(run.count(self), len(served)))
        certificates = self.browse()
        for volunteer in sorted(chosen, key=lambda v: v.id):
            certificates |= self._issue(volunteer, date_from, date_to)
        return certificates
