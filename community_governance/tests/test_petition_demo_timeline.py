# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo.tests import TransactionCase

# the departments' answers to a summons
ANSWERS = ("acknowledged", "reported", "declined")


def timeline_problems(steps):
    """What is impossible in a petition's timeline ``steps``, a list of
    ``(date, event)`` in the order it is shown (by date): it starts with the
    raising, a department answers after it was summoned, only a closing or a
    reopening follows a resolution, nothing follows a closing."""
    problems = []
    raised = summoned = resolved = closed = False
    previous = None
    for date, event in steps:
        if previous and date < previous:
            problems.append(f"{event} dated before the step shown above it")
        previous = date
        if closed:
            problems.append(f"{event} after the petition was closed")
            continue
        if not raised and event != "raised":
            problems.append(f"{event} before the petition was raised")
        if resolved and event not in ("closed", "reopened"):
            problems.append(f"{event} after the petition was resolved")
        if event == "raised":
            if raised:
                problems.append("raised twice")
            raised = True
        elif event == "dispatched":
            summoned = True
        elif event in ANSWERS and not summoned:
            problems.append(f"{event} before any department was summoned")
        elif event == "resolved":
            resolved = True
        elif event == "reopened":
            if not resolved:
                problems.append("reopened without being resolved")
            resolved = False
        elif event in ("closed", "duplicate"):
            closed = True
    return problems


class TestPetitionDemoTimeline(TransactionCase):
    """The demo petitions' timelines tell a possible story, as the petition
    form and the portal show them (by date): see ``timeline_problems``; the
    rating comes after the resolution, the "raised" step is dated when the
    petition was raised, the petition's own dates follow each other (raised,
    first response, resolved, closed), a settled petition's timeline has its
    resolution and one above the stairwell the step that took it there."""

    def test_the_check_refuses_impossible_orders(self):
        day = datetime(2026, 3, 2, 8, 0)
        at = [day + timedelta(hours=h) for h in range(6)]
        possible = [
            (at[0], "raised"),
            (at[1], "taken"),
            (at[2], "escalated"),
            (at[2], "dispatched"),
            (at[3], "acknowledged"),
            (at[4], "resolved"),
            (at[5], "closed"),
        ]
        self.assertEqual(timeline_problems(possible), [])
        self.assertEqual(
            timeline_problems([(at[0], "resolved"), (at[1], "raised")]),
            [
                "resolved before the petition was raised",
                "raised after the petition was resolved",
            ],
        )
        self.assertTrue(timeline_problems([(at[0], "raised"), (at[1], "reported")]))
        self.assertTrue(
            timeline_problems([(at[0], "raised"), (at[1], "closed"), (at[2], "taken")])
        )
        self.assertTrue(timeline_problems([(at[1], "raised"), (at[0], "taken")]))

    def test_demo_timelines_are_possible(self):
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "community_governance"),
                ("model", "=", "community.petition"),
            ]
        )
        petitions = self.env["community.petition"].browse(data.mapped("res_id"))
        if len(petitions) < 20:
            self.skipTest("demo data not loaded")
        self.assertGreater(len(petitions.log_ids), 300)
        problems = {}
        for petition in petitions:
            steps = [(log.date, log.event) for log in petition.log_ids]
            found = timeline_problems(steps)
            raised = petition.log_ids.filtered(lambda log: log.event == "raised")
            if raised.date != petition.date_raised:
                found.append("the raised step is not dated when it was raised")
            dates = [
                petition.date_raised,
                petition.date_first_response,
                petition.date_resolved,
                petition.date_closed,
            ]
            dates = [d for d in dates if d]
            if dates != sorted(dates):
                found.append("raised / first response / resolved / closed out of order")
            events = petition.log_ids.mapped("event")
            if petition.state in ("resolved", "closed") and "resolved" not in events:
                found.append(f"{petition.state} with no resolution in its timeline")
            climbs = {"escalated", "dispatched", "cosign"}
            if petition.level != "entrance" and not climbs & set(events):
                found.append(f"at the {petition.level} level with no step up to it")
            resolutions = petition.log_ids.filtered(lambda log: log.event == "resolved")
            for rating in petition.rating_ids.filtered("consumed"):
                if not resolutions or rating.create_date < resolutions[0].date:
                    found.append("rated before it was resolved")
            if found:
                problems[petition.name] = found
        self.assertFalse(problems, "impossible demo timelines")
