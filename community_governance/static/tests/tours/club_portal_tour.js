/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("community_club_join_tour", {
    url: "/my/clubs",
    steps: () => [
        {
            content: "Open the square dance club",
            trigger: ".o_cg_clubs a:contains('Square Dance')",
            run: "click",
        },
        {
            content: "Ask to join",
            trigger: "button:contains('Ask to join')",
            run: "click",
        },
        {
            content: "The request went to the leaders",
            trigger: ".alert:contains('was sent to its leaders')",
        },
        {
            content: "The request can be withdrawn",
            trigger: "button:contains('Withdraw my request')",
        },
    ],
});
