# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared resources on the one test base: community A's farming committee
sets the rules of its vegetable plots (lottery, one a household, at least
18, holders then the elderly first), A's tool library lends tools first come
(two a household), community B has plots of its own.

=================  ============================================================
cg_leader_f        leader of the farming committee (portal, household C of A)
=================  ============================================================
"""

from datetime import timedelta

from ..models.community_resource_type import office_today
from .common import CommunityCase

RULES = "<p>One plot per household. Plant it within a month. No pesticides.</p>"


class ResourceCase(CommunityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the office's day, the same whoever acts (the test admin is in
        # Brussels, the test users have no time zone)
        cls.today = office_today(cls.env["community.resource"])
        years = cls._years_ago
        cls.resident_a.birthdate_date = years(40)
        cls.neighbour_a.birthdate_date = years(35)
        cls.resident_b.birthdate_date = years(50)
        Household = cls.env["community.household"]
        cls.household_c = Household.create(
            {"area_id": cls.entrance_a2.id, "unit_number": "301"}
        )
        cls.committee = cls.env["community.club"].create(
            {"name": "Farming Committee", "area_id": cls.community_a.id}
        )
        cls.leader_partner, cls.leader_user = cls._club_leader(
            "Committee Leader",
            cls.committee,
            household=cls.household_c,
            login="cg_leader_f",
        )
        Type = cls.env["community.resource.type"]
        cls.plot_type = Type.create(
            {
                "name": "Vegetable plot",
                "community_id": cls.community_a.id,
                "club_id": cls.committee.id,
                "allocation_method": "lottery",
                "term_number": 1,
                "term_unit": "year",
                "offer_days": 7,
                "max_per_household": 1,
                "min_age": 18,
                "priority_renewal": True,
                "priority_age": 70,
                "renewal_notice_days": 30,
                "rules": RULES,
            }
        )
        cls.tool_type = Type.create(
            {
                "name": "Tool library",
                "community_id": cls.community_a.id,
                "allocation_method": "first_come",
                "term_number": 14,
                "term_unit": "day",
                "offer_days": 2,
                "max_per_household": 2,
                "allow_renewal": False,
                "rules": "<p>Bring it back clean.</p>",
            }
        )
        cls.plot_type_b = Type.create(
            {
                "name": "Plot B",
                "community_id": cls.community_b.id,
                "allocation_method": "first_come",
            }
        )
        Resource = cls.env["community.resource"]
        cls.plots = Resource.create(
            [
                {
                    "code": f"P{i:02d}",
                    "type_id": cls.plot_type.id,
                    "area_id": cls.grid_a.id,
                    "capacity": 12,
                    "capacity_unit": "m²",
                }
                for i in range(1, 4)
            ]
        )
        cls.tools = Resource.create(
            [
                {"code": f"T{i}", "name": "Drill", "type_id": cls.tool_type.id}
                for i in range(1, 3)
            ]
        )
        cls.plot_b = Resource.create({"code": "B1", "type_id": cls.plot_type_b.id})
        cls.Round = cls.env["community.resource.round"]
        cls.Application = cls.env["community.resource.application"]
        cls.Allocation = cls.env["community.resource.allocation"]

    # ------------------------------------------------------------------
    # Factories
    # ------------------------------------------------------------------
    @classmethod
    def _years_ago(cls, years, days=10):
        return cls.today - timedelta(days=round(years * 365.25) + days)

    @classmethod
    def _round(cls, resource_type=None, resources=None, state="open", **vals):
        """A round of ``resource_type`` (the plots) offering ``resources``,
        open for applications from a week ago to in a week, opened by the
        officer of its community; ``state`` closed: applications closed too."""
        resource_type = resource_type or cls.plot_type
        if resources is None:
            resources = resource_type.resource_ids
        values = {
            "name": f"{resource_type.name} round",
            "type_id": resource_type.id,
            "resource_ids": [(6, 0, resources.ids)],
            "date_open": cls.today - timedelta(days=7),
            "date_close": cls.today + timedelta(days=7),
            "seed_source": "The numbers of the lottery of next Sunday",
        }
        values.update(vals)
        resource_round = cls.Round.create(values)
        office = resource_round.with_user(
            cls.officer_a
            if resource_type.community_id == cls.community_a
            else cls.officer_b
        )
        if state in ("open", "closed"):
            office.action_open()
        if state == "closed":
            office.action_close()
        return resource_round

    @classmethod
    def _applicants(cls, count, entrance=None, prefix="Applicant", **vals):
        """``count`` residents of community A, each in a household of their
        own (entrance 3 unless ``entrance``), aged 40 unless ``vals`` say."""
        entrance = entrance or cls.entrance_a3
        households = cls.env["community.household"].create(
            [
                {"area_id": entrance.id, "unit_number": f"{prefix[:1]}{i:03d}"}
                for i in range(count)
            ]
        )
        return cls.env["res.partner"].create(
            [
                dict(
                    {
                        "name": f"{prefix} {i}",
                        "is_resident": True,
                        "household_id": household.id,
                        "birthdate_date": cls._years_ago(40),
                    },
                    **vals,
                )
                for i, household in enumerate(households)
            ]
        )

    @classmethod
    def _paper_applications(cls, resource_round, partners):
        """Applications the office records for ``partners`` (as on paper)."""
        return cls.Application.with_user(cls.officer_a).create(
            [{"round_id": resource_round.id, "partner_id": p.id} for p in partners]
        )

    @classmethod
    def _apply(cls, user, resource_round, **kwargs):
        resource_round = resource_round.with_user(user)
        return resource_round.apply(
            True, resource_round.sudo().type_id.rules_version, **kwargs
        )

    @classmethod
    def _draw(cls, resource_round, seed="2017-06-18|485|917"):
        office = resource_round.with_user(cls.officer_a)
        if resource_round.state == "open":
            office.action_close()
        if resource_round.allocation_method == "lottery":
            office.seed = seed
            office.action_publish_seed()
        office.action_draw()
        return resource_round

    @classmethod
    def _offered(cls, resource_round):
        return resource_round.application_ids.filtered(lambda a: a.state == "offered")

    def _run_job(self, **kwargs):
        return self.Round._cron_waiting_lists(**kwargs)
