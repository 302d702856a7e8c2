# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, models

TERM_YEARS = 3
ALLEY_STEWARDS = 2
# share of the served areas that had a steward before the serving one
HISTORY_SHARE = 0.25
# share of the areas waiting for a steward that have a candidate
CANDIDATE_SHARE = 0.3


class CommunitySteward(models.Model):
    _inherit = "community.steward"

    # serving terms: every grid has a leader, every alley its stewards, most
    # entrances a stairwell steward
    _populate_sizes = {"small": 24, "medium": 380, "large": 1_800}
    _populate_dependencies = ["community.area", "res.partner"]

    def _populate(self, run):
        """Serving terms: a leader for every grid, stewards for every alley,
        then stairwell stewards for the entrances in random order up to the
        size; an ended term before a quarter of them; candidates for some of
        the entrances left waiting. The serving stewards get a portal account
        first: they are the handlers of the lower rungs of the ladder."""
        rng = run.random(self._name)
        ref = self.env.ref
        roles = {
            "grid": ref("community_governance.steward_role_grid"),
            "alley": ref("community_governance.steward_role_alley"),
            "entrance": ref("community_governance.steward_role_stairwell"),
        }
        areas = run["community.area"]
        people = self._populate_candidates(run, areas)
        by_type = defaultdict(list)
        for area in areas:
            by_type[area.area_type].append(area)
        entrances = by_type["entrance"]
        rng.shuffle(entrances)
        seats = [(a, 1) for a in by_type["grid"]]
        seats += [(a, ALLEY_STEWARDS) for a in by_type["alley"]]
        seats += [(a, 1) for a in entrances]
        count = run.count(self)
        serving, history, candidates = [], [], []
        for area, places in seats:
            pool = people.get(area.id) or people.get(area.community_id.id, [])
            chosen = rng.sample(pool, min(len(pool), places + 1))
            role = roles[area.area_type]
            start = run.today - timedelta(days=rng.randint(0, TERM_YEARS * 365 - 1))
            term = {"role_id": role.id, "area_id": area.id}
            if len(serving) + places <= count:
                for partner_id in chosen[:places]:
                    serving.append(
                        dict(
                            term,
                            partner_id=partner_id,
                            state="active",
                            date_start=start,
                            date_end=start + relativedelta(years=TERM_YEARS),
                        )
                    )
                if len(chosen) > places and rng.random() < HISTORY_SHARE:
                    before = start - relativedelta(years=TERM_YEARS)
                    history.append(
                        dict(
                            term,
                            partner_id=chosen[places],
                            state="ended",
                            date_start=before,
                            date_end=start - timedelta(days=1),
                        )
                    )
            elif chosen and rng.random() < CANDIDATE_SHARE:
                candidates.append(
                    dict(
                        term, partner_id=chosen[0], state="candidate", date_start=start
                    )
                )
        self._populate_portal_users(run, {vals["partner_id"] for vals in serving})
        return run.batch_create(self, history + serving + candidates)

    def _populate_candidates(self, run, areas):
        """Residents of 25 to 72 who may serve, by the entrance or alley where
        they live and by community; a grid takes those of its entrances."""
        today = run.today
        groups = run.residents(
            "area_id",
            [
                ("birthdate_date", "<=", today - relativedelta(years=25)),
                ("birthdate_date", ">", today - relativedelta(years=72)),
            ],
        )
        people = defaultdict(list)
        for area_id, partner_ids in groups.items():
            area = self.env["community.area"].browse(area_id)
            people[area.id] += partner_ids
            people[area.community_id.id] += partner_ids
            grid = area._find_ancestor("grid")
            if grid and grid != area:
                people[grid.id] += partner_ids
        return people

    def _populate_portal_users(self, run, partner_ids):
        """Stewards handle the petitions of their area on the portal."""
        partners = self.env["res.partner"].browse(sorted(partner_ids))
        portal = self.env.ref("base.group_portal")
        run.batch_create(
            self.env["res.users"],
            (
                {
                    "login": f"pop.steward.{partner.id}",
                    "partner_id": partner.id,
                    "groups_id": [fields.Command.set(portal.ids)],
                }
                for partner in partners.filtered(lambda p: not p.user_ids)
            ),
        )
