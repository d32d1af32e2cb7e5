// Folded lines in the example programs (docsite/example_blocks.py): a program shows its
// focus, and each run of other lines sits behind a button ("… 12 lines of set-up").
// The button opens or closes every fold of its program. CSS hides folded lines only
// where scripts run, so without this script the whole program shows; the copy button
// and the Run button always take the whole program.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".fold-toggle");
  if (!button) return;
  const block = button.closest(".highlight");
  const open = block.classList.toggle("fold-open");
  for (const toggle of block.querySelectorAll(".fold-toggle")) {
    toggle.setAttribute("aria-expanded", String(open));
  }
});
