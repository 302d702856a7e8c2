# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import CommunityCase


class PetitionCase(CommunityCase):
    """The base with the handlers of the petition ladder appointed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_petition_handlers()
