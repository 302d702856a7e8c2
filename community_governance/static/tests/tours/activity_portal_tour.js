/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("community_activity_register_tour", {
    url: "/my/activities",
    steps: () => [
        {
            content: "Open the evening dance",
            trigger: ".o_cg_activities a:contains('Evening dance')",
            run: "click",
        },
        {
            content: "Register",
            trigger: "button:contains('Register')",
            run: "click",
        },
        {
            content: "The resident is registered",
            trigger: ".alert:contains('You are registered')",
        },
        {
            content: "The check-in code can be typed on site",
            trigger: "input[name='code']",
        },
        {
            content: "The registration can be cancelled",
            trigger: "button:contains('Cancel my registration')",
        },
    ],
});
