// Accessibility helpers (docs/accessibility.md): a form that comes back with errors moves focus
// to its error summary, so screen readers read the problems first and keyboard users start
// from the list of links to the fields. The same after htmx swaps content with a summary in.
(function () {
  function focusSummary(root) {
    var summary = (root || document).querySelector(".error-summary");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusSummary(event.target); });
})();
