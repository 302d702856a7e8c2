# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# communities, grids per community, buildings per grid, entrances per building,
# alleys per community
SHAPES = {
    "small": (2, 2, 2, 3, 1),
    "medium": (5, 4, 5, 4, 3),
    "large": (5, 8, 10, 5, 6),
}
COMMUNITY_NAMES = (
    "和平里",
    "光明",
    "青年路",
    "幸福",
    "东湖",
    "花园",
    "新华",
    "春晖",
    "锦江",
    "文苑",
)
ALLEY_NAMES = (
    "槐树胡同",
    "柳荫街",
    "菜市口巷",
    "石板巷",
    "井儿胡同",
    "枣林街",
    "钟楼湾",
    "百花巷",
)
OFFICE_STAFF_PER_COMMUNITY = 2


class CommunityArea(models.Model):
    _inherit = "community.area"

    # stairwell entrances; the grids, buildings and alleys follow SHAPES
    _populate_sizes = {size: c * g * b * e for size, (c, g, b, e, _a) in SHAPES.items()}
    _populate_dependencies = []

    def _populate(self, run):
        """The district: communities with their office staff, grids,
        buildings, stairwell entrances, and alleys (in the community or in a
        grid), one ``create()`` per level."""
        communities_n, grids_n, buildings_n, entrances_n, alleys_n = SHAPES[run.size]
        first = 1 + self.search_count(
            [("area_type", "=", "community"), ("code", "=like", "POP%")]
        )
        users = self._populate_office_staff(run, first, communities_n)
        communities = run.batch_create(
            self,
            (
                {
                    "name": COMMUNITY_NAMES[(first + i - 1) % len(COMMUNITY_NAMES)]
                    + "社区",
                    "area_type": "community",
                    "code": f"POP{first + i:02d}",
                    "user_id": staff[0].id,
                    "officer_ids": [fields.Command.set(staff.ids)],
                }
                for i, staff in enumerate(users)
            ),
        )
        grids = self._populate_level(run, communities, "grid", grids_n, "第{}网格", "G")
        buildings = self._populate_level(
            run, grids, "building", buildings_n, "{}号楼", "B"
        )
        entrances = self._populate_level(
            run, buildings, "entrance", entrances_n, "{}单元", "U"
        )
        # Hutongs: half of them in the community itself, half in a grid.
        rng = run.random(self._name)
        grids_of = {
            c: grids.filtered(lambda g, c=c: g.parent_id == c) for c in communities
        }
        alleys = run.batch_create(
            self,
            (
                {
                    "name": ALLEY_NAMES[a % len(ALLEY_NAMES)],
                    "area_type": "alley",
                    "parent_id": (
                        community if a % 2 == 0 else rng.choice(grids_of[community])
                    ).id,
                    "code": f"{community.code}-A{a + 1:02d}",
                }
                for community in communities
                for a in range(alleys_n)
            ),
        )
        return communities | grids | buildings | entrances | alleys

    def _populate_level(self, run, parents, area_type, count, name, code):
        """``count`` areas of ``area_type`` in each of ``parents``, numbered;
        grids have the community's responsible officer."""
        return run.batch_create(
            self,
            (
                {
                    "name": name.format(n),
                    "area_type": area_type,
                    "parent_id": parent.id,
                    "code": f"{parent.code}-{code}{n:02d}",
                    "user_id": parent.user_id.id if area_type == "grid" else False,
                }
                for parent in parents
                for n in range(1, count + 1)
            ),
        )

    def _populate_office_staff(self, run, first, count):
        """The office staff of each community: officers (internal users)."""
        officer = self.env.ref("community_governance.group_officer")
        users = run.batch_create(
            self.env["res.users"],
            (
                {
                    "name": f"社区{first + i:02d}办公室{n}",
                    "login": f"pop.officer.{first + i:02d}.{n}",
                    "notification_type": "inbox",
                    "groups_id": [fields.Command.set(officer.ids)],
                }
                for i in range(count)
                for n in range(1, OFFICE_STAFF_PER_COMMUNITY + 1)
            ),
        )
        return [
            users[i : i + OFFICE_STAFF_PER_COMMUNITY]
            for i in range(0, len(users), OFFICE_STAFF_PER_COMMUNITY)
        ]
