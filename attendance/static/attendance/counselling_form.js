/* Counselling form: the participant list shows only the people registered to the chosen
   course edition. The server checks the same; this only keeps the list short. */
function followEdition() {
  var people = document.querySelector("select[data-counselling-participant]");
  var edition = people && people.form ? people.form.querySelector("select[name$='activity']") : null;
  if (!edition) { return; }
  function follow() {
    var chosen = edition.value;
    Array.prototype.forEach.call(people.options, function (option) {
      if (!option.value) { return; }
      var editions = (option.getAttribute("data-editions") || "").split(" ");
      var shown = !chosen || editions.indexOf(chosen) !== -1;
      option.hidden = !shown;
      option.disabled = !shown;
      if (!shown && option.selected) { people.value = ""; }
    });
  }
  edition.addEventListener("change", follow);
  follow();
}

// Form media load in the page's head: start once the form is there.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", followEdition);
} else {
  followEdition();
}
