# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import models

from .tools import spread, weighted

DAYS = 120
KINDS = {"offer": 45, "need": 55}
VISIBILITIES = {"entrance": 10, "building": 25, "grid": 25, "community": 40}
# What each category of the addon's data is about, and titles residents write.
TITLES = {
    "share_category_tools": ("lend", ("梯子", "电钻", "折叠桌", "缝纫机", "打气筒")),
    "share_category_children": ("lend", ("婴儿车", "儿童安全座椅", "童书一箱")),
    "share_category_tutoring": ("skill", ("辅导小学数学", "陪孩子练英语口语")),
    "share_category_elderly": ("skill", ("为老人理发", "陪老人去诊所", "帮忙买菜")),
    "share_category_digital": ("skill", ("教用智能手机", "网上挂号", "视频通话")),
    "share_category_repair": ("skill", ("修水龙头", "换插座", "修自行车")),
    "share_category_space": ("space", ("车位借用一天", "活动室借用")),
    "share_category_activity": ("activity", ("晨练太极", "楼下下象棋")),
    "share_category_childcare": ("skill", ("周末帮忙照看孩子",)),
}


class CommunityShareListing(models.Model):
    _inherit = "community.share.listing"

    _populate_sizes = {"small": 60, "medium": 5_000, "large": 40_000}
    _populate_dependencies = ["res.partner", "community.share.category"]

    def _populate_factories(self, run):
        """Offers and needs of the residents over the last months, published
        (the sensitive ones reviewed) and later expired or withdrawn; the
        matches (populate/community_share_match.py) take and fulfil them."""
        rng = run.random(self._name)
        residents = [
            partner_id
            for partner_ids in run.residents("community_id").values()
            for partner_id in partner_ids
        ]
        if not residents:
            return
        categories = [
            (self.env.ref(f"community_governance.{xmlid}"), what, titles)
            for xmlid, (what, titles) in TITLES.items()
        ]
        start = run.now - timedelta(days=DAYS)
        for _index in range(run.count(self)):
            category, what, titles = rng.choice(categories)
            kind = weighted(rng, KINDS)
            published = spread(rng, start, run.now - timedelta(hours=1))
            expiry = (published + timedelta(days=30)).date()
            state = "published"
            if expiry < run.today:
                state = "expired"
            elif rng.random() < 0.04:
                state = "withdrawn"
            yield {
                "name": rng.choice(titles)
                + ("出借" if kind == "offer" and what == "lend" else ""),
                "kind": kind,
                "what": what,
                "category_id": category.id,
                "partner_id": rng.choice(residents),
                "visibility": weighted(rng, VISIBILITIES),
                "capacity": 1 if what in ("lend", "give") else rng.choice((1, 1, 2, 3)),
                "service_hours": rng.choice((1.0, 1.5, 2.0))
                if what == "skill"
                else 0.0,
                "state": state,
                "date_published": published,
                "date_expiry": expiry,
            }
