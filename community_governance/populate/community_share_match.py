# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import models

from .tools import weighted

# what became of the matches of published listings
STATES = {"done": 55, "accepted": 10, "proposed": 15, "cancelled": 15, "failed": 5}
RATINGS = {"5": 60, "4": 25, "3": 10, "2": 3, "1": 2}
RATED_SHARE = 0.8


class CommunityShareMatch(models.Model):
    _inherit = "community.share.match"

    _populate_sizes = {"small": 30, "medium": 2_500, "large": 20_000}
    _populate_dependencies = ["community.share.listing"]

    def _populate(self, run):
        """Needs answered by an offer of the same category and community (or
        by a neighbour), in every state; then the listings' counters and
        states as the matches left them."""
        matches = run.batch_create(self, self._populate_factories(run))
        self._populate_listing_counters(run, matches)
        return matches

    def _populate_factories(self, run):
        rng = run.random(self._name)
        listings = run["community.share.listing"]
        offers = defaultdict(list)
        for offer in listings.filtered(lambda li: li.kind == "offer"):
            offers[(offer.community_id.id, offer.category_id.id)].append(offer)
        neighbours = run.residents("community_id")
        needs = listings.filtered(lambda li: li.kind == "need")
        count = min(run.count(self), len(needs))
        taken = defaultdict(int)  # an offer serves as many as it says
        for need in rng.sample(list(needs), count):
            state = weighted(rng, STATES)
            if need.state not in ("published", "expired"):
                state = "cancelled"
            candidates = [
                o
                for o in offers[(need.community_id.id, need.category_id.id)]
                if o.partner_id != need.partner_id and taken[o] < o.capacity
            ]
            offer = rng.choice(candidates) if candidates else False
            if offer and state in ("accepted", "done"):
                taken[offer] += 1
            provider = (
                offer.partner_id.id
                if offer
                else rng.choice(
                    [
                        p
                        for p in neighbours[need.community_id.id]
                        if p != need.partner_id.id
                    ]
                )
            )
            accepted = need.date_published + timedelta(hours=rng.randint(1, 96))
            done = accepted + timedelta(hours=rng.randint(2, 120))
            vals = {
                "need_id": need.id,
                "offer_id": offer.id if offer else False,
                "provider_id": provider,
                "receiver_id": need.partner_id.id,
                "state": state,
                "receiver_accepted": True,
                "provider_accepted": state != "proposed",
            }
            if state in ("accepted", "done", "failed"):
                vals["date_accepted"] = min(accepted, run.now)
            if state == "done":
                vals.update(
                    provider_done=True,
                    receiver_done=True,
                    date_done=min(done, run.now),
                )
                if rng.random() < RATED_SHARE:
                    vals["rating_by_receiver"] = weighted(rng, RATINGS)
                if rng.random() < RATED_SHARE:
                    vals["rating_by_provider"] = weighted(rng, RATINGS)
            if state == "failed":
                vals["fail_reason"] = "约好的时间对方没来"
            yield vals

    def _populate_listing_counters(self, run, matches):
        """Taken, done and state of the listings as their matches left them."""
        taken = defaultdict(int)
        done = defaultdict(int)
        first = {}
        for match in matches:
            for listing in match.need_id | match.offer_id:
                if match.state in ("accepted", "done"):
                    taken[listing] += 1
                    first[listing] = min(
                        first.get(listing, match.date_accepted), match.date_accepted
                    )
                if match.state == "done":
                    done[listing] += 1
        for listing, count in taken.items():
            vals = {
                "taken_count": count,
                "done_count": done[listing],
                "date_matched": first[listing],
            }
            if listing.state == "published":
                if vals["done_count"] >= listing.capacity:
                    vals.update(state="fulfilled", date_fulfilled=first[listing])
                elif count >= listing.capacity:
                    vals["state"] = "matched"
            listing.write(vals)
