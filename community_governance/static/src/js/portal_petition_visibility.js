/** @odoo-module */
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The new-petition form says who will see the petition as soon as the
// category changes: neighbours see the petitions of public categories (the
// options with data-public), nobody else those of private ones. The server
// renders the same sentence for the form as sent (pages without JavaScript);
// "hide my name" is offered only where neighbours may see the petition.

function updateVisibility(select) {
    const form = select.form;
    const box = form && form.querySelector(".o_petition_visibility");
    if (!box) {
        return;
    }
    const option = select.selectedOptions[0];
    let kind = box.dataset.default || "unknown";
    if (option && option.value) {
        kind = option.dataset.public ? "public" : "private";
    }
    for (const sentence of box.querySelectorAll("[data-visibility]")) {
        sentence.classList.toggle("d-none", sentence.dataset.visibility !== kind);
    }
    const anonymous = form.querySelector(".o_petition_anonymous");
    if (anonymous) {
        anonymous.classList.toggle("d-none", kind === "private");
        if (kind === "private") {
            for (const box of anonymous.querySelectorAll("input[type=checkbox]")) {
                box.checked = false;
            }
        }
    }
}

document.addEventListener("change", (ev) => {
    const select = ev.target.closest && ev.target.closest("select.o_petition_category");
    if (select) {
        updateVisibility(select);
    }
});

// The browser may restore an earlier choice (back button): say what it is.
function updateAll() {
    for (const select of document.querySelectorAll("select.o_petition_category")) {
        updateVisibility(select);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
} else {
    updateAll();
}
