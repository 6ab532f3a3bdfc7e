// The questionnaire builder: buttons that move a question up or down and renumber the order
// fields. Without this script the numbers are typed by hand; the server orders by them.
(function () {
  "use strict";
  var list = document.querySelector("[data-builder]");
  if (!list) return;
  var upText = document.documentElement.lang === "en" ? "Move up" : "Вище";
  var downText = document.documentElement.lang === "en" ? "Move down" : "Нижче";

  function cards() {
    return Array.prototype.slice.call(list.querySelectorAll(".builder-card"));
  }
  function renumber() {
    cards().forEach(function (card, index) {
      var order = card.querySelector('input[name$="-ORDER"]');
      if (order) order.value = index + 1;
    });
  }
  function button(text, move) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", function () {
      var card = b.closest(".builder-card");
      move(card);
      renumber();
      b.focus();
    });
    return b;
  }
  cards().forEach(function (card) {
    var legend = card.querySelector("legend");
    var title = legend ? legend.textContent.trim() : "";
    var tools = document.createElement("div");
    tools.className = "builder-moves";
    var up = button(upText, function (c) {
      if (c.previousElementSibling) list.insertBefore(c, c.previousElementSibling);
    });
    var down = button(downText, function (c) {
      if (c.nextElementSibling) list.insertBefore(c.nextElementSibling, c);
    });
    up.setAttribute("aria-label", upText + ": " + title);
    down.setAttribute("aria-label", downText + ": " + title);
    tools.appendChild(up);
    tools.appendChild(down);
    card.querySelector("fieldset").insertBefore(tools, card.querySelector(".builder-fields"));
  });
  renumber();
})();
