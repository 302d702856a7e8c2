/** @odoo-module **/
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A photo like a phone's: 4000 × 3000, grainy, saved at a high quality, so
// that it is larger than the server accepts. Its size goes into the
// description, for the test to compare with what reached the server.
async function largePhoto() {
    const width = 4000;
    const height = 3000;
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    const pixels = context.createImageData(width, height);
    const data = pixels.data;
    let seed = 12345;
    for (let i = 0; i < data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const x = (i / 4) % width;
        data[i] = ((x * 255) / width + (seed & 63)) & 255;
        data[i + 1] = (seed >> 8) & 255;
        data[i + 2] = (seed >> 16) & 255;
        data[i + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.95));
    return new File([blob], "stairwell.jpg", { type: "image/jpeg" });
}

registry.category("web_tour.tours").add("community_petition_form_tour", {
    url: "/my/petitions/new",
    steps: () => [
        {
            content: "Before a category is chosen, the form says which ones neighbours see",
            trigger: ".o_petition_visibility [data-visibility=unknown]:not(.d-none)",
        },
        {
            content: "Choose a private category",
            trigger: "form.o_petition_form select[name=category_id]",
            run: "selectByLabel Stairwell matters",
        },
        {
            content: "The form says neighbours will not see it",
            trigger: ".o_petition_visibility [data-visibility=private]:not(.d-none)",
        },
        {
            content: "... and offers no 'hide my name'",
            trigger: ".o_petition_anonymous.d-none:hidden",
        },
        {
            content: "Choose a public category",
            trigger: "form.o_petition_form select[name=category_id]",
            run: "selectByLabel Public space",
        },
        {
            content: "The form says neighbours will see it",
            trigger: ".o_petition_visibility [data-visibility=public]:not(.d-none)",
        },
        {
            content: "... and offers to hide my name",
            trigger: ".o_petition_anonymous:not(.d-none) input[name=is_anonymous]",
        },
        {
            content: "Back to the private category",
            trigger: "form.o_petition_form select[name=category_id]",
            run: "selectByLabel Stairwell matters",
        },
        {
            content: "The limits are said before any file is chosen",
            trigger: ".o_petition_upload_limits:contains(MB)",
        },
        {
            content: "Give a title",
            trigger: "form.o_petition_form input[name=title]",
            run: "edit Wet photo of the stairwell",
        },
        {
            content: "Pick a photo larger than the server accepts",
            trigger: "form.o_petition_form input[name=attachments].o_cg_shrink_photos",
            async run() {
                const input = this.anchor;
                const photo = await largePhoto();
                input.form.querySelector("textarea[name=description]").value =
                    `Original photo: ${photo.size} bytes.`;
                const transfer = new DataTransfer();
                transfer.items.add(photo);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            // at once: the form waits for the photo to be shrunk
            content: "Send the petition",
            trigger: "form.o_petition_form button.o_petition_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The petition was accepted with its photo",
            trigger: ".o_cg_flash.alert-success",
        },
    ],
});
