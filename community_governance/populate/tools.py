# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The driver of the addon's populate code.

Odoo up to 17.0 built benchmark databases from ``_populate_sizes`` /
``_populate_factories`` on each model and ``odoo-bin populate --size``. Odoo
18.0 dropped that framework: its ``odoo-bin populate --factors N`` copies the
existing rows N times in SQL, without the ORM, so it neither keeps the
district's shape (5 communities, 2,000 entrances) nor the invariants of the
addon (parent paths, one steward per entrance, at most 24 hours a day, the
handler of each petition). This module keeps the 17.0 conventions on the
models (``populate/<model>.py``) and runs them through ``create()``:

``_populate_sizes``
    ``{"small": n, "medium": n, "large": n}``, how many records of the model
    a size makes.
``_populate_dependencies``
    the models populated first, in the same run.
``_populate_factories(run)``
    an iterable of ``create()`` values; the driver creates them in batches.
``_populate(run)``
    instead of the factories, when the model needs more than one batch
    ``create()`` (a tree made level by level, a second step); returns the
    records made.

Run it with ``make populate DB=... SIZE=small|medium|large`` (or call
:func:`populate` from ``odoo-bin shell``).
"""

import logging
import random
import time
from datetime import timedelta

from odoo import fields

_logger = logging.getLogger(__name__)

ADDON = "community_governance"
SIZES = ("small", "medium", "large")
BATCH_SIZE = 1000
# No chatter, tracking, creator-as-follower or notification mail: the
# populated records are history, nobody is notified of it. (What the models
# do on purpose stays: the raiser and handler follow their petitions, a
# milestone is celebrated, a request to join a club is posted to its leaders.)
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_activity_quick_update": True,
    "mail_notify_force_send": False,
    "petition_no_mail": True,
    "community_no_mail": True,
    "no_reset_password": True,
}


class PopulateRun:
    """One populate run: its size, clock and random generators, and the
    records each model made, which the factories of the models that depend
    on it read."""

    def __init__(self, env, size):
        if size not in SIZES:
            raise ValueError(f"size must be one of {', '.join(SIZES)}: {size!r}")
        self.env = env(context=dict(env.context, **CONTEXT))
        self.size = size
        self.now = fields.Datetime.now().replace(microsecond=0)
        self.today = self.now.date()
        self.records = {}

    def __getitem__(self, model_name):
        """The records of ``model_name`` made by this run."""
        return self.records.get(model_name, self.env[model_name])

    def random(self, model_name, salt=""):
        """A generator of its own for each model and size: runs are repeatable
        and one model's factory does not shift another's."""
        return random.Random(f"{model_name}/{self.size}/{salt}")

    def count(self, model):
        return model._populate_sizes[self.size]

    def residents(self, groupby, domain=()):
        """The residents of the run's communities (and ``domain``) by
        ``groupby`` (``area_id`` or ``community_id``): {id: sorted ids}."""
        communities = self["community.area"].community_id
        groups = self.env["res.partner"]._read_group(
            [
                ("is_resident", "=", True),
                ("community_id", "in", communities.ids),
                *domain,
            ],
            [groupby],
            ["id:array_agg"],
        )
        return {group.id: sorted(partner_ids) for group, partner_ids in groups}

    def batch_create(self, model, values, batch_size=BATCH_SIZE):
        """Create ``values`` (an iterable of dicts) in batches; return the
        records. The cache is emptied after each batch so that a million rows
        do not stay in memory."""
        model = model.with_env(self.env)
        ids = []
        batch = []
        started = time.time()
        for vals in values:
            batch.append(vals)
            if len(batch) == batch_size:
                ids += self._create_batch(model, batch)
                batch = []
                if len(ids) % (batch_size * 10) == 0:
                    _logger.info(
                        "%s: %d records, %.0f/s",
                        model._name,
                        len(ids),
                        len(ids) / max(time.time() - started, 1e-6),
                    )
        if batch:
            ids += self._create_batch(model, batch)
        return model.browse(ids)

    def _create_batch(self, model, batch):
        records = model.create(batch)
        self.env.flush_all()
        self.env.invalidate_all()
        return records.ids


def ordered_models(env, model_names=None):
    """The models to populate, each after the models it depends on. Without
    names: every model this addon gives populate sizes (not another addon's
    that may still carry Odoo 17 populate code)."""
    if not model_names:
        model_names = sorted(
            name
            for name in env.registry
            if any(
                "_populate_sizes" in vars(cls) and cls._module == ADDON
                for cls in type(env[name]).__mro__
                if hasattr(cls, "_module")
            )
        )
    order, visiting = [], set()

    def visit(name):
        if name in order:
            return
        if name in visiting:
            raise ValueError(f"populate dependency cycle through {name}")
        model = env[name]
        if not hasattr(model, "_populate_sizes"):
            raise ValueError(f"{name} has no populate sizes")
        visiting.add(name)
        for dependency in model._populate_dependencies:
            visit(dependency)
        visiting.discard(name)
        order.append(name)

    for name in model_names:
        visit(name)
    return order


def populate(env, size, model_names=None, commit=False):
    """Populate ``model_names`` (default: all the addon's models) and the
    models they depend on at ``size``.

    :param commit: commit after each model (the command line), never in tests
    :return: the :class:`PopulateRun`, its ``records`` per model
    """
    run = PopulateRun(env, size)
    started = time.time()
    for name in ordered_models(run.env, model_names):
        model_started = time.time()
        model = run.env[name]
        if hasattr(model, "_populate"):
            records = model._populate(run)
        else:
            records = run.batch_create(model, model._populate_factories(run))
        run.records[name] = records
        run.env.flush_all()
        _logger.info(
            "populated %s: %d records in %.1fs",
            name,
            len(records),
            time.time() - model_started,
        )
        if commit:
            run.env.cr.commit()  # pylint: disable=invalid-commit
    _logger.info("populate %s: done in %.1fs", size, time.time() - started)
    return run


def spread(rng, start, end):
    """A datetime between ``start`` and ``end`` (uniform, to the minute)."""
    seconds = max(int((end - start).total_seconds()), 0)
    return start + timedelta(minutes=rng.randint(0, seconds // 60))


def weighted(rng, choices):
    """One key of ``choices`` ({value: weight})."""
    return rng.choices(list(choices), weights=list(choices.values()))[0]
