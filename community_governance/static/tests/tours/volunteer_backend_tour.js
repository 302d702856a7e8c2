/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("community_volunteer_backend_tour", {
    steps: () => [
        {
            content: "Open an entry waiting for approval",
            trigger: ".o_list_view .o_data_row td[name=volunteer_id]",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "It is approved and locked",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Approved)",
        },
    ],
});
