// The invitee picker's search box: shows the people whose name or organization
// matches what is typed, and always those already chosen.
(function () {
  function setUp(picker) {
    var box = picker.querySelector("[data-invitee-search]");
    if (!box) return;
    box.closest("p").hidden = false;
    box.addEventListener("input", function () {
      var query = box.value.trim().toLowerCase();
      picker.querySelectorAll("[data-invitee-group]").forEach(function (group) {
        var legend = group.querySelector("legend").textContent.toLowerCase();
        var shown = 0;
        group.querySelectorAll("[data-invitee]").forEach(function (item) {
          var match =
            !query ||
            legend.indexOf(query) !== -1 ||
            item.textContent.toLowerCase().indexOf(query) !== -1 ||
            item.querySelector("input").checked;
          item.hidden = !match;
          if (match) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  }
  function start() {
    document.querySelectorAll("[data-invitee-picker]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
