# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import CommunityCase


class PetitionCase(CommunityCase):
    """The base with the handlers of the petition ladder appointed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_petition_handlers()

    @classmethod
    def _resolved(cls, resolution="Bikes moved to the shed", **vals):
        """A petition of resident A on entrance 1, resolved by the steward."""
        petition = cls._petition(**vals)
        petition.with_user(cls.steward).resolve(resolution)
        return petition

    def _as(self, record):
        """``record`` as the current test user (``@users``)."""
        return record.with_env(self.env)
