/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("community_resource_portal_tour", {
    url: "/my/resources",
    steps: () => [
        {
            content: "Open the round of vegetable plots",
            trigger: ".o_cg_resource_rounds a:contains('Read the rules and apply')",
            run: "click",
        },
        {
            content: "The rules are shown before applying",
            trigger: ".o_cg_resource_rules:contains('Plant it within a month')",
        },
        {
            content: "Say what you will grow",
            trigger: "textarea[name='note']",
            run: "edit Tomatoes and beans",
        },
        {
            content: "Accept the rules",
            trigger: "input[name='accept_rules']",
            run: "check",
        },
        {
            content: "Apply for the household",
            trigger: "button:contains('Apply for my household')",
            run: "click",
        },
        {
            content: "The application and its reference",
            trigger: ".alert:contains('was received')",
        },
        {
            content: "Its state on the round's page",
            trigger: ".o_cg_resource_application:contains('Submitted')",
        },
    ],
});
