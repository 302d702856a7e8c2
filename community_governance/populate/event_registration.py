# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

ATTENDED_SHARE = 0.8


class EventRegistration(models.Model):
    _inherit = "event.registration"

    _populate_sizes = {"small": 60, "medium": 6_000, "large": 40_000}
    _populate_dependencies = ["event.event", "res.partner"]

    def _populate_factories(self, run):
        """Residents of each activity's community registered (up to its seats),
        most attended once the activity is over."""
        rng = run.random(self._name)
        events = run["event.event"]
        if not events:
            return
        residents = run.residents("community_id")
        per_event = max(run.count(self) // len(events), 1)
        for event in events:
            people = residents.get(event.community_id.id) or []
            count = min(per_event, event.seats_max or per_event, len(people))
            is_past = event.date_end < run.now
            for partner_id in rng.sample(people, count):
                attended = is_past and rng.random() < ATTENDED_SHARE
                yield {
                    "event_id": event.id,
                    "partner_id": partner_id,
                    "state": "done" if attended else "open",
                }
