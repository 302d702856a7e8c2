# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the server answers when PostgreSQL is unreachable (restarted,
failing over), and ids in URLs.

During an outage Odoo 18 answers:

- a request that fails inside its transaction (the connection dropped while
  it ran, the retries on serialization failures exhausted): HTTP 500 with a
  traceback in the log;
- a request whose session names the database, when no connection can be
  opened: the registry is "unusable", Odoo logs the user out (!) and serves
  the request without a database: HTTP 404;
- a visitor without a session: the database list is empty, HTTP 404 (or
  /web/login sends them to the database manager).

The first one goes through ``ir.http._handle_error`` (below). The other two
happen before any ``ir.http`` method runs, in ``odoo.http.Request``: the
addon wraps ``Request._serve_db`` and ``Request._serve_nodb`` when it is
imported, so that they answer the same page instead, and only when a
database this server serves (its registry is loaded) refuses connections.
The page needs no database: a static page translated from the addon's .po
files, HTTP 503 with Retry-After.
"""

import logging

import psycopg2
from markupsafe import Markup, escape
from werkzeug.exceptions import ServiceUnavailable

from odoo import http, models, sql_db
from odoo.modules.registry import Registry
from odoo.tools.translate import LazyTranslate

from odoo.addons.base.models.ir_http import SignedIntConverter

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

RETRY_AFTER = 5
UNAVAILABLE_TITLE = _lt("Back in a moment")
UNAVAILABLE_TEXT = _lt(
    "The service is briefly unavailable. Try again in a moment; before you "
    "send a form again, check whether it was saved."
)
UNAVAILABLE_RETRY = _lt("Try again")
DATABASE_ERRORS = (psycopg2.OperationalError, psycopg2.InterfaceError, sql_db.PoolError)


class AsciiIntConverter(SignedIntConverter):
    """``<int:…>`` in routes, with ASCII digits only: werkzeug's ``\\d``
    also matches ``²`` (which int() refuses: HTTP 500) and ``١`` (which
    int() reads as another number). Ids of 2^31 and more are the
    controllers' (``portal_tools.get_record``: 404)."""

    regex = r"-?[0-9]+"


def unavailable_response():
    """The "try again in a moment" page, in the visitor's language, built
    without the database."""
    lang = "en_US"
    request = http.request
    if request:
        lang = (request.session.context or {}).get("lang") or lang
    try:
        title, text, retry = (
            str(term._translate(lang))
            for term in (UNAVAILABLE_TITLE, UNAVAILABLE_TEXT, UNAVAILABLE_RETRY)
        )
    except Exception:  # noqa: BLE001 - no translation is better than no page
        title, text, retry = (
            term._source
            for term in (UNAVAILABLE_TITLE, UNAVAILABLE_TEXT, UNAVAILABLE_RETRY)
        )
    body = Markup(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>{title}</title></head>"
        "<body style='font-family:sans-serif;max-width:32rem;margin:3rem auto;"
        "padding:0 1rem'><h1>{title}</h1><p>{text}</p>"
        "<p><a href='javascript:location.reload()'>{retry}</a></p></body></html>"
    ).format(title=escape(title), text=escape(text), retry=escape(retry))
    response = http.Response(
        str(body), status=503, content_type="text/html; charset=utf-8"
    )
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _unavailable(error):
    _logger.warning("Database unreachable, answered 503: %s", error)
    return ServiceUnavailable(response=unavailable_response())


def _unreachable_database(request):
    """The connection error of a database this server serves (its registry
    is loaded, the dbfilter accepts it for this host) that refuses
    connections, or None."""
    host = request.httprequest.environ.get("HTTP_HOST")
    for name in http.db_filter(list(Registry.registries), host=host):
        try:
            with sql_db.db_connect(name).cursor():
                pass
        except DATABASE_ERRORS as error:
            return error
    return None


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_converters(cls):
        return dict(super()._get_converters(), int=AsciiIntConverter)

    @classmethod
    def _serve_fallback(cls):
        # No route matched: the fallbacks look the path up in the database
        # (attachments, redirects, pages), which refuses a NUL byte with a
        # ValueError (HTTP 500): such a path is simply not found.
        if "\x00" in http.request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(exception, DATABASE_ERRORS) and (
            http.request.dispatcher.routing_type == "http"
        ):
            _logger.warning("Database unreachable, answered 503: %s", exception)
            return unavailable_response()
        return super()._handle_error(exception)


# ---------------------------------------------------------------------------
# Before the registry: odoo.http.Request (see the module's docstring)
# ---------------------------------------------------------------------------
def _serve_db(self):
    try:
        return _serve_db.original(self)
    except http.RegistryError as error:
        if isinstance(error.__cause__, DATABASE_ERRORS) and self.db in (
            Registry.registries
        ):
            raise _unavailable(error.__cause__) from error
        raise
    except DATABASE_ERRORS as error:
        # outside the transaction (opening or closing its cursor)
        if hasattr(error, "error_response"):
            raise
        raise _unavailable(error) from error


def _serve_nodb(self):
    # Served without a database: the database list was empty. When a
    # database of this server refuses connections, that is the outage, not
    # a page to find (404) nor the database manager (/web/login redirects
    # there).
    error = _unreachable_database(self)
    if error:
        raise _unavailable(error)
    return _serve_nodb.original(self)


for _function in (_serve_db, _serve_nodb):
    _current = getattr(http.Request, _function.__name__)
    if getattr(_current, "community_outage", False):
        continue  # the addon's package imported again (tests, reload)
    _function.original = _current
    _function.community_outage = True
    setattr(http.Request, _function.__name__, _function)
