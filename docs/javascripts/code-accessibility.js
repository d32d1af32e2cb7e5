// Two fixes to Material's code blocks for keyboard and screen-reader users (axe's rules).
//
// landmark-unique: Material gives every code block a <nav> of buttons (copy, ...).
// Several unnamed <nav> landmarks on one page cannot be told apart by a screen reader,
// so each gets a name after the block's title.
//
// scrollable-region-focusable: Material makes a code block that scrolls sideways
// focusable (tabindex="0") only where a pointer can hover, and removes the tabindex
// elsewhere (touch screens; headless Firefox), so a keyboard could not scroll it there.
// A block that scrolls keeps its tabindex.
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

function keepScrollingCodeFocusable(code) {
  if (code.matches("pre > code") && code.scrollWidth > code.clientWidth) {
    code.setAttribute("tabindex", "0");
  }
}

// Material adds the navs after load: new ones are labelled once per animation frame,
// not once per DOM change. A tabindex it removes is put back at once.
let scheduled = false;
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.type === "attributes" && !change.target.hasAttribute("tabindex")) {
      keepScrollingCodeFocusable(change.target);
    }
  }
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    labelCodeNavs();
  });
}).observe(document.body, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ["tabindex"],
});
labelCodeNavs();
