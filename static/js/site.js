// Read-only address fields (calendar feeds) select their text when focused, ready to copy.
// Kept here, not in an onfocus attribute, because the Content-Security-Policy forbids inline code.
document.addEventListener("focusin", (event) => {
  if (event.target.matches("input[data-select-on-focus]")) {
    event.target.select();
  }
});
