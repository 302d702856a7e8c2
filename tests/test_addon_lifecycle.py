"""System test: install, upgrade and uninstall the addon without errors.

Each step runs Odoo in a subprocess with the generated configuration, on a
database copied from the template (the addon's dependencies installed with
demo data), and checks the exit code, the absence of ERROR/CRITICAL log lines
and the module state.
"""

import pytest

pytestmark = pytest.mark.system

UNINSTALL_SCRIPT = """
# What users create on a demo database before someone uninstalls it: records
# without XML id that point at demo residents (ondelete restrict).
volunteer = env.ref("community_governance.partner_liu_yuling_demo")
certificate = env["community.volunteer.certificate"]._issue(
    volunteer, volunteer.volunteer_since, volunteer.volunteer_since.today()
)
assert certificate.hours > 0
module = env["ir.module.module"].search([("name", "=", {addon!r})])
assert module.state == "installed", module.state
module.button_immediate_uninstall()
env.cr.commit()
"""


def test_install_upgrade_uninstall(odoo, fresh_db):
    addon = odoo.addon
    assert odoo.module_state(fresh_db) == "uninstalled"

    odoo.run_clean(f"install of {addon}", fresh_db, "-i", addon, "--stop-after-init")
    assert odoo.module_state(fresh_db) == "installed"
    models = odoo.sql(
        fresh_db,
        "SELECT count(*) FROM ir_model_data WHERE module = %s AND model = 'ir.model'",
        [addon],
    )[0][0]

    odoo.run_clean(f"upgrade of {addon}", fresh_db, "-u", addon, "--stop-after-init")
    assert odoo.module_state(fresh_db) == "installed"

    odoo.run_clean(
        f"uninstall of {addon} (odoo shell)",
        fresh_db,
        "shell",
        stdin=UNINSTALL_SCRIPT.format(addon=addon),
    )
    assert odoo.module_state(fresh_db) == "uninstalled"
    leftovers = odoo.sql(
        fresh_db,
        "SELECT count(*) FROM ir_model_data WHERE module = %s",
        [addon],
    )[0][0]
    assert leftovers == 0, (
        f"{leftovers} ir.model.data records of {addon} remain after uninstall "
        f"(the addon defined {models} models)"
    )
