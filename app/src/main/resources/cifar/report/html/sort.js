// report.html's one script: a click on a heading of a table.sortable sorts its rows by that
// column, ascending, then descending. A cell sorts by its data-sort value when it has one (the
// unrounded number behind "61.2 ± 0.8 (n=3)"), else by its text; numbers as numbers, text as
// text, and empty values last in both directions. Sorting is stable, so ties keep their order.
"use strict";
(function () {
  function key(row, column) {
    var cell = row.cells[column];
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
  }

  function compare(a, b, ascending) {
    if (a === "" || b === "") {
      return (a === "") - (b === "");
    }
    var x = Number(a), y = Number(b);
    var order = !isNaN(x) && !isNaN(y) ? x - y : a.localeCompare(b);
    return ascending ? order : -order;
  }

  function sort(table, heading, column) {
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r, s) { return compare(key(r, column), key(s, column), ascending); });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.tHead.rows[0].querySelectorAll("th").forEach(function (heading, column) {
      heading.tabIndex = 0;
      heading.addEventListener("click", function () { sort(table, heading, column); });
      heading.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          sort(table, heading, column);
        }
      });
    });
  });
})();
