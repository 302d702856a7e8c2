# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CommunityDeliberationTask(models.Model):
    """A step of carrying out what the owners decided, with its progress, for
    the owners and the supervisory committee to follow."""

    _name = "community.deliberation.task"
    _description = "Implementation Task"
    _order = "deliberation_id, sequence, id"

    deliberation_id = fields.Many2one(
        "community.deliberation",
        string="Matter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    community_id = fields.Many2one(
        related="deliberation_id.community_id", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Task", required=True)
    responsible = fields.Char(
        help="Who carries it out: the property company, a contractor, the "
        "owners' committee..."
    )
    date_deadline = fields.Date(string="Due")
    progress = fields.Integer(string="Progress (%)", default=0, aggregator="avg")
    state = fields.Selection(
        [("todo", "To Do"), ("in_progress", "In Progress"), ("done", "Done")],
        required=True,
        default="todo",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "progress_check",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress is a percentage between 0 and 100.",
        ),
    ]
