# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Points of the transparent score.
POINTS_SAME_AREA = 30
POINTS_SAME_BUILDING = 20
POINTS_SAME_GRID = 10
POINTS_AGE = 15
POINTS_SKILL = 10
POINTS_LINE = {"party": 15, "self_governance": 10, "volunteer": 10}
POINTS_DUTY = -20
MAX_LINES = 30


class CommunityStewardCandidateWizard(models.TransientModel):
    """Ranks the residents who live in or around an area as candidates for a
    steward role, showing the reasons, and appoints the ones ticked."""

    _name = "community.steward.candidate.wizard"
    _description = "Steward Candidate Finder"
    _inherit = ["community.mixin"]

    role_id = fields.Many2one("community.steward.role", required=True)
    area_type = fields.Selection(related="role_id.area_type")
    area_id = fields.Many2one(
        "community.area",
        required=True,
        domain="[('area_type', '=', area_type)]",
    )
    age_min = fields.Integer(string="Preferred Age From", default=30)
    age_max = fields.Integer(string="Preferred Age To", default=70)
    date_end = fields.Date(string="Term End")
    line_ids = fields.One2many(
        "community.steward.candidate.line", "wizard_id", string="Candidates"
    )

    def _candidate_scope(self):
        """The area whose residents are candidates: the grid around an entrance
        or building, the community around an alley or grid."""
        self.ensure_one()
        area = self.area_id
        if area.area_type in ("entrance", "building"):
            return area._find_ancestor("grid") or area.community_id
        return area.community_id

    def _rank(self):
        """(partner, score, reasons) sorted best first."""
        self.ensure_one()
        area = self.area_id
        building = (
            area._find_ancestor("building") if area.area_type == "entrance" else False
        )
        grid = area._find_ancestor("grid")
        scope = self._candidate_scope()
        residents = self.env["res.partner"].search(
            [("is_resident", "=", True), ("area_id", "child_of", scope.id)]
        )
        already = self.env["community.steward"].search(
            [
                ("state", "in", ("active", "candidate")),
                ("role_id", "=", self.role_id.id),
                ("area_id", "=", area.id),
            ]
        )
        residents -= already.partner_id
        duties = dict(
            self.env["community.steward"]._read_group(
                [("state", "=", "active"), ("partner_id", "in", residents.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        role_skills = self.role_id.skill_ids
        ranked = []
        for partner in residents:
            score, reasons = 0, []
            home = partner.area_id
            if home == area or home.parent_path.startswith(area.parent_path):
                score += POINTS_SAME_AREA
                reasons.append(
                    self.env._(
                        "lives in %(area)s (+%(p)s)", area=area.name, p=POINTS_SAME_AREA
                    )
                )
            elif building and home.parent_path.startswith(building.parent_path):
                score += POINTS_SAME_BUILDING
                reasons.append(
                    self.env._("same building (+%(p)s)", p=POINTS_SAME_BUILDING)
                )
            elif grid and home.parent_path.startswith(grid.parent_path):
                score += POINTS_SAME_GRID
                reasons.append(self.env._("same grid (+%(p)s)", p=POINTS_SAME_GRID))
            age = partner.age
            if partner.birthdate_date and self.age_min <= age <= self.age_max:
                score += POINTS_AGE
                reasons.append(
                    self.env._("age %(age)s (+%(p)s)", age=age, p=POINTS_AGE)
                )
            elif partner.birthdate_date:
                reasons.append(self.env._("age %(age)s outside the bracket", age=age))
            matching = partner.skill_ids & role_skills
            if matching:
                points = POINTS_SKILL * len(matching)
                score += points
                reasons.append(
                    self.env._(
                        "skills: %(skills)s (+%(p)s)",
                        skills=", ".join(matching.mapped("name")),
                        p=points,
                    )
                )
            for line in partner.line_ids:
                points = POINTS_LINE.get(line.code)
                if points:
                    score += points
                    reasons.append(
                        self.env._("%(line)s (+%(p)s)", line=line.name, p=points)
                    )
            count = duties.get(partner, 0)
            if count:
                score += POINTS_DUTY * count
                reasons.append(
                    self.env._(
                        "already serves %(count)s term(s) (%(p)s)",
                        count=count,
                        p=POINTS_DUTY * count,
                    )
                )
            ranked.append((partner, score, "; ".join(reasons)))
        ranked.sort(key=lambda r: (-r[1], r[0].name or "", r[0].id))
        return ranked[:MAX_LINES]

    def action_find(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.write(
            {
                "line_ids": [
                    fields.Command.create(
                        {
                            "partner_id": partner.id,
                            "score": score,
                            "reasons": reasons,
                            "rank": rank,
                        }
                    )
                    for rank, (partner, score, reasons) in enumerate(self._rank(), 1)
                ]
            }
        )
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Find Steward Candidates"),
        }

    def action_appoint(self):
        self.ensure_one()
        chosen = self.line_ids.filtered("selected")
        if not chosen:
            raise UserError(self.env._("Tick the candidates to appoint first."))
        stewards = self.env["community.steward"].create(
            [
                {
                    "partner_id": line.partner_id.id,
                    "role_id": self.role_id.id,
                    "area_id": self.area_id.id,
                    "date_end": self.date_end,
                }
                for line in chosen
            ]
        )
        stewards.action_appoint()
        return self._action_open(
            "community_governance.community_steward_action",
            domain=[("id", "in", stewards.ids)],
        )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            self.env.context.get("active_model") == "community.area"
            and "area_id" in fields_list
        ):
            area = self.env["community.area"].browse(self.env.context.get("active_id"))
            res.setdefault("area_id", area.id)
            role = self.env["community.steward.role"].search(
                [("area_type", "=", area.area_type)], limit=1
            )
            if role:
                res.setdefault("role_id", role.id)
        return res


class CommunityStewardCandidateLine(models.TransientModel):
    _name = "community.steward.candidate.line"
    _description = "Steward Candidate"
    _order = "rank, id"

    wizard_id = fields.Many2one(
        "community.steward.candidate.wizard", required=True, ondelete="cascade"
    )
    rank = fields.Integer()
    partner_id = fields.Many2one("res.partner", string="Resident", required=True)
    home_area_id = fields.Many2one(related="partner_id.area_id", string="Lives in")
    score = fields.Integer()
    reasons = fields.Char(string="Why")
    selected = fields.Boolean(string="Appoint")
