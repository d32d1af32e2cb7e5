// Material gives every code block a <nav> of buttons (copy, ...). Several unnamed <nav>
// landmarks on one page cannot be told apart by a screen reader (axe: landmark-unique),
// so each gets a name after the block's title.
function labelCodeNavs() {
  document.querySelectorAll(".md-code__nav:not([aria-label])").forEach((nav) => {
    const block = nav.closest(".highlight");
    const title = block && block.querySelector(".filename");
    const index = [...document.querySelectorAll(".highlight")].indexOf(block) + 1;
    const name = title ? title.textContent : `code block ${index}`;
    nav.setAttribute("aria-label", `Actions for ${name} (${index})`);
  });
}
new MutationObserver(labelCodeNavs).observe(document.body, { childList: true, subtree: true });
labelCodeNavs();
