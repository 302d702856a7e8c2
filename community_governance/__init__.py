from . import controllers
from . import models
from . import populate
from . import report
from . import wizards


def uninstall_hook(env):
    """Before the addon's records go: the activities of the shared community's
    listings, which use the addon's activity types (mail deletes a model's
    activities with the model, after the records of the addon)."""
    env["mail.activity"].sudo().search(
        [("res_model", "in", ["community.share.listing", "community.share.match"])]
    ).unlink()
