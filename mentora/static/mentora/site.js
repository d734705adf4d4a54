// Site-wide behaviour that works without it (docs/accessibility.md):
// - buttons with data-toggle open and close the element they control (the menu on narrow
//   screens, the account menu); Escape or a click elsewhere closes an open one;
// - every data table with a header row gets data-label on its cells, so on a narrow screen
//   each row stacks as "header: value" lines instead of scrolling sideways.
(function () {
  document.documentElement.classList.add("js");

  function setOpen(button, open) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    target.classList.toggle("open", open);
  }

  function closeAll(except) {
    document.querySelectorAll("[data-toggle][aria-expanded='true']").forEach(function (b) {
      if (b !== except && !b.contains(except) && !document.getElementById(b.getAttribute("aria-controls")).contains(except)) {
        setOpen(b, false);
      }
    });
  }

  function labelTables(root) {
    root.querySelectorAll("table").forEach(function (table) {
      var head = table.querySelector("thead tr");
      if (!head || table.classList.contains("no-stack")) return;
      var labels = Array.prototype.map.call(head.children, function (cell) {
        return cell.textContent.replace(/\s+/g, " ").trim();
      });
      table.classList.add("stacks");
      table.querySelectorAll("tbody tr, tfoot tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          if (!cell.hasAttribute("data-label") && labels[column]) {
            cell.setAttribute("data-label", labels[column]);
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-toggle]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        var open = button.getAttribute("aria-expanded") !== "true";
        if (open) closeAll(button);
        setOpen(button, open);
      });
    });
    document.addEventListener("click", function (event) { closeAll(event.target); });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector(".account-button[aria-expanded='true']") ||
        document.querySelector("[data-toggle][aria-expanded='true']");
      if (open) { setOpen(open, false); open.focus(); }
    });
    labelTables(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { labelTables(event.target); });
})();
