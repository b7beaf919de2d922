// Draws the graph whose elements a page embeds in <script type="application/json" id="graph-data">
// into <div id="graph">, with Cytoscape.js (served from the webjar). The same facts are always in a
// table on the page: the drawing is a second view, not the only one.
(function () {
  "use strict";
  var data = document.getElementById("graph-data");
  var container = document.getElementById("graph");
  if (!data || !container || typeof cytoscape !== "function") {
    return;
  }
  var graph = JSON.parse(data.textContent);
  var colours = {
    HELD: "#0a2f66", ERASED: "#6b6b6b", DELETED_BY_HOLDER: "#6b6b6b", RESTRICTED: "#8a6100",
    EXPIRES: "#1e6b24", MIXED: "#123d6a"
  };
  // Each edge's colour is data before Cytoscape first styles it ("data(colour)" needs it then).
  graph.elements.forEach(function (element) {
    if (element.group === "edges" && !element.data.colour) {
      element.data.colour = colours[element.data.status] || colours.MIXED;
    }
  });
  var cy = cytoscape({
    container: container,
    elements: graph.elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
          "text-valign": "bottom", "text-margin-y": 4, "background-color": "#dbe9ff",
          "border-color": "#0a2f66", "border-width": 2, "width": 26, "height": 26, "color": "#1b1f24" } },
      { selector: "node.person", style: { "background-color": "#123d6a", "width": 36, "height": 36, "shape": "star" } },
      { selector: "node.onward", style: { "shape": "round-rectangle" } },
      { selector: "node.backup", style: { "shape": "barrel", "border-style": "double", "border-width": 5 } },
      { selector: "edge", style: {
          "label": "data(label)", "font-size": 9, "text-wrap": "wrap", "text-max-width": 160,
          "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 2,
          "line-color": "data(colour)", "target-arrow-color": "data(colour)", "color": "#1b1f24",
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "edge.ERASED, edge.DELETED_BY_HOLDER", style: { "line-style": "dashed" } },
      { selector: "edge.RESTRICTED", style: { "line-style": "dotted", "width": 3 } },
      { selector: ".hidden", style: { "display": "none" } }
    ],
    // The roots are selectors ("#id"); Cytoscape reads an array as bare ids, so they go as one selector.
    layout: { name: "breadthfirst", directed: true, roots: (graph.roots || []).join(", ") || undefined,
      spacingFactor: 1.2, padding: 20 }
  });
  // Filters (a form with data-graph-filter) hide what they exclude, in the drawing and the table.
  var filter = document.querySelector("form[data-graph-filter]");
  if (filter) {
    var apply = function () {
      var category = filter.elements.category ? filter.elements.category.value : "";
      var status = filter.elements.status ? filter.elements.status.value : "";
      cy.edges().forEach(function (edge) {
        var categories = edge.data("categories") || [];
        var statuses = edge.data("statuses") || [edge.data("status")];
        var show = (!category || categories.indexOf(category) >= 0) && (!status || statuses.indexOf(status) >= 0);
        edge.toggleClass("hidden", !show);
      });
      cy.nodes().forEach(function (node) {
        if (node.hasClass("person")) { return; }
        var visible = node.connectedEdges().filter(function (e) { return !e.hasClass("hidden"); }).length > 0;
        node.toggleClass("hidden", !visible);
      });
      document.querySelectorAll("[data-row-category]").forEach(function (row) {
        var show = (!category || row.getAttribute("data-row-category") === category)
          && (!status || row.getAttribute("data-row-status") === status);
        row.hidden = !show;
      });
      // A table whose every row is filtered out goes too, caption and all.
      document.querySelectorAll("table").forEach(function (table) {
        var rows = table.querySelectorAll("[data-row-category]");
        if (rows.length > 0) {
          table.hidden = !Array.prototype.some.call(rows, function (row) { return !row.hidden; });
        }
      });
    };
    filter.addEventListener("change", apply);
    filter.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }
})();
