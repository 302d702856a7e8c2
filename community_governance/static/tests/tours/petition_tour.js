/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("community_petition_portal_tour", {
    url: "/my/petitions",
    steps: () => [
        {
            content: "Open the form to raise a petition",
            trigger: "a.o_petition_new_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose a category",
            trigger: "form.o_petition_form select[name=category_id]",
            run: "selectByIndex 1",
        },
        {
            content: "Give a title",
            trigger: "form.o_petition_form input[name=title]",
            run: "edit Stairwell light broken on the 3rd floor",
        },
        {
            content: "Describe the matter",
            trigger: "form.o_petition_form textarea[name=description]",
            run: "edit It has been dark for a week; the elderly fall on the stairs.",
        },
        {
            content: "Send the petition",
            trigger: "form.o_petition_form button.o_petition_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The petition page confirms it was sent",
            trigger: ".o_cg_flash.alert-success",
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/petitions']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new petition is listed",
            trigger: ".o_petition_row:contains('Stairwell light broken on the 3rd floor')",
        },
    ],
});
