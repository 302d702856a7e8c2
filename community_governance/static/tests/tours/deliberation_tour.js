/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("community_deliberation_vote_tour", {
    url: "/my/deliberations",
    steps: () => [
        {
            content: "The owner's vote is awaited on the smart meters",
            trigger: ".o_cg_deliberations .card:contains('Your vote is awaited')",
        },
        {
            content: "Open the matter",
            trigger: ".o_cg_deliberations a:contains('Smart meters')",
            run: "click",
        },
        {
            content: "The rule of the vote is explained",
            trigger: "li:contains('two thirds of the exclusive floor area')",
        },
        {
            content: "Vote for, with the unit's ballot",
            trigger: ".o_cg_ballot button[value='yes']",
            run: "click",
        },
        {
            content: "The vote is recorded",
            trigger: ".o_cg_flash:contains('is recorded')",
        },
        {
            content: "The unit shows its vote, which cannot be changed",
            trigger: ".o_cg_ballot .badge:contains('Voted')",
        },
        {
            content: "The turnout so far, not the result",
            trigger: ".o_cg_turnout:contains('1 of 6 units voted')",
        },
    ],
});
