/** @odoo-module */
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// "Select all" of a portal form: a checkbox .o_cg_select_all with
// data-target="<input name>" ticks or clears every box of that name in its
// form (the coordinator's approvals).
document.addEventListener("change", (ev) => {
    const toggle = ev.target.closest && ev.target.closest(".o_cg_select_all");
    if (!toggle || !toggle.form) {
        return;
    }
    const name = toggle.dataset.target;
    for (const box of toggle.form.querySelectorAll(`input[type=checkbox][name="${name}"]`)) {
        box.checked = toggle.checked;
    }
});
