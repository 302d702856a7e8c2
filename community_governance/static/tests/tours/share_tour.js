/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A resident posts a need and asks the neighbour suggested for it.
registry.category("web_tour.tours").add("community_share_tour", {
    url: "/my/share/new?kind=need",
    steps: () => [
        {
            content: "Say what is needed",
            trigger: "form.o_share_form input[name=name]",
            run: "edit Help with video calls",
        },
        {
            content: "It is a service",
            trigger: "form.o_share_form select[name=what]",
            run: "selectByLabel Skill or service",
        },
        {
            content: "Choose the category",
            trigger: "form.o_share_form select[name=category_id]",
            run: "selectByLabel Digital help",
        },
        {
            content: "Describe it",
            trigger: "form.o_share_form textarea[name=description]",
            run: "edit My grandson lives in Guangzhou.",
        },
        {
            content: "Post the need",
            trigger: "form.o_share_form .o_share_submit",
            run: "click",
        },
        {
            content: "The need is published",
            trigger: ".alert-success:contains(Your listing is published)",
        },
        {
            content: "A neighbour's offer is suggested: ask",
            trigger: ".o_share_suggestion:contains(Phone lessons) .o_share_ask",
            run: "click",
        },
        {
            content: "The neighbour was asked",
            trigger: ".alert-success:contains(Your neighbour was asked)",
        },
        {
            content: "The contact details stay hidden until both accepted",
            trigger: ".o_share_contact_hidden",
        },
    ],
});

// Both accepted: the resident sees the neighbour's phone, confirms and rates.
registry.category("web_tour.tours").add("community_share_match_tour", {
    url: "/my/share/matches",
    steps: () => [
        {
            content: "Open the match",
            trigger: ".o_share_match_row:contains(Help with video calls)",
            run: "click",
        },
        {
            content: "The neighbour's phone is shown",
            trigger: ".o_share_contact:contains(13900000002)",
        },
        {
            content: "Confirm it is done",
            trigger: ".o_share_done",
            run: "click",
        },
        {
            content: "Done by both",
            trigger: ".o_share_match_state:contains(Done)",
        },
        {
            content: "Rate the neighbour",
            trigger: ".o_share_rate input[name=rating][value='5']",
            run: "click",
        },
        {
            content: "Say thank you",
            trigger: ".o_share_rate textarea[name=comment]",
            run: "edit Thank you!",
        },
        {
            content: "Send the rating",
            trigger: ".o_share_rate button[type=submit]",
            run: "click",
        },
        {
            content: "The rating is recorded",
            trigger: ".alert-success:contains(Thank you for your rating)",
        },
    ],
});
