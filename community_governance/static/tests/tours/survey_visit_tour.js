/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// A stairwell steward works through an entrance on the phone: one tap for a
// door nobody opens, then the questionnaire and a need of the next household.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("community_survey_visit_tour", {
    url: "/my/surveys",
    steps: () => [
        {
            content: "Open the campaign",
            trigger: ".o_cg_surveys a:contains('Survey of Community A')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the entrance",
            trigger: ".o_cg_survey_entrance a:contains('Unit 1')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Nobody opens room 101: one tap",
            trigger: ".o_cg_room:has(a:contains('101')) button:contains('Not home')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Room 101 is marked not home",
            trigger: ".o_cg_room.o_cg_room_not_home a:contains('101')",
        },
        {
            content: "Knock at room 201",
            trigger: ".o_cg_room a:contains('201')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Write down a need of the household",
            trigger: "form.o_cg_need_form textarea[name=description]",
            run: "edit Delivery trucks at 5 am",
        },
        {
            content: "Add the need",
            trigger: "form.o_cg_need_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The need is on the screen",
            trigger: ".o_cg_survey_needs li:contains('Delivery trucks at 5 am')",
        },
        {
            content: "The household wants the market kept",
            trigger: "form.o_cg_interview_form label:contains('Keep')",
            run: "click",
        },
        {
            content: "Bikes bother them",
            trigger: "form.o_cg_interview_form label:contains('Bikes')",
            run: "click",
        },
        {
            content: "Save the interview",
            trigger: "form.o_cg_interview_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back at the entrance, the answers are saved",
            trigger: ".o_cg_flash.alert-success:contains('are saved')",
        },
        {
            content: "Room 201 is interviewed",
            trigger: ".o_cg_room.o_cg_room_interviewed a:contains('201')",
        },
    ],
});
