/* The indicator picker: typing filters the checkboxes of every area and opens the areas
   that still have a match; clearing the box shows them all again. */
(function () {
  "use strict";
  var box = document.querySelector("[data-picker-filter]");
  if (!box) { return; }
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean);
    document.querySelectorAll("[data-picker-group]").forEach(function (group) {
      var shown = 0;
      group.querySelectorAll("[data-picker-item]").forEach(function (item) {
        var text = item.textContent.toLowerCase().replace(/’/g, "'");
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      group.hidden = shown === 0;
      group.open = words.length > 0 && shown > 0;
    });
  });
})();
