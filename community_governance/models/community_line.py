# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityLine(models.Model):
    """A "line" of participation (volunteer, party member, self-governance,
    club, service): residents take part in community life along these lines."""

    _name = "community.line"
    _description = "Participation Line"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    is_sensitive = fields.Boolean(
        string="Sensitive",
        help="Membership of this line (e.g. party membership) is personal data: "
        "it is shown to the community office only.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_uniq",
            "unique(code)",
            "The code of a participation line must be unique.",
        ),
    ]
