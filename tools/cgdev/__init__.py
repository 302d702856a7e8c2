"""Developer and CI tooling of the community_governance addon.

``tools/dev.py`` (the bootstrap, run by the Makefile with the machine's
``python3``) prepares ``.venv`` and then runs ``.venv/bin/python -m cgdev``.

Modules:

- ``common``    paths, constants, output and small helpers (standard library only)
- ``odoo_src``  find, check or download the Odoo 18.0 source (standard library only)
- ``postgres``  the PostgreSQL server: environment, ODOO_RC, localhost or embedded
- ``system``    system packages the set-up checks (wkhtmltopdf)
- ``config``    ``.local/odoo.conf``, ``.local/state.json`` and :class:`Env`
- ``databases`` SQL helpers, copy/drop (click-odoo-contrib), template databases
- ``runner``    running Odoo and pytest, reading their logs
- ``commands``  the commands (run, test, pytest, ...)
- ``cli``       the argument parser and the error handling

``common`` and ``odoo_src`` are imported by the bootstrap before the
virtualenv exists: they use the standard library only and keep Python 3.6
syntax. This file must stay import-free for the same reason.
"""
