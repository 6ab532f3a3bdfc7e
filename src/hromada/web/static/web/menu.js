// The phone menu: a button folds the header's links away on narrow screens.
// Without this script the button stays hidden and the links simply show, stacked.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var header = document.querySelector(".site-header");
  if (!button || !header) return;

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }

  header.classList.add("menu-ready");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();
