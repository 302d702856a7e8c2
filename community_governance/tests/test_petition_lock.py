# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Closed petitions are locked, for the office too, like approved volunteer
hours: a correction is a reopening with its reason (issue 13)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import users

from .petition_common import PetitionCase


class TestPetitionLock(PetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closed = cls._resolved()
        cls.closed.action_close()
        cls.duplicate = cls._petition(title="Bikes again")
        cls.duplicate.mark_duplicate(cls._petition(title="Bikes in the hall"))

    @users("cg_officer_a", "cg_manager")
    def test_closed_petitions_are_locked_for_the_office(self):
        for petition in (self.closed, self.duplicate):
            petition = petition.with_env(self.env)
            for vals in (
                {"title": "Rewritten"},
                {"state": "new"},
                {"rating_last_value": 1},
                {"description": "Another story", "priority": "1"},
                {"user_id": self.env.uid},
            ):
                with self.subTest(petition=petition.name, vals=vals):
                    with self.refused(UserError, "Closed petitions are locked"):
                        petition.write(vals)
            if self.env.user == self.manager:  # officers delete no petition
                with self.refused(UserError, "cannot be deleted"):
                    petition.unlink()
        self.assertEqual(self.closed.title, "Bikes block the stairwell")
        self.assertEqual(self.closed.state, "closed")

    @users("cg_officer_a")
    def test_a_correction_is_a_reopening_with_its_reason(self):
        petition = self.closed.with_env(self.env)
        with self.refused(UserError, "Give the reason"):
            petition.reopen("")
        petition.reopen("The resolution recorded the wrong stairwell")
        self.assertEqual(petition.state, "in_progress")
        self.assertEqual(petition.reopen_count, 1)
        self.assertIn(
            "wrong stairwell",
            petition.log_ids.filtered(lambda s: s.event == "reopened").note,
        )
        petition.write({"title": "Bikes block stairwell 2"})  # open again
        self.assertEqual(petition.title, "Bikes block stairwell 2")

    @users("cg_officer_b", "cg_portal_n")
    def test_others_cannot_reopen(self):
        with self.assertRaises(AccessError):
            self.closed.with_env(self.env).reopen("Not theirs")
        self.assertEqual(self.closed.state, "closed")

    def test_open_petitions_stay_writable(self):
        petition = self._petition(title="Open matter").with_user(self.officer_a)
        petition.write({"title": "Open matter, renamed", "priority": "1"})
        self.assertEqual(petition.priority, "1")
