# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CommunityPetitionSignature(models.Model):
    _inherit = "community.petition.signature"

    _populate_sizes = {"small": 200, "medium": 20_000, "large": 200_000}
    _populate_dependencies = ["community.petition", "res.partner"]

    def _populate_factories(self, run):
        """Neighbours of the same community co-sign the public petitions, a
        few each and many for some (a long tail); the raiser does not co-sign.
        Open petitions that reach their category's threshold climb to the
        office as they would (create() checks it)."""
        rng = run.random(self._name)
        petitions = run["community.petition"].filtered("is_public")
        if not petitions:
            return
        neighbours = run.residents("community_id")
        weights = [rng.paretovariate(1.5) for _petition in petitions]
        scale = run.count(self) / sum(weights)
        for petition, weight in zip(petitions, weights, strict=True):
            pool = neighbours.get(petition.community_id.id, [])
            size = min(round(weight * scale), len(pool) - 1)
            raiser = petition.partner_id.id
            signers = [p for p in rng.sample(pool, size + 1) if p != raiser][:size]
            for partner_id in signers:
                yield {
                    "petition_id": petition.id,
                    "partner_id": partner_id,
                    "is_anonymous": rng.random() < 0.2,
                }
