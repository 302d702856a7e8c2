# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DEPARTMENTS = (
    "城管执法局",
    "交通支队",
    "市场监管所",
    "住房和城乡建设局",
    "自来水公司",
    "供电公司",
    "燃气公司",
    "环卫所",
    "园林绿化局",
    "派出所",
    "民政局",
    "卫生健康委",
)


class CommunityDepartment(models.Model):
    _inherit = "community.department"

    _populate_sizes = {"small": 4, "medium": 8, "large": 12}
    _populate_dependencies = []

    def _populate(self, run):
        """The departments the office summons, each with a liaison (portal
        user) who acknowledges and reports back."""
        first = 1 + self.search_count([("code", "=like", "POPD%")])
        count = run.count(self)
        portal = self.env.ref("base.group_portal")
        liaisons = run.batch_create(
            self.env["res.users"],
            (
                {
                    "name": f"{DEPARTMENTS[i % len(DEPARTMENTS)]}联络员",
                    "login": f"pop.liaison.{first + i:03d}",
                    "groups_id": [fields.Command.set(portal.ids)],
                }
                for i in range(count)
            ),
        )
        return run.batch_create(
            self,
            (
                {
                    "name": DEPARTMENTS[i % len(DEPARTMENTS)],
                    "code": f"POPD{first + i:03d}",
                    "sequence": i + 1,
                    "liaison_user_ids": [fields.Command.set(liaison.ids)],
                }
                for i, liaison in enumerate(liaisons)
            ),
        )
