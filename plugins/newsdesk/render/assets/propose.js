// newsdesk: the "propose a story" form (contribute/new/). Loaded by newsdesk.js on that page only.
//
// The page's JSON block holds the site's story schema (the rules of `newsdesk check` that a schema can
// say), the channels' limits and the body a new story starts with. As the contributor types, this script
// builds the front-matter, validates it with the schema, names the file, writes its text, and points the
// "Propose" link at the forge's new-file page with both filled in. Nothing typed here reaches the page as
// markup: values go into the DOM as text and into the link through encodeURIComponent.

import { Validator } from "./vendor/json-schema/index.js";

const KEYWORDS = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;
const PLAIN = /^[A-Za-z][A-Za-z0-9 ,.'()!?&+/-]*$/;

// A YAML scalar newsdesk reads back as exactly `text`: bare when it can only be text, else double-quoted
// (JSON's escapes are YAML's: \" \\ \n \t \uXXXX).
const scalar = (text) => (PLAIN.test(text) && !KEYWORDS.test(text) && !/ $/.test(text) ? text : JSON.stringify(text));

// Lower-case ASCII letters and digits, other runs one hyphen, at most 60 characters (core/text.py's slugify).
const slugify = (text) =>
  text.normalize("NFKD").toLowerCase().replace(/[^\x00-\x7f]/g, "").replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");

// 12 hex digits with a letter, so that YAML never reads the id as a number (cli/storyfile.py's new_id).
const newId = () => {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(6));
    const id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    if (/[a-f]/.test(id)) return id;
  }
};

// In English; `say` (newsdesk.js's ndText) gives each in the site's language, by its key `problem_<name>`.
const MESSAGES = {
  department: "Choose your department.",
  title: "Give a title of up to 200 characters, in plain words: no HTML, and no markdown such as **bold**, `code` or [links](...).",
  date: "Choose the story's day (between 1970 and 2199).",
  channels: "Choose at least one channel.",
  status: "Choose a status.",
  summary: "The summary holds a character that cannot be published (a control or text-direction character): retype it.",
  author: "Give the author's name on one line.",
  copy: "The post text holds a character that cannot be published (a control or text-direction character): retype it.",
  slug: "Use some letters or digits in the title: they name the file.",
  taken: "Another story of this department has this title already: change a word or two.",
};

const fill = (words, values) => words.replace(/%\((\w+)\)s/g, (all, name) => (name in values ? String(values[name]) : all));
const english = (key, words, values = {}) => fill(words, values);
const englishCounted = (count, key, one, other) => fill(count === 1 ? one : other, { num: count });

// `say` and `sayCounted` are newsdesk.js's, which loads this module; English without them.
export function init(form, say = english, sayCounted = englishCounted) {
  const problem = (name) => say(`problem_${name}`, MESSAGES[name]);
  if (form.dataset.ndReady) return;
  form.dataset.ndReady = "1";
  const data = JSON.parse(form.querySelector("[data-nd-propose-data]").textContent);
  const validator = new Validator(data.schema, "2020-12", false);
  const channels = new Map(data.channels.map((channel) => [channel.key, channel]));
  const departments = new Map(data.departments.map((department) => [department.key, department.name]));
  const link = new RegExp(data.link_pattern, "gu");
  const id = newId();
  const $ = (selector) => form.querySelector(selector);
  const field = (name) => form.elements.namedItem(name);
  let taken = null; // "department/slug" of every story, once stories.json has come
  // A field's problem shows once the contributor has been there (or the address filled it in), or once
  // they try to propose: an empty form is not a list of mistakes.
  const touched = new Set();
  let insist = false;

  // Prefill from the address: ?department=hr&channels=linkedin,website&date=2026-12-10&copy-linkedin=...
  const params = new URLSearchParams(location.search);
  for (const name of data.fields) {
    const values = params.getAll(name);
    if (!values.length) continue;
    touched.add(name);
    if (name === "channels") {
      const wanted = new Set(values.flatMap((value) => value.split(",")).map((value) => value.trim()));
      for (const box of form.querySelectorAll("input[name=channels]")) box.checked = wanted.has(box.value);
    } else {
      const input = field(name);
      if (input.tagName === "SELECT" && !Array.from(input.options).some((o) => o.value === values[0])) continue;
      input.value = values[0];
    }
  }
  for (const key of channels.keys()) {
    const value = params.get(`copy-${key}`);
    if (value !== null) {
      field(`copy-${key}`).value = value;
      touched.add(`copy-${key}`);
    }
  }

  const length = (text, channel) => {
    const chars = (value) => Array.from(value).length; // code points, as Python counts
    if (channel.url_length == null) return chars(text);
    const links = text.match(link) || [];
    return chars(text.replace(link, "")) + channel.url_length * links.length;
  };

  function frontMatter() {
    const value = (name) => field(name).value.trim();
    const chosen = Array.from(form.querySelectorAll("input[name=channels]:checked"), (box) => box.value);
    const meta = { id, title: field("title").value.trim() };
    const day = value("date");
    if (day) meta.date = value("time") ? `${day} ${value("time")}` : day;
    meta.channels = chosen;
    meta.status = value("status") || "draft";
    if (value("author")) meta.author = value("author");
    if (value("summary")) meta.summary = value("summary");
    const copy = {};
    for (const key of chosen) if (value(`copy-${key}`)) copy[key] = value(`copy-${key}`);
    if (Object.keys(copy).length) meta.copy = copy;
    return meta;
  }

  function fileText(meta) {
    const lines = ["---"];
    for (const [key, item] of Object.entries(meta)) {
      if (key === "channels") lines.push(`channels: [${item.map(scalar).join(", ")}]`);
      else if (key === "copy") {
        lines.push("copy:");
        for (const [channel, text] of Object.entries(item)) lines.push(`  ${scalar(channel)}: ${scalar(text)}`);
      } else if (key === "date" && item.includes(" ")) lines.push(`date: ${JSON.stringify(item)}`);
      else lines.push(`${key}: ${scalar(item)}`);
    }
    return `${lines.join("\n")}\n---\n\n${data.body}`;
  }

  function problems(meta, department, slug) {
    const found = {};
    const add = (name, message) => { if (!found[name]) found[name] = message; };
    if (!departments.has(department)) add("department", problem("department"));
    const result = validator.validate(meta);
    for (const error of result.errors) {
      const [, key, sub] = error.instanceLocation.split("/");
      if (!key) {
        if (!("date" in meta)) add("date", problem("date"));
        if (!meta.title) add("title", problem("title"));
        continue;
      }
      if (key === "copy" && sub) add(`copy-${decodeURIComponent(sub)}`, problem("copy"));
      else if (key === "date") add("date", problem("date"));
      else add(key, MESSAGES[key] ? problem(key) : error.error);
    }
    if (meta.title && !slug) add("title", problem("slug"));
    if (slug && taken && taken.has(`${department}/${slug}`)) add("title", problem("taken"));
    return found;
  }

  function show(name, found) {
    const message = touched.has(name === "time" ? "date" : name) || insist ? found : "";
    const box = name.startsWith("copy-")
      ? form.querySelector(`[data-nd-copy-for="${CSS.escape(name.slice(5))}"] .nd-field__problem`)
      : $(`#nd-${name}-problem`);
    const input = name === "channels" ? null : field(name);
    if (box) { box.textContent = message || ""; box.hidden = !message; }
    if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  let download = null;
  function update() {
    const meta = frontMatter();
    const department = field("department").value;
    const slug = slugify(meta.title);
    const name = `${meta.date ? meta.date.slice(0, 10) : "YYYY-MM-DD"}-${slug || "title"}.md`;
    const text = fileText(meta);
    const found = problems(meta, department, slug);
    for (const key of ["department", "title", "date", "channels", "summary", "author"]) show(key, found[key]);
    for (const [key, channel] of channels) {
      const wrapper = form.querySelector(`[data-nd-copy-for="${CSS.escape(key)}"]`);
      const on = meta.channels.includes(key);
      wrapper.hidden = !on;
      const count = wrapper.querySelector("[data-nd-count]");
      const used = length(field(`copy-${key}`).value.trim(), channel);
      const over = channel.max_length != null && used > channel.max_length;
      const values = { used, max: channel.max_length, over: used - channel.max_length, channel: channel.name };
      count.textContent = channel.max_length == null
        ? say("length", "%(used)s characters", values)
        : over
          ? say("length_over", "%(used)s of %(max)s characters: %(over)s too many for %(channel)s", values)
          : say("length_of", "%(used)s of %(max)s characters", values);
      count.classList.toggle("nd-count--over", over);
      show(`copy-${key}`, on ? found[`copy-${key}`] : "");
    }
    const count = Object.keys(found).length;
    $("[data-nd-summary]").textContent = count
      ? sayCounted(count, "to_fix",
        "One thing to fix before the file can be proposed: see the fields marked above.",
        "%(num)s things to fix before the file can be proposed: see the fields marked above.")
      : say("ready", "The file is ready.");
    $("[data-nd-summary]").classList.toggle("nd-note--problem", count > 0);
    const folder = `${data.folder}/${department || "<department>"}`;
    $("[data-nd-folder]").textContent = folder;
    $("[data-nd-file-name]").textContent = name;
    $("[data-nd-file-text]").textContent = text;
    $("button.nd-copy").setAttribute("data-copy", text);
    const ready = count === 0;
    const propose = $("a[data-newsdesk-propose]");
    if (propose) {
      if (ready) {
        const [nameKey, textKey] = [data.forge.name, data.forge.text];
        propose.href = `${data.forge.page}/${encodeURIComponent(department)}?${nameKey}=${encodeURIComponent(name)}` +
          `&${textKey}=${encodeURIComponent(text)}`;
      } else propose.href = "#your-file"; // still a link a keyboard reaches: it says what to fix first
      propose.setAttribute("aria-disabled", String(!ready));
    }
    const save = $("a[data-nd-download]");
    if (download) URL.revokeObjectURL(download);
    download = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    save.href = download;
    save.download = name;
    save.removeAttribute("aria-disabled");
  }

  const visit = (event) => {
    const name = event.target.name;
    if (name) touched.add(name === "time" ? "date" : name);
    update();
  };
  form.addEventListener("input", visit);
  form.addEventListener("change", visit);
  const propose = $("a[data-newsdesk-propose]");
  if (propose) {
    propose.addEventListener("click", (event) => {
      if (propose.getAttribute("aria-disabled") !== "true") return;
      event.preventDefault();
      insist = true;
      update();
      const first = form.querySelector("[aria-invalid=true]");
      if (first) first.focus();
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  update();
  // Titles already taken, for the one rule the schema cannot know: two stories of a department may not
  // share a slug. Without stories.json (a site opened from disk) `newsdesk check` still says so.
  fetch(form.dataset.stories)
    .then((response) => (response.ok ? response.json() : null))
    .then((json) => {
      if (!json) return;
      taken = new Set(json.stories.map((story) => {
        const file = story.source.split("/").pop().replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, "");
        return `${story.department}/${file}`;
      }));
      update();
    })
    .catch(() => {});
}
