# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every portal route of the addon shares: reading request parameters,
the one feedback message after a redirect, the page size, and "a record you
may not see does not exist".

Controllers parse their input here, call a model method (which checks who may
do what and raises a translated ``UserError``/``AccessError``), then redirect
with :func:`flash` or render the page. No controller handles raw parameters
by hand, so every route refuses the same bad input in the same way.
"""

import datetime
import re

from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import pager as portal_pager

# One page size on every portal list of the addon (phone-first pages).
PAGE_SIZE = 20
# Largest id PostgreSQL stores in an integer column.
MAX_ID = 2**31 - 1
FLASH_KEY = "community_governance_flash"
_ASCII_INT = re.compile(r"^[+-]?[0-9]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Characters PostgreSQL text columns refuse, or that no keyboard types.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InputError(UserError):
    """A request parameter the user can correct: shown as the page's message."""


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------
def _raw(value):
    """The text of a parameter; a file part where text was expected is an
    input error, not a crash."""
    if isinstance(value, FileStorage):
        raise InputError(request.env._("A file was sent where text was expected."))
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if value is None:
        return ""
    return str(value)


def parse_int(value, *, default=None, minimum=None, maximum=None, label=None):
    """An integer written with ASCII digits (``int()`` accepts ``²`` or
    Arabic-Indic digits, PostgreSQL does not), within the given bounds.
    Empty gives ``default``."""
    text = _raw(value).strip()
    if not text:
        return default
    if not _ASCII_INT.match(text) or len(text) > 12:
        raise InputError(
            request.env._("%(label)s must be a whole number.", label=label)
            if label
            else request.env._("A whole number was expected.")
        )
    number = int(text)
    if (minimum is not None and number < minimum) or (
        maximum is not None and number > maximum
    ):
        raise InputError(
            request.env._(
                "%(label)s must be between %(minimum)s and %(maximum)s.",
                label=label or request.env._("The number"),
                minimum=minimum,
                maximum=maximum,
            )
        )
    return number


def parse_id(value):
    """A record id (1 to 2^31-1), or ``None`` for anything else: callers
    treat a bad id like a record that does not exist."""
    try:
        return parse_int(value, minimum=1, maximum=MAX_ID)
    except InputError:
        return None


def parse_optional_id(value, label=None):
    """The id of an optional choice (a select with an empty option): empty
    gives ``False``; anything but an id is refused, not read as "none"."""
    if not isinstance(value, FileStorage) and not _raw(value).strip():
        return False
    record_id = parse_id(value)
    if not record_id:
        raise InputError(
            request.env._("%(label)s: choose from the list.", label=label)
            if label
            else request.env._("Choose from the lists of the form.")
        )
    return record_id


def parse_ids(values, strict=False):
    """Ids of a multi-valued parameter (checkboxes); bad ones are dropped,
    or with ``strict`` refused (what the form offers are ids only)."""
    if not isinstance(values, list | tuple):
        values = [values]
    ids = []
    for value in values:
        record_id = parse_id(value)
        if strict and not record_id:
            raise InputError(request.env._("Choose from the lists of the form."))
        if record_id and record_id not in ids:
            ids.append(record_id)
    return ids


def request_ids(name):
    """The ids ticked in the checkboxes ``name`` of the posted form: ids
    only (anything else is refused, not dropped), never a file part."""
    if request.httprequest.files.getlist(name):
        raise InputError(request.env._("A file was sent where text was expected."))
    return parse_ids(request.httprequest.form.getlist(name), strict=True)


def parse_text(value, *, max_length, required=False, label=None, multiline=True):
    """Stripped text of at most ``max_length`` characters, without NUL or
    other control characters (refused with a message, not stored)."""
    text = _raw(value)
    if not multiline:
        text = text.replace("\r", " ").replace("\n", " ")
    if _CONTROL.search(text):
        raise InputError(
            request.env._(
                "%(label)s contains characters that cannot be stored.",
                label=label or request.env._("The text"),
            )
        )
    text = text.strip()
    if required and not text:
        raise InputError(
            request.env._("%(label)s is required.", label=label)
            if label
            else request.env._("Fill in the required fields.")
        )
    if len(text) > max_length:
        raise InputError(
            request.env._(
                "%(label)s is too long (%(max)s characters at most).",
                label=label or request.env._("The text"),
                max=max_length,
            )
        )
    return text


def parse_search(value, max_length=100):
    """A search term: never an error, at worst an empty search."""
    try:
        return parse_text(value, max_length=10000, multiline=False)[:max_length]
    except InputError:
        return ""


def parse_choice(value, choices, default=None):
    """One of ``choices`` (a dict or a collection of keys), else ``default``."""
    try:
        key = _raw(value).strip()
    except InputError:
        return default
    return key if key in choices else default


def parse_bool(value):
    try:
        return _raw(value).strip().lower() not in ("", "0", "false", "off", "no")
    except InputError:
        return False


def parse_date(value, *, required=False, label=None):
    """An ISO date (YYYY-MM-DD)."""
    text = _raw(value).strip()
    if not text:
        if required:
            raise InputError(
                request.env._(
                    "%(label)s is required.", label=label or request.env._("The date")
                )
            )
        return None
    try:
        # the whole of it: YYYY-MM-DD in ASCII digits (a NUL after a valid
        # date was read as the date)
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            request.env._(
                "%(label)s is not a valid date.",
                label=label or request.env._("The date"),
            )
        ) from None


def parse_float(value, *, minimum=None, maximum=None, label=None, default=None):
    text = _raw(value).strip().replace(",", ".")
    if not text:
        return default
    if not re.match(r"^[+-]?[0-9]+(\.[0-9]+)?$", text) or len(text) > 20:
        raise InputError(
            request.env._(
                "%(label)s must be a number.", label=label or request.env._("The value")
            )
        )
    number = float(text)
    if (minimum is not None and number < minimum) or (
        maximum is not None and number > maximum
    ):
        raise InputError(
            request.env._(
                "%(label)s must be between %(minimum)s and %(maximum)s.",
                label=label or request.env._("The value"),
                minimum=minimum,
                maximum=maximum,
            )
        )
    return number


def uploaded_files(name):
    """The non-empty file parts sent under ``name`` (text parts are ignored)."""
    return [
        f
        for f in request.httprequest.files.getlist(name)
        if isinstance(f, FileStorage) and f.filename
    ]


def photo_max_size():
    """(width, height) in pixels beyond which Odoo shrinks an uploaded photo
    when it is stored (``base.image_autoresize_max_px``, ``1920x1920`` by
    default; ``0``: never), so that the browser can shrink it to the same
    size before sending it; ``None`` when photos are kept as they are."""
    value = (
        request.env["ir.config_parameter"]
        .sudo()
        .get_param("base.image_autoresize_max_px", "1920x1920")
    )
    size = re.fullmatch(r"(\d+)x(\d+)", (value or "").strip().lower(), re.ASCII)
    if not size or not all(int(side) for side in size.groups()):
        return None
    return int(size[1]), int(size[2])


def upload_values(max_files, max_file_size):
    """What a form with a photo/PDF upload says and needs before files are
    chosen: the limits the model checks, in one sentence, and the sizes the
    browser shrinks photos to (``static/src/js/portal_photo_shrink.js``)."""
    return {
        "max_files": max_files,
        "max_file_size": max_file_size,
        "upload_limits": request.env._(
            "Up to %(files)s photos or PDF files, %(size)s MB each at most.",
            files=max_files,
            size=max_file_size // (1024 * 1024),
        ),
        "photo_max_size": photo_max_size(),
    }


def clean_filename(upload, max_length=200):
    name = _CONTROL.sub("", upload.filename or "").strip() or "file"
    return name[:max_length]


def read_uploads(name, max_size):
    """The files sent under ``name`` as the models take them (``name`` and
    ``raw``), each read up to one byte over ``max_size``: the model refuses
    what is larger, without the whole file in memory."""
    return [
        {"name": clean_filename(upload), "raw": upload.read(max_size + 1)}
        for upload in uploaded_files(name)
    ]


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------
def get_record(model_name, record_id, access_token=None):
    """The record as the current user: it exists and the user may read it
    (record rules), or the token is the record's own. Anything else is a 404,
    whether the record is someone else's or does not exist."""
    record_id = parse_id(record_id) if not isinstance(record_id, int) else record_id
    if not record_id or record_id > MAX_ID:
        raise NotFound()
    record = request.env[model_name].browse(record_id)
    try:
        if not record.exists():
            raise NotFound()
        record.check_access("read")
    except AccessError:
        sudo = record.sudo()
        if (
            access_token
            and "access_token" in sudo._fields
            and sudo.access_token
            and same_token(sudo.access_token, access_token)
        ):
            return record
        raise NotFound() from None
    except MissingError:
        raise NotFound() from None
    return record


def same_token(expected, given):
    """Whether ``given`` (a request parameter) is the token ``expected``, in
    constant time. consteq() refuses non-ASCII text (HTTP 500): bytes."""
    given = parse_search(given, 100)
    return bool(expected and given) and consteq(
        expected.encode(), given.encode("utf-8", "replace")
    )


def current_resident():
    """The current user's contact when it is a resident, else ``None``.

    Browsed in the request's environment: ``env.user`` is a superuser record
    in Odoo 18, and so is its ``partner_id``, on which model methods would
    skip their access checks."""
    partner = request.env["res.partner"].browse(request.env.user.partner_id.id)
    return partner if partner.sudo().is_resident else None


def home_cards():
    """The current user's cards on the portal home, by counter name
    (``res.users._portal_home_cards``), worked out once per request."""
    cards = getattr(request, "cg_home_cards", None)
    if cards is None:
        cards = request.cg_home_cards = request.env.user._portal_home_cards()
    return cards


def home_card(counter):
    """Whether the current user's portal home has the card of ``counter``:
    the feature's counter is only counted then (0 otherwise, no query)."""
    return counter in home_cards()


def pager(url, total, page=1, url_args=None):
    page = parse_int(page, default=1, minimum=1, maximum=MAX_ID) or 1
    return portal_pager(
        url=url, total=total, page=page, step=PAGE_SIZE, url_args=url_args
    )


# ---------------------------------------------------------------------------
# Feedback after a redirect
# ---------------------------------------------------------------------------
def flash(message, kind="success"):
    """Show ``message`` on the next page (``kind``: success, info, warning,
    danger). One mechanism for every portal page of the addon."""
    request.session[FLASH_KEY] = {"message": str(message), "kind": kind}


def flash_error(error):
    """The message of a refused action (UserError, AccessError ...)."""
    flash(error.args[0] if error.args else str(error), "danger")


def pop_flash():
    return request.session.pop(FLASH_KEY, None)


def redirect_with(url, message=None, kind="success"):
    if message:
        flash(message, kind)
    return request.redirect(url)


def run_action(url, method, *args, success=None, **kwargs):
    """Call a model method for a portal POST, then redirect to ``url`` with
    its outcome: ``success`` on success (a message, or a callable making it
    from the method's result), the error's own message when the model
    refuses. Nothing the method wrote stays when it fails."""
    try:
        with request.env.cr.savepoint():
            result = method(*args, **kwargs)
    except (UserError, AccessError) as error:
        flash_error(error)
        return request.redirect(url)
    if callable(success):
        success = success(result)
    if success:
        flash(success)
    return request.redirect(url)
