// Progressive enhancement only: every form works without this file.
// After a form comes back with errors, move focus to the summary so screen readers announce it.
document.querySelector(".error-summary")?.focus();
