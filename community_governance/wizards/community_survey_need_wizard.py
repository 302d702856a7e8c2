# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CommunitySurveyNeedWizard(models.TransientModel):
    """What the office decides about needs raised in visits: gather them into
    one petition (new or existing, dispatched at once or not), settle them
    or decline them with a note. The needs' methods check who decides."""

    _name = "community.survey.need.wizard"
    _description = "Handle Needs from Visits"

    mode = fields.Selection(
        [
            ("gather", "Gather into a Petition"),
            ("settle", "Settle"),
            ("decline", "Decline"),
        ],
        required=True,
        default="gather",
    )
    need_ids = fields.Many2many(
        "community.survey.need",
        "community_survey_need_wizard_rel",
        "wizard_id",
        "need_id",
        string="Needs",
        required=True,
    )
    community_id = fields.Many2one("community.area", compute="_compute_community_id")
    household_count = fields.Integer(
        compute="_compute_community_id", string="Households"
    )
    petition_id = fields.Many2one(
        "community.petition",
        string="Existing Petition",
        domain="[('community_id', '=', community_id), ('state', '!=', 'duplicate')]",
        help="Leave empty to raise a new petition.",
    )
    title = fields.Char()
    description = fields.Text()
    category_id = fields.Many2one("community.petition.category")
    partner_id = fields.Many2one(
        "res.partner",
        string="Raised By",
        domain="[('is_resident', '=', True), ('community_id', '=', community_id)]",
        help="The resident in whose name the new petition is raised; every "
        "resident who raised one of the needs follows it.",
    )
    area_id = fields.Many2one(
        "community.area", domain="[('community_id', '=', community_id)]"
    )
    department_ids = fields.Many2many(
        "community.department",
        string="Summon Departments",
        help="Blow the whistle at once: these departments are dispatched the "
        "petition. Leave empty to dispatch it later.",
    )
    note = fields.Text()

    @api.depends("need_ids")
    def _compute_community_id(self):
        for wizard in self:
            wizard.community_id = wizard.need_ids.community_id[:1]
            wizard.household_count = len(wizard.need_ids.household_id)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        needs = self.env["community.survey.need"].browse(
            self.env.context.get("active_ids") or []
        )
        if not values.get("need_ids") and needs:
            values["need_ids"] = [fields.Command.set(needs.ids)]
        else:
            ids = values.get("need_ids") or []
            needs = self.env["community.survey.need"].browse(
                ids[0][2] if ids and ids[0][0] == 6 else []
            )
        if needs:
            first = needs[:1]
            category = needs.category_id
            values.setdefault("title", first.name)
            values.setdefault(
                "description", "\n".join(f"- {need.description}" for need in needs)
            )
            values.setdefault("partner_id", first.partner_id.id)
            values.setdefault("category_id", category[:1].id)
            values.setdefault(
                "area_id",
                needs.area_id.id if len(needs.area_id) == 1 else first.community_id.id,
            )
            if len(category) == 1:
                values.setdefault(
                    "department_ids", [fields.Command.set(category.department_ids.ids)]
                )
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "settle":
            self.need_ids.settle(self.note)
            return {"type": "ir.actions.act_window_close"}
        if self.mode == "decline":
            self.need_ids.decline(self.note)
            return {"type": "ir.actions.act_window_close"}
        petition = self.need_ids.gather(
            petition=self.petition_id or None,
            values={
                "title": self.title,
                "description": self.description,
                "category_id": self.category_id.id,
                "partner_id": self.partner_id.id,
                "area_id": self.area_id.id,
            },
            departments=self.department_ids,
        )
        return petition.get_formview_action()
