// newsdesk: progressive enhancement only. Every page is complete without this script.

// The words this script and propose.js show, in the site's language: the page's nd-strings block
// (render/scriptstrings.py), read when a word is needed, since Material's instant navigation swaps the
// page's content; the English given here when the block or the word is missing. `%(name)s` is filled in.
const ndText = (key, english, values = {}) => {
  let words = english;
  try {
    const block = document.getElementById("nd-strings");
    const found = block ? JSON.parse(block.textContent)[key] : undefined;
    if (typeof found === "string" && found) words = found;
  } catch {
    // a broken block: English
  }
  return words.replace(/%\((\w+)\)s/g, (all, name) => (name in values ? String(values[name]) : all));
};
// A counted phrase: `${key}_one` or `${key}_other` as the page's language counts `count`.
const ndCounted = (count, key, one, other) => {
  let form = count === 1 ? "one" : "other";
  try {
    form = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
  } catch {
    // an unknown language tag: English's rule
  }
  return form === "one" ? ndText(`${key}_one`, one, { num: count }) : ndText(`${key}_other`, other, { num: count });
};

// Copy buttons (a feed's address on the subscribe page, a channel's post copy on a story page): copy the
// button's data-copy and say so, for people and screen readers.
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
    const byHand = () => done(ndText("copy_by_hand", "Press Ctrl+C to copy"));
    navigator.clipboard.writeText(text).then(() => done(ndText("copied", "Copied")), byHand);
  } else {
    const range = document.createRange();
    const scope = button.closest("td, figure");
    const code = scope && scope.querySelector("code, pre");
    if (code) {
      range.selectNodeContents(code);
      const selection = window.getSelection();
      if (selection) { selection.removeAllRanges(); selection.addRange(range); }
    }
    done(ndText("copy_by_hand", "Press Ctrl+C to copy"));
  }
});

// Material's search is a dialog without a name (axe: aria-dialog-name); the dialog needs this script's
// company anyway, since search only works with JavaScript. Name it after its own input's label.
(() => {
  const name = () => {
    for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
      const input = dialog.querySelector("input[aria-label]");
      dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : ndText("search", "Search"));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();

// The "propose a story" form (contribute/new/): its script, and the schema validator it imports, load on
// that page only. Opened from disk, a browser refuses the module: the page's manual route remains.
(() => {
  const here = document.currentScript ? document.currentScript.src : "";
  const start = () => {
    const form = document.querySelector("form[data-nd-propose]");
    if (form && here) import(new URL("propose.js", here).href).then((module) => module.init(form, ndText, ndCounted), () => {});
  };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// Calendar filters (the agenda and the month pages). Without this script every story is listed and the
// filter controls stay hidden. With it, the checkboxes hide and show chips at once: within a group any
// checked value matches, across groups all must match, an empty group matches everything. The state
// lives in the URL query (?department=hr&channel=linkedin&status=draft, each key repeatable), so a
// filtered view is a link to share, survives a reload, and follows the links to other months.
// Open slots (.nd-slot, holes in the calendar) follow the channel filter by their channel and the
// department filter by whose turn it is (a slot anyone may fill matches every department); a hole has
// no status, so any status filter hides them. The counts are of stories only.
(() => {
  const GROUPS = ["department", "channel", "status"];
  const ITEMS = ".nd-chip, .nd-slot";

  const wanted = (params) => Object.fromEntries(GROUPS.map((name) => [name, new Set(params.getAll(name))]));

  const onChannel = (item, want) =>
    !want.channel.size || (item.dataset.channels || "").split(" ").some((key) => want.channel.has(key));

  const matches = (chip, want) =>
    (!want.department.size || want.department.has(chip.dataset.department)) &&
    (!want.status.size || want.status.has(chip.dataset.status)) &&
    onChannel(chip, want);

  const slotMatches = (slot, want) =>
    !want.status.size &&
    (!want.department.size || !slot.dataset.department || want.department.has(slot.dataset.department)) &&
    onChannel(slot, want);

  const stories = (count) => ndCounted(count, "stories", "%(num)s story", "%(num)s stories");

  function init() {
    const panel = document.querySelector("[data-nd-filters]");
    if (!panel || panel.dataset.ndReady) return;
    panel.dataset.ndReady = "1";
    const form = panel.querySelector("form");
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
    const chips = Array.from(document.querySelectorAll(".nd-chip"));
    const slots = Array.from(document.querySelectorAll(".nd-slot"));
    const groups = Array.from(document.querySelectorAll("[data-nd-group]"));
    const notes = Array.from(document.querySelectorAll("[data-nd-nomatch]"));
    const summary = panel.querySelector("[data-nd-summary]");
    const carried = Array.from(document.querySelectorAll("a[data-nd-carry]"));
    for (const link of carried) link.dataset.ndHref = link.getAttribute("href");

    const query = () => {
      const params = new URLSearchParams();
      for (const box of boxes) if (box.checked) params.append(box.name, box.value);
      return params;
    };

    function apply() {
      const params = query();
      const want = wanted(params);
      let shown = 0;
      for (const chip of chips) {
        const visible = matches(chip, want);
        chip.hidden = !visible;
        if (visible) shown += 1;
      }
      for (const slot of slots) slot.hidden = !slotMatches(slot, want);
      const allHidden = (node) => {
        const inside = node.querySelectorAll(ITEMS);
        return inside.length > 0 && Array.from(inside).every((item) => item.hidden);
      };
      // An agenda day or week whose stories (and holes) are all filtered out disappears with them.
      for (const group of groups) group.hidden = allHidden(group);
      // A month cell stays in the grid: it says that nothing on the day matches the filter.
      for (const note of notes) {
        const cell = note.parentElement;
        const list = cell && cell.querySelector(".nd-chips");
        const empty = cell ? allHidden(cell) : false;
        note.hidden = !empty;
        if (list) list.hidden = empty;
      }
      const text = params.toString();
      if (summary) {
        summary.textContent = text
          ? ndText("shown", "%(shown)s of %(stories)s shown", { shown, stories: stories(chips.length) })
          : stories(chips.length);
      }
      for (const link of carried) link.setAttribute("href", link.dataset.ndHref + (text ? `?${text}` : ""));
      const url = location.pathname + (text ? `?${text}` : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
    }

    const params = new URLSearchParams(location.search);
    const want = wanted(params);
    for (const box of boxes) box.checked = want[box.name].has(box.value);
    panel.hidden = false;
    if (boxes.some((box) => box.checked) || window.matchMedia("(min-width: 45em)").matches) panel.open = true;
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => event.preventDefault());
    const clear = form.querySelector("[data-nd-clear]");
    if (clear) {
      clear.addEventListener("click", () => {
        for (const box of boxes) box.checked = false;
        apply();
      });
    }
    apply();
  }

  // Material's instant navigation swaps pages without reloading scripts: it announces each page on document$.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
