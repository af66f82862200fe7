// newsdesk: progressive enhancement only. Every page is complete without this script.

// Copy buttons (the subscribe page): copy the feed address and say so, for people and screen readers.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("button.nd-copy") : null;
  if (!button) return;
  const text = button.getAttribute("data-copy") || "";
  const done = (label) => {
    const original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    button.setAttribute("aria-live", "polite");
    setTimeout(() => { button.textContent = original; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => done("Copied"), () => done("Press Ctrl+C to copy"));
  } else {
    const range = document.createRange();
    const code = button.parentElement && button.parentElement.querySelector("code");
    if (code) {
      range.selectNodeContents(code);
      const selection = window.getSelection();
      if (selection) { selection.removeAllRanges(); selection.addRange(range); }
    }
    done("Press Ctrl+C to copy");
  }
});
