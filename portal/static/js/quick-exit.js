// Quick exit: leave for a neutral site and replace this page in the history,
// so the back button does not bring it back. Escape does the same from anywhere.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      leave(event);
    }
  });
})();
