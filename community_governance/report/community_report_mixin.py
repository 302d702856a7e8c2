# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import gc
from collections import defaultdict
from contextlib import contextmanager

from odoo import api, models
from odoo.models import parse_read_group_spec
from odoo.osv import expression


def _and(base, domains):
    """``expression.AND`` of a group's domain (normalized: ``base``) with the
    domains of its groupings one after the other, the very list Odoo's
    read_group builds for the group, in one go: no normalization again per
    group, no intermediate lists (``base == TRUE_DOMAIN`` alone is a
    Python call: 30 ms for the 50,000 domains of an area x month pivot)."""
    if len(base) == 1 and base[0] == expression.FALSE_LEAF:
        return base
    if not base or (len(base) == 1 and base[0] == expression.TRUE_LEAF):
        result = ["&"] * (len(domains) - 1)
    else:
        result = ["&"] * len(domains)
        result += base
    for domain in domains:
        result += domain
    return result


def _combine(rows_dict, parts):
    """Each row's domain AND the domains its groupings collected so far."""
    for row, domains in zip(rows_dict, parts, strict=True):
        if domains:
            row["__domain"] = _and(row["__domain"], domains)
            domains.clear()


@contextmanager
def _gc_paused():
    """Python's cyclic garbage collector paused while a report builds its
    result. With its default thresholds (700 new objects) it runs a full
    collection of the whole process (the registry, the caches: 150,000
    objects) again and again while the 25,000 groups of an area x month
    pivot are made, each time finding nothing to free: the groups are
    plain dicts, tuples and lists without cycles. That was more than half
    of the pivot's time (330 ms against 145 ms paused). Odoo's later
    versions raise these thresholds for the same reason (``odoo/init.py``,
    ``odoo.tools.gc``). Reference counting still frees everything; the
    collector runs again as soon as the report is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# Field types whose value, as ``read`` returns it, is the cached value put in
# record format (their ``convert_to_read`` does not look at the record).
PLAIN_READ_TYPES = frozenset(("boolean", "char", "float", "integer", "selection"))


class CommunityReportMixin(models.AbstractModel):
    """What the addon's reports share: their pivots and graphs stay near raw
    SQL at any grouping. ``read_group`` builds and formats every group on its
    own (a record, a babel date label, a display name and a domain per cell):
    an area × month pivot of 25,000 cells formats the same 18 months 25,000
    times and spends many times the SQL's time doing it. Here each distinct
    value of a grouping is made and formatted once and shared by its
    groups."""

    _name = "community.report.mixin"
    _description = "Community Governance Report Helpers"

    def _read_format(self, fnames, load="_classic_read"):
        """What ``read`` (and the list's ``web_search_read``) returns, one
        column at a time. Odoo's method accesses every cell as
        ``record[name]`` (a record, a cache lookup and a conversion per
        cell): the 2,070 rows of the district's steward coverage list spent
        more time there than the database spent in the query. The rows of a
        report are fetched by the search that found them; here each column's
        values are taken from the cache in one go. Anything else (relational
        or computed fields, values not in cache, rows that no longer exist)
        goes Odoo's way."""
        fields_ = [self._fields[name] for name in fnames]
        if len(self) < 2 or any(
            field.type not in PLAIN_READ_TYPES or field.company_dependent
            for field in fields_
        ):
            return super()._read_format(fnames, load)
        use_display_name = load == "_classic_read"
        columns = []
        for field in fields_:
            values = self.env.cache.get_until_miss(self, field)
            if len(values) < len(self):
                return super()._read_format(fnames, load)
            to_record, to_read = field.convert_to_record, field.convert_to_read
            columns.append(
                [
                    to_read(to_record(value, self), self, use_display_name)
                    for value in values
                ]
            )
        return [
            dict(zip(("id", *fnames), row, strict=True))
            for row in zip(self._ids, *columns, strict=True)
        ]

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        with _gc_paused():
            return super().read_group(
                domain,
                fields,
                groupby,
                offset=offset,
                limit=limit,
                orderby=orderby,
                lazy=lazy,
            )

    @api.model
    def _read_group_postprocess_groupby(self, groupby_spec, raw_values):
        field = self._fields[parse_read_group_spec(groupby_spec)[0]]
        if not field.relational:
            return super()._read_group_postprocess_groupby(groupby_spec, raw_values)
        raw_values = list(raw_values)
        distinct = list(dict.fromkeys(raw_values))
        records = dict(
            zip(
                distinct,
                super()._read_group_postprocess_groupby(groupby_spec, distinct),
                strict=True,
            )
        )
        return (records[value] for value in raw_values)

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # Odoo's method formats rows_dict in place and returns nothing
        # pylint: disable=missing-return
        normalized = {}  # the rows share the request's domain: normalized once
        for row in rows_dict:
            base = row["__domain"]
            if base:
                if id(base) not in normalized:
                    normalized[id(base)] = expression.normalize_domain(base)
                row["__domain"] = normalized[id(base)]
        # each row's domains of its groupings, put together at the end
        parts = [[] for __ in rows_dict]
        for group in lazy_groupby:
            fname = group.split(":")[0].split(".")[0]
            if group == fname and self._fields[fname].type == "many2one":
                self._format_many2one_groups(rows_dict, fname, parts)
                continue
            if self._fields[fname].relational:
                _combine(rows_dict, parts)  # Odoo's AND follows the ones before
                super()._read_group_format_result(rows_dict, [group])
                continue
            by_value = defaultdict(list)
            for index, row in enumerate(rows_dict):
                by_value[row[group]].append(index)
            for value, indexes in by_value.items():
                # Odoo's own formatting of one group with this value
                sample = {group: value, "__domain": []}
                super()._read_group_format_result([sample], [group])
                label, domain = sample[group], sample["__domain"]
                ranges = sample.get("__range")
                for index in indexes:
                    row = rows_dict[index]
                    row[group] = label
                    if ranges:
                        row.setdefault("__range", {}).update(ranges)
                    parts[index].append(domain)
        _combine(rows_dict, parts)

    @api.model
    def _format_many2one_groups(self, rows_dict, fname, parts):
        """As Odoo formats a many2one group, ``(id, display name)`` and
        ``(fname, '=', id)`` (collected in ``parts``, one list per row),
        with the display names read in one batch and
        each value formatted once for all its rows (they share its record:
        ``_read_group_postprocess_groupby``)."""
        by_record = {}
        for index, row in enumerate(rows_dict):
            record = row[fname]
            entry = by_record.get(id(record))
            if entry is None:
                entry = by_record[id(record)] = (record, [])
            entry[1].append(index)
        records = self.env[self._fields[fname].comodel_name].browse(
            {record.id for record, __ in by_record.values() if record}
        )
        names = self._group_names(records.sudo())
        for record, indexes in by_record.values():
            value_id = record.id
            value = (value_id, names[value_id]) if value_id else False
            leaf = [(fname, "=", value_id)]
            for index in indexes:
                rows_dict[index][fname] = value
                parts[index].append(leaf)

    @api.model
    def _group_names(self, records):
        """``{id: display name}`` of the records of many2one groups. A
        contact's display name is computed one contact at a time (its type's
        translated label, a context per contact): a ranking of 2,000
        volunteers spent most of its time there. Without the context keys
        that add an address, an email or an id to it, a named contact's
        display name is its stored ``complete_name``, read in one query
        (a contact without a name shows its type's label in the user's
        language: computed)."""
        flags = ("show_address", "partner_show_db_id", "show_email", "show_vat")
        rec_name = records._rec_name
        if (
            records._name != "res.partner"
            and rec_name
            and records._fields[rec_name].type == "char"
            and type(records)._compute_display_name
            is models.BaseModel._compute_display_name
        ):
            # Odoo's display name (its _rec_name as text), for all at once:
            # the 2,000 areas of an area x month pivot took 35 ms one by one
            convert = records._fields[rec_name].convert_to_display_name
            return dict(
                zip(
                    records._ids,
                    [convert(value, records) for value in records.mapped(rec_name)],
                    strict=True,
                )
            )
        if records._name != "res.partner" or any(
            self.env.context.get(flag) for flag in flags
        ):
            return {record.id: record.display_name for record in records}
        return {
            record.id: record.complete_name if record.name else record.display_name
            for record in records
        }
