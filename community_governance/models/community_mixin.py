# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from urllib.parse import urlencode

import pytz
from babel.dates import format_skeleton

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse

OFFICE = "community_governance.group_officer"
MANAGER = "community_governance.group_manager"


def mask_name(name):
    """A name as public pages show it: all but the first (and last) letter of
    each word hidden: 刘玉玲 -> 刘*玲, Liu Yuling -> L*u Y****g."""
    words = []
    for word in (name or "").split():
        if len(word) <= 2:
            words.append(word[0] + "*" * (len(word) - 1))
        else:
            words.append(word[0] + "*" * (len(word) - 2) + word[-1])
    return " ".join(words)


def format_date_range(
    start, end=None, *, lang="en_US", tz="UTC", today=None, with_date=True
):
    """A start-end as the portal shows it, in ``lang``: 12月5日 15:00–16:30 /
    Dec 5, 15:00–16:30; the date once when both are on the same day, the date
    again when the range ends on another day (12月5日 15:00–12月6日 09:00), the
    year only for a date that is not in this year, no seconds. Datetimes are
    UTC (as stored) and shown in ``tz``; dates (fields.Date) are shown as dates
    (12月5日–12月20日); a range across two years gives both years. Without
    ``with_date`` (under a heading of the day), a range within one day is its
    hours only: 15:00–16:30."""
    if not start:
        return ""
    locale = babel_locale_parse(lang)
    zone = pytz.timezone(tz or "UTC")
    with_time = isinstance(start, datetime.datetime)
    if with_time:
        start = pytz.utc.localize(start).astimezone(zone)
        end = end and pytz.utc.localize(end).astimezone(zone)
    if today is None:
        today = datetime.datetime.now(zone).date()

    # a range across two years says both years (2019年6月2日–2026年12月22日,
    # not 2019年6月2日–12月22日, which reads as one year)
    one_year = not end or end.year == start.year

    def day(value):
        skeleton = "MMMd" if value.year == today.year and one_year else "yMMMd"
        return format_skeleton(skeleton, value, locale=locale)

    if not with_time:
        if not end or end == start:
            return day(start)
        return f"{day(start)}–{day(end)}"
    # "{1} {0}" in Chinese, "{1}, {0}" in English: date, then time
    pattern = locale.datetime_formats["medium"]
    pattern = getattr(pattern, "pattern", pattern)

    def at(value, time):
        return pattern.replace("{1}", day(value)).replace("{0}", time)

    if not end:
        return at(start, f"{start:%H:%M}")
    if end.date() == start.date():
        if not with_date:
            return f"{start:%H:%M}–{end:%H:%M}"
        return at(start, f"{start:%H:%M}–{end:%H:%M}")
    return f"{at(start, f'{start:%H:%M}')}–{at(end, f'{end:%H:%M}')}"


def qr_code_src(value, size):
    """The address of the QR code image of ``value`` (``size`` pixels square),
    drawn by Odoo's barcode route."""
    return "/report/barcode/?" + urlencode(
        {"barcode_type": "QR", "value": value, "width": size, "height": size}
    )


def format_day(value, *, lang="en_US", tz="UTC", today=None):
    """The day of a UTC datetime in ``tz`` as a heading: 12月5日周六 / Sat, Dec 5
    (with the year when it is not this year)."""
    zone = pytz.timezone(tz or "UTC")
    value = pytz.utc.localize(value).astimezone(zone)
    if today is None:
        today = datetime.datetime.now(zone).date()
    skeleton = "MMMEd" if value.year == today.year else "yMMMEd"
    return format_skeleton(skeleton, value, locale=babel_locale_parse(lang))


class CommunityMixin(models.AbstractModel):
    """What every feature of the addon repeats: who is office staff, acting for
    a portal role after checking it, opening a filtered action, posting from a
    mail template. Inherit it next to ``mail.thread`` where posting is needed.
    """

    _name = "community.mixin"
    _description = "Community Governance Helpers"

    # ------------------------------------------------------------------
    # Who may act
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # How the portal shows things
    # ------------------------------------------------------------------
    @api.model
    def _date_range(self, start, end=None, with_date=True):
        """``start``–``end`` in the reader's language and time zone (see
        :func:`format_date_range`); for QWeb: ``request.env['community.mixin']
        ._date_range(activity.date_begin, activity.date_end)``."""
        return format_date_range(
            start, end, with_date=with_date, **self._reader_locale()
        )

    @api.model
    def _day_heading(self, value):
        """The reader's day of the UTC datetime ``value`` (see
        :func:`format_day`)."""
        return format_day(value, **self._reader_locale())

    @api.model
    def _reader_locale(self):
        """The reader's language, time zone and today, for the formatters."""
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        return {
            "lang": self.env.lang or "en_US",
            "tz": tz,
            "today": fields.Datetime.context_timestamp(
                self.with_context(tz=tz), fields.Datetime.now()
            ).date(),
        }

    @api.model
    def _is_office(self):
        """Community office staff (officer or manager), or the superuser."""
        return self.env.su or self.env.user.has_group(OFFICE)

    @api.model
    def _check_office(self, message=None):
        if not self._is_office():
            raise AccessError(
                message or self.env._("Only the community office can do this.")
            )

    def _checked_sudo(self, allowed, message):
        """The records to write with when the current user acts on them.

        Office staff act as themselves on the records their rules let them
        write. Anybody else must be able to read every record (record rules)
        and pass ``allowed(record_sudo)`` for each; the records are then
        returned as superuser, because portal roles have no write access.

        :param allowed: callable(record_sudo) -> bool, the role's condition
        :param message: the translated refusal shown to the user
        :raise AccessError: the user may not act
        """
        if self.env.su:
            return self
        if self._is_office():
            self.check_access("write")
            return self
        self.check_access("read")
        records = self.sudo()
        if not all(allowed(record) for record in records):
            raise AccessError(message)
        return records

    def _lock_rows(self):
        """Make the transactions that check an "at most" / "only once" rule
        on these rows run one after the other: a no-op UPDATE locks the rows
        until the end of the transaction, and a concurrent transaction that
        updates them afterwards (with an older snapshot, so blind to what this
        one wrote) fails to serialize; Odoo retries its request, which then
        sees the committed rows. Call it before reading what the rule counts.
        The failure is expected, hence not logged as an error."""
        if not self.ids:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN %s",
                SQL.identifier(self._table),
                tuple(self.ids),
            ),
            log_exceptions=False,
        )

    @api.model
    def _current_resident_of(self, community, message):
        """The current user's contact, when they are a resident of
        ``community`` (a community.area of type community).

        :raise AccessError: with ``message``, for anybody else
        """
        partner = self.env.user.partner_id
        if not partner.is_resident or partner.community_id != community:
            raise AccessError(message)
        return partner

    # ------------------------------------------------------------------
    # Actions and mail
    # ------------------------------------------------------------------
    def _action_open(self, xmlid, domain=None, context=None, **values):
        """The window action ``xmlid`` restricted to ``domain``, with
        ``context`` (defaults for records created from it)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if domain is not None:
            action["domain"] = domain
        if context is not None:
            action["context"] = context
        action.update(values)
        return action

    def _post_template(self, xmlid, partner_ids=None, subtype_xmlid="mail.mt_comment"):
        """Post the mail template ``xmlid`` on every record of ``self`` in one
        batch (one composer for the whole recordset). A missing template
        (uninstalled, deleted by the office) posts nothing.

        :param partner_ids: extra recipients for every record, besides the
            template's own and the followers
        """
        if not self or self.env.context.get("community_no_mail"):
            return self.env["mail.message"]
        template = self.env.ref(xmlid, raise_if_not_found=False)
        if not template:
            return self.env["mail.message"]
        kwargs = {"partner_ids": list(partner_ids)} if partner_ids else {}
        return self.sudo().message_post_with_source(
            template, subtype_xmlid=subtype_xmlid, **kwargs
        )

    def _send_template(self, *xmlids):
        """Queue the mail templates ``xmlids`` to their recipients
        (``partner_to``) for every record of ``self``: rendered in batch and
        created as one batch of ``mail.mail``, which the mail queue sends.
        Each mail stays in the record's chatter. The batch counterpart of
        :meth:`_post_template` for jobs and bulk creation (no composer nor
        notification per record: the followers are not notified, only the
        templates' recipients). A missing template sends nothing.
        """
        if not self or self.env.context.get("community_no_mail"):
            return self.env["mail.mail"]
        values_list = []
        for xmlid in xmlids:
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if template:
                values_list += self._template_mail_values(
                    template.sudo().with_context(community_batch_render=True)
                )
        return self.env["mail.mail"].sudo().create(values_list)

    def _template_mail_values(self, template):
        """The ``mail.mail`` values of ``template`` rendered for ``self``
        (the records with a recipient)."""
        rendered = template._generate_template(
            self.ids,
            (
                "auto_delete",
                "body_html",
                "email_from",
                "email_to",
                "email_cc",
                "mail_server_id",
                "model",
                "partner_to",
                "reply_to",
                "res_id",
                "scheduled_date",
                "subject",
            ),
        )
        values_list = []
        for res_id in self.ids:
            values = rendered[res_id]
            partner_ids = values.get("partner_ids") or []
            if not (partner_ids or values.get("email_to") or values.get("email_cc")):
                continue  # nobody to send it to
            values.update(
                body=values["body_html"],
                recipient_ids=[Command.link(pid) for pid in partner_ids],
                partner_ids=[Command.set(partner_ids)],
                # the message stays in the chatter once the mail is sent
                is_notification=True,
            )
            if not values.get("email_from"):
                values.pop("email_from", None)
            values_list.append(values)
        return values_list

    def _add_followers(self, partner_ids_by_record):
        """Make partners follow records of this model with their default
        subtypes: ``{record id: partner ids}``, one query for the existing
        followers and one batch insert, however many records and partners
        (``message_subscribe`` subscribes the same partners to every record).
        The caller checked the right to do it."""
        partner_ids = sorted(
            {pid for pids in partner_ids_by_record.values() for pid in pids if pid}
        )
        if not partner_ids:
            return
        Followers = self.env["mail.followers"].sudo()
        default, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(self._name)
        customers = set(
            self.env["res.partner"]
            .sudo()
            .browse(partner_ids)
            .filtered("partner_share")
            .ids
        )
        existing = {
            (res_id, pid)
            for _fid, res_id, pid, _sids in Followers._get_subscription_data(
                [(self._name, list(partner_ids_by_record))], partner_ids
            )
        }
        Followers.create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": pid,
                    "subtype_ids": [
                        Command.set(external.ids if pid in customers else default.ids)
                    ],
                }
                for res_id, pids in partner_ids_by_record.items()
                for pid in dict.fromkeys(pids)
                if pid and (res_id, pid) not in existing
            ]
        )

    @api.model
    def _count_many(self, domains):
        """Several counts of this model in one query: ``{key: domain}`` →
        ``{key: count}``, each domain under the current user's record rules
        (the portal home's counters)."""
        keys = list(domains)
        if not keys:
            return {}
        counts = SQL(", ").join(
            SQL(
                "(SELECT COUNT(*) FROM (%s) AS counted)",
                self._search(domains[key]).select(),
            )
            for key in keys
        )
        self.env.cr.execute(SQL("SELECT %s", counts))
        return dict(zip(keys, self.env.cr.fetchone(), strict=True))
