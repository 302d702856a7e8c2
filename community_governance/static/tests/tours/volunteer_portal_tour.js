/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("community_volunteer_portal_tour", {
    url: "/my/volunteer",
    steps: () => [
        {
            content: "Say how many hours",
            trigger: "form.o_volunteer_log input[name=hours]",
            run: "edit 3",
        },
        {
            content: "Say what was done",
            trigger: "form.o_volunteer_log textarea[name=description]",
            run: "edit Cleaned the stairwell",
        },
        {
            content: "Submit the hours for approval",
            trigger: "form.o_volunteer_log button[name=save][value=submit]",
            run: "click",
        },
        {
            content: "The hours are saved and wait for approval",
            trigger: ".alert-success:contains(Your hours were saved)",
        },
        {
            content: "They are listed as to approve",
            trigger: ".o_volunteer_hour_row:contains(Cleaned the stairwell):contains(To Approve)",
        },
    ],
});
