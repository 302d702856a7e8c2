/** @odoo-module */
// Copyright 2026 Community Governance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// Photos made smaller in the browser before a portal form sends them, so that
// a phone's 12-megapixel photo fits the server's limit and does not take a
// minute to upload. A file input with the class o_cg_shrink_photos says:
//   data-max-width / data-max-height: the size Odoo shrinks stored photos to
//     anyway (base.image_autoresize_max_px), so nothing visible is lost;
//   data-max-bytes: the largest file the server accepts.
// A JPEG or PNG photo larger than either is redrawn on a canvas within that
// size (JPEG quality lowered step by step until it fits). Other files (PDF,
// GIF, WebP), photos the browser cannot decode and photos the redrawing does
// not make smaller are sent as they are. The server checks every file again.

const SHRINKABLE = new Set(["image/jpeg", "image/png"]);
const JPEG_QUALITIES = [0.85, 0.7, 0.55];
// input -> the promise of its running shrink (the form waits for it)
const running = new WeakMap();
// input -> number of the latest change (an older shrink's result is dropped)
const generations = new WeakMap();

export function canShrink() {
    return (
        typeof createImageBitmap === "function" &&
        typeof DataTransfer === "function" &&
        typeof File === "function" &&
        typeof HTMLCanvasElement !== "undefined" &&
        typeof HTMLCanvasElement.prototype.toBlob === "function"
    );
}

function toBlob(canvas, type, quality) {
    return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/**
 * The photo ``file`` within ``maxWidth`` × ``maxHeight`` pixels and, where
 * the quality can be lowered (JPEG), within ``maxBytes``; ``file`` itself
 * when it is not a JPEG/PNG photo, is small enough already, cannot be
 * decoded, or would not get smaller.
 */
export async function shrinkPhoto(file, { maxWidth, maxHeight, maxBytes }) {
    if (!SHRINKABLE.has(file.type) || !canShrink()) {
        return file;
    }
    let bitmap;
    try {
        bitmap = await createImageBitmap(file);
    } catch {
        return file;
    }
    const scale = Math.min(
        1,
        (maxWidth || Infinity) / bitmap.width,
        (maxHeight || Infinity) / bitmap.height
    );
    if (scale === 1 && !(file.size > maxBytes)) {
        bitmap.close();
        return file;
    }
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext("2d");
    if (!context) {
        bitmap.close();
        return file;
    }
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    let blob = null;
    for (const quality of file.type === "image/jpeg" ? JPEG_QUALITIES : [undefined]) {
        blob = await toBlob(canvas, file.type, quality);
        if (!blob || !(blob.size > maxBytes)) {
            break;
        }
    }
    if (!blob || blob.type !== file.type || blob.size >= file.size) {
        return file;
    }
    return new File([blob], file.name, { type: file.type, lastModified: file.lastModified });
}

async function shrinkInput(input, generation) {
    const limits = {
        maxWidth: parseInt(input.dataset.maxWidth) || 0,
        maxHeight: parseInt(input.dataset.maxHeight) || 0,
        maxBytes: parseInt(input.dataset.maxBytes) || Infinity,
    };
    const originals = [...input.files];
    const files = [];
    // one after the other: a phone decodes one 12-megapixel photo at a time
    for (const file of originals) {
        try {
            files.push(await shrinkPhoto(file, limits));
        } catch {
            files.push(file);
        }
    }
    if (generations.get(input) !== generation) {
        return; // other files were chosen meanwhile
    }
    if (files.some((file, index) => file !== originals[index])) {
        const transfer = new DataTransfer();
        for (const file of files) {
            transfer.items.add(file);
        }
        input.files = transfer.files; // no change event: not shrunk again
    }
}

document.addEventListener("change", (ev) => {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || !input.matches("input.o_cg_shrink_photos")) {
        return;
    }
    if (!canShrink() || !input.files || !input.files.length) {
        return;
    }
    const generation = (generations.get(input) || 0) + 1;
    generations.set(input, generation);
    input.dataset.cgShrink = "running";
    const job = shrinkInput(input, generation)
        .catch(() => {})
        .finally(() => {
            if (generations.get(input) === generation) {
                running.delete(input);
                input.dataset.cgShrink = "done";
            }
        });
    running.set(input, job);
});

// A form sent while its photos are being shrunk waits for them, then goes.
document.addEventListener(
    "submit",
    (ev) => {
        const form = ev.target;
        if (!(form instanceof HTMLFormElement)) {
            return;
        }
        const jobs = [...form.querySelectorAll("input.o_cg_shrink_photos")]
            .map((input) => running.get(input))
            .filter(Boolean);
        if (!jobs.length) {
            return;
        }
        ev.preventDefault();
        ev.stopImmediatePropagation();
        const submitter = ev.submitter;
        Promise.all(jobs).then(() => {
            if (form.requestSubmit) {
                form.requestSubmit(submitter || undefined);
            } else {
                form.submit();
            }
        });
    },
    true
);

function showNotes() {
    if (canShrink()) {
        for (const note of document.querySelectorAll(".o_cg_shrink_note")) {
            note.classList.remove("d-none");
        }
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showNotes);
} else {
    showNotes();
}
