// "Write to participants": how many characters the message has, beside how many it may have.
document.addEventListener("DOMContentLoaded", () => {
  for (const field of document.querySelectorAll("textarea[data-char-count]")) {
    const output = document.getElementById(field.dataset.charCount);
    const count = output && output.querySelector("[data-count]");
    if (!count) continue;
    const update = () => {
      count.textContent = field.value.replace(/\r\n/g, "\n").length;
    };
    field.addEventListener("input", update);
    update();
  }
});
