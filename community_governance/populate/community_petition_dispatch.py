# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

from .tools import weighted

# answers of the dispatches of open petitions (settled ones were all answered)
OPEN_STATES = {"summoned": 40, "acknowledged": 35, "reported": 20, "declined": 5}
DECLINED_SHARE = 0.15
REPORTS = (
    "已派人到场处理完毕。",
    "已完成维修，请社区回访。",
    "已约谈责任单位限期整改。",
)
DECLINE_REASONS = ("不属于本部门职责，建议转交住建部门。", "产权单位负责，已告知居民。")


class CommunityPetitionDispatch(models.Model):
    _inherit = "community.petition.dispatch"

    _populate_sizes = {"small": 60, "medium": 5_000, "large": 50_000}
    _populate_dependencies = ["community.petition", "community.department"]

    def _populate(self, run):
        """The departments summoned on every petition that reached the
        department level ("the whistle"): reported back or declined for the
        settled ones, some still waiting on the open ones; with the steps of
        the petitions' timelines."""
        timeline = []
        dispatches = run.batch_create(self, self._populate_factories(run, timeline))
        run.batch_create(self.env["community.petition.log"], timeline)
        return dispatches

    def _populate_factories(self, run, timeline):
        rng = run.random(self._name)
        departments = run["community.department"]
        petitions = run["community.petition"].filtered(
            lambda p: p.level == "department"
        )
        if not petitions or not departments:
            return
        mean = run.count(self) / len(petitions)
        for petition in petitions:
            summoned_n = min(max(round(rng.gauss(mean, mean / 2)), 1), len(departments))
            chosen = petition.category_id.department_ids & departments
            others = list(departments - chosen)
            rng.shuffle(others)
            chosen = (list(chosen) + others)[:summoned_n]
            raised = petition.date_raised
            is_open = petition.state == "dispatched"
            if is_open:
                end = run.now
                hours = petition.category_id._deadline_hours("department")
                summoned = (
                    petition.date_deadline - timedelta(hours=hours)
                    if petition.date_deadline and hours
                    else raised + (end - raised) * rng.uniform(0.1, 0.5)
                )
            else:
                end = petition.date_resolved or petition.date_closed
                summoned = raised + (end - raised) * rng.uniform(0.15, 0.35)
            timeline.append(
                {
                    "petition_id": petition.id,
                    "event": "dispatched",
                    "date": summoned,
                    "level": "department",
                    "state": "dispatched",
                    "handler_id": petition.user_id.id,
                    "note": ", ".join(d.name for d in chosen),
                }
            )
            for department in chosen:
                if is_open:
                    state = weighted(rng, OPEN_STATES)
                else:
                    declined = rng.random() < DECLINED_SHARE
                    state = "declined" if declined else "reported"
                vals = {
                    "petition_id": petition.id,
                    "department_id": department.id,
                    "date_summoned": summoned,
                    "state": state,
                }
                acknowledged = summoned + (end - summoned) * rng.uniform(0.02, 0.2)
                answered = acknowledged + (end - acknowledged) * rng.uniform(0.3, 0.95)
                if state != "summoned":
                    vals["date_acknowledged"] = acknowledged
                if state == "reported":
                    vals["date_reported"] = answered
                    vals["report"] = rng.choice(REPORTS)
                elif state == "declined":
                    vals["date_declined"] = answered
                    vals["decline_reason"] = rng.choice(DECLINE_REASONS)
                    vals["declined_by_id"] = department.liaison_user_ids[:1].id
                yield vals
                if state in ("reported", "declined"):
                    timeline.append(
                        {
                            "petition_id": petition.id,
                            "event": state,
                            "date": answered,
                            "level": "department",
                            "state": "dispatched",
                            "handler_id": petition.user_id.id,
                            "note": f"{department.name}: "
                            + (vals.get("report") or vals["decline_reason"]),
                        }
                    )
