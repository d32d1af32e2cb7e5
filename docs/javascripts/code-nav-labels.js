// Material gives every code block a <nav> of buttons (copy, ...). Several unnamed <nav>
// landmarks on one page cannot be told apart by a screen reader (axe: landmark-unique),
// so each gets a name after the block's title. Material adds the navs after load, so
// new ones are labelled once per animation frame, not once per DOM change.
function labelCodeNavs() {
  const blocks = [...document.querySelectorAll(".highlight")];
  document.querySelectorAll(".md-code__nav:not([aria-label])").forEach((nav) => {
    const block = nav.closest(".highlight");
    const title = block && block.querySelector(".filename");
    const index = blocks.indexOf(block) + 1;
    const name = title ? title.textContent : `code block ${index}`;
    nav.setAttribute("aria-label", `Actions for ${name} (${index})`);
  });
}
let scheduled = false;
new MutationObserver(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    labelCodeNavs();
  });
}).observe(document.body, { childList: true, subtree: true });
labelCodeNavs();
