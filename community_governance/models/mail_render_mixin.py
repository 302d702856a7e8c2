# Copyright 2026 Community Governance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html
from markupsafe import Markup

from odoo import api, models
from odoo.tools import safe_eval

# Context key of community.mixin._send_template: render the QWeb body of a
# mail template for many records with one compilation.
BATCH_RENDER = "community_batch_render"


class MailRenderMixin(models.AbstractModel):
    """Mail templates rendered for a batch (``community.mixin._send_template``)
    compile their QWeb body once. ``mail.render.mixin`` parses and compiles
    the body for every record (an inline template has no compile cache):
    about 40 ms a petition, most of the received mail's cost and of the
    overdue job's. Only with the addon's context key: other renderings stay
    Odoo's."""

    _inherit = "mail.render.mixin"

    @api.model
    def _render_template_qweb(
        self, template_src, model, res_ids, add_context=None, options=None
    ):
        if (
            not self.env.context.get(BATCH_RENDER)
            or not template_src
            or len(res_ids) < 2
            or not self._has_unsafe_expression_template_qweb(template_src, model)
        ):
            return super()._render_template_qweb(
                template_src, model, res_ids, add_context=add_context, options=options
            )
        variables = self._render_eval_context()
        if add_context:
            variables.update(**add_context)
        options = dict(options or {})
        if (
            not self._unrestricted_rendering
            and not self.env.is_admin()
            and not self.env.user.has_group("mail.group_mail_template_editor")
        ):
            options["raise_on_forbidden_code_for_model"] = model
        tree = html.fragment_fromstring(template_src, create_parent="div")
        qweb = self.env["ir.qweb"].with_context(**options)
        render = None
        results = {}
        for record in self.env[model].browse(res_ids):
            values = dict(variables, object=record)
            # what ir.qweb._render does, the compilation kept for the batch
            record_qweb = qweb._prepare_environment(values)
            safe_eval.check_values(values)
            if render is None:
                functions, def_name = record_qweb._compile(tree)
                render = functions[def_name]
            # remove the <div> wrapping the template's nodes
            results[record.id] = Markup("".join(render(record_qweb, values)))[5:-6]
        return results
