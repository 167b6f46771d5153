"use strict";
// Draws the page's lists from the JSON blob a screenful at a time. Glossary text goes into
// the page only as text nodes (textContent), never as HTML.
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const $ = (id) => document.getElementById(id);
  const SEVERITY = { 3: "error", 2: "warning", 1: "info" };
  const PAGE = { terms: 25, findings: 100, links: 100 };
  const QUOTE = 160;  // characters of a fact's sentence shown before "…"

  function el(tag, cls, ...kids) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    for (const kid of kids) {
      if (kid === null || kid === undefined || kid === false) continue;
      node.append(typeof kid === "object" ? kid : String(kid));
    }
    return node;
  }
  const fold = (s) => String(s).toLocaleLowerCase();
  const href = (path) => D.base + (D.prefix + path).split("/").map(encodeURIComponent).join("/");

  function loc(path, line, column) {
    const a = el("a", "loc", path + ":" + line + (column ? ":" + column : ""));
    a.href = href(path);
    a.title = "open " + path + " (line " + line + ")";
    return a;
  }
  function entryLoc(e) {
    const entry = D.entries[e];
    return loc(D.files[entry[0]], entry[1]);
  }
  function termLink(t, text) {
    const a = el("a", "term-link", text);
    a.href = "#term-" + t;
    a.dataset.term = t;
    return a;
  }
  function moreButton(shown, total, step, onClick) {
    if (shown >= total) return null;
    const b = el("button", "more", "Show " + Math.min(step, total - shown) + " more (" + (total - shown) + " not shown)");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  // The first ``limit`` items of ``found`` drawn into ``list``, and a button for the next ``step``.
  function drawList(list, found, limit, step, draw, showMore) {
    list.replaceChildren(...found.slice(0, limit).map(draw));
    const more = moreButton(Math.min(limit, found.length), found.length, step, showMore);
    if (more) list.append(more);
  }
  function debounce(fn) {
    let timer = 0;
    return () => { clearTimeout(timer); timer = setTimeout(fn, 120); };
  }

  // ---------------------------------------------------------------- indexes
  const termOfEntry = new Int32Array(D.entries.length).fill(-1);
  D.terms.forEach((t, i) => t[1].forEach((e) => { termOfEntry[e] = i; }));
  const termFindings = new Int32Array(D.terms.length);
  D.findings.forEach((f) => { if (f[5] >= 0 && termOfEntry[f[5]] >= 0) termFindings[termOfEntry[f[5]]]++; });
  const termConflicts = D.terms.map((t) => {
    const marked = new Set();
    t[2].forEach((row) => row[1].forEach((cell) => cell[7].forEach((mark) => marked.add(mark[0]))));
    return marked.size;
  });

  // ---------------------------------------------------------------- terms
  const termState = { shown: PAGE.terms, only: -1 };

  function factLabel(fact) {
    const parts = fact.split(".");
    if (parts.length === 2) return parts[0] + ": " + parts[1];
    return fact;
  }

  // A long sentence is cut, the whole of it one click (or Enter) away.
  function quote(sentence) {
    if (sentence.length <= QUOTE) return el("q", "", sentence);
    const cut = sentence.slice(0, sentence.lastIndexOf(" ", QUOTE - 20) + 1 || QUOTE - 20) + "…";
    const more = el("details", "quote", el("summary", "", el("q", "", cut)), el("q", "", sentence));
    more.addEventListener("toggle", () => { more.firstChild.hidden = more.open; });
    return more;
  }

  function claimNode(cell) {
    const [entry, value, group, sentence, line, column, flags, marks, event] = cell;
    const node = el("div", "claim" + (marks.length ? " conflict" : ""),
      el("span", "value g" + (group % 6), value), event ? el("span", "flag", event) : null);
    flags.forEach((f) => node.append(el("span", "flag", f)));
    const at = loc(D.files[D.entries[entry][0]], line, column);
    at.textContent = "line " + line;
    node.append(quote(sentence), at);
    const said = new Set();
    marks.forEach(([n, other, otherValue]) => {
      const text = "contradicts " + otherValue + " in " + (D.sources[D.entries[other][3]] || "(no source)");
      if (said.has(text)) return;
      said.add(text);
      const a = el("a", "", text);
      a.href = "#f-" + n;
      a.dataset.finding = n;
      a.title = D.rules[D.findings[n][0]][0] + ": " + D.findings[n][6];
      node.append(el("span", "why", a));
    });
    return node;
  }

  function factsTable(t) {
    const [name, members, rows] = D.terms[t];
    const columns = members.slice();
    rows.forEach((row) => row[1].forEach((cell) => { if (!columns.includes(cell[0])) columns.push(cell[0]); }));
    const table = el("table", "facts", el("caption", "", "Facts about " + name + " by source"));
    table.style.minWidth = (9 + 11 * columns.length) + "rem";
    const head = el("tr", "", el("th", "", "fact"));
    columns.forEach((e) => head.append(el("th", "", D.sources[D.entries[e][3]] || "(no source)", el("br"), entryLoc(e))));
    head.querySelectorAll("th").forEach((th) => th.setAttribute("scope", "col"));
    table.append(el("thead", "", head));
    const body = el("tbody");
    rows.forEach(([fact, cells]) => {
      const conflict = cells.some((c) => c[7].length);
      const groups = new Set(cells.map((c) => c[2]));
      const sources = new Set(cells.map((c) => c[0]));
      let status;
      if (conflict) status = "✗ contradiction";
      else if (groups.size === 1 && sources.size > 1) status = "agree across " + sources.size + " sources";
      else if (groups.size > 1) status = groups.size + " values, no contradiction found";
      else status = "one source";
      const th = el("th", "", factLabel(fact), el("span", "status", status));
      th.setAttribute("scope", "row");
      const tr = el("tr", conflict ? "contradiction" : "", th);
      columns.forEach((e) => {
        const mine = cells.filter((c) => c[0] === e);
        const td = el("td", "");
        if (mine.length) mine.forEach((c) => td.append(claimNode(c)));
        else td.append(el("span", "empty", "—"));
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(body);
    return el("div", "facts-wrap", table);
  }

  function termCard(t) {
    const [name, members, rows] = D.terms[t];
    const card = el("article", "term");
    card.id = "term-" + t;
    card.tabIndex = -1;
    const sources = new Set(members.map((e) => D.entries[e][3])).size;
    const count = sources === members.length ? members.length + (members.length === 1 ? " source" : " sources")
      : members.length + " entries from " + sources + (sources === 1 ? " source" : " sources");
    const head = el("div", "term-head", el("h3", "", name), el("span", "badge", count));
    if (rows.length) head.append(el("span", "badge", rows.length + (rows.length === 1 ? " fact" : " facts")));
    if (termConflicts[t]) head.append(el("span", "badge bad", "✗ " + termConflicts[t] + (termConflicts[t] === 1 ? " contradiction" : " contradictions")));
    else if (rows.length) head.append(el("span", "badge good", "no contradiction"));
    if (termFindings[t]) {
      const a = el("a", "badge", termFindings[t] + (termFindings[t] === 1 ? " finding" : " findings"));
      a.href = "#findings";
      a.addEventListener("click", (event) => { event.preventDefault(); showFindingsOf(t); });
      head.append(a);
    }
    card.append(head);
    const grid = el("div", "sources");
    members.forEach((e) => {
      const [file, line, term, source, definition, linted] = D.entries[e];
      const h = el("h4", "", el("span", "", D.sources[source] || "(no source)"), loc(D.files[file], line));
      const box = el("div", "source", h);
      if (!term) box.append(el("p", "aka", "(no term)"));
      else if (term !== name) box.append(el("p", "aka", "as “" + term + "”"));
      if (!linted) box.append(el("span", "context-tag", "context (read for comparison, not linted)"));
      box.append(definition ? el("p", "definition", definition) : el("p", "empty", "(no definition)"));
      grid.append(box);
    });
    card.append(grid);
    if (rows.length) card.append(factsTable(t));
    return card;
  }

  function matchingTerms() {
    if (termState.only >= 0) return [termState.only];
    const show = $("term-show").value;
    const text = fold($("term-search").value.trim());
    const out = [];
    for (let t = 0; t < D.terms.length; t++) {
      const [name, members, rows] = D.terms[t];
      if (show === "several" && members.length < 2) continue;
      if (show === "facts" && !rows.length) continue;
      if (show === "conflicts" && !termConflicts[t]) continue;
      if (text && !fold(name).includes(text) && !members.some((e) => fold(D.entries[e][2]).includes(text))) continue;
      out.push(t);
    }
    return out;
  }

  function renderTerms() {
    const list = $("term-list");
    const found = matchingTerms();
    drawList(list, found, termState.shown, PAGE.terms, termCard, () => { termState.shown += PAGE.terms; renderTerms(); });
    if (termState.only >= 0) {
      const all = el("button", "more", "Show the other terms");
      all.type = "button";
      all.addEventListener("click", () => { termState.only = -1; renderTerms(); });
      list.append(all);
    }
    if (!found.length) list.append(el("p", "empty", "No term matches."));
    $("term-count").value = found.length + " of " + D.terms.length + " terms";
  }

  function goTerm(t) {
    termState.only = t;
    renderTerms();
    const card = $("term-" + t);
    if (card) {
      card.classList.add("focused");
      card.scrollIntoView({ block: "start" });
      card.focus({ preventScroll: true });
    }
  }

  // ---------------------------------------------------------------- findings
  const findingState = { shown: PAGE.findings };
  const haystacks = [];
  function haystack(n) {
    if (haystacks[n] === undefined) {
      const f = D.findings[n];
      const ctx = f[7] ? f[7].slice(1).join("") : "";
      haystacks[n] = fold([D.rules[f[0]][0], D.files[f[2]], f[5] >= 0 ? D.entries[f[5]][2] : "", f[6], ctx].join("\n"));
    }
    return haystacks[n];
  }

  function findingNode(n) {
    const [rule, severity, file, line, column, entry, message, context, related] = D.findings[n];
    const [ruleId, summary, doc, bad, good] = D.rules[rule];
    const node = el("article", "finding s" + severity);
    node.id = "f-" + n;
    const head = el("div", "finding-head", el("span", "sev s" + severity, SEVERITY[severity]),
      el("span", "rule-id", ruleId), loc(D.files[file], line, column));
    if (entry >= 0 && termOfEntry[entry] >= 0) head.append(termLink(termOfEntry[entry], D.entries[entry][2] || "(no term)"));
    node.append(head, el("p", "message", message));
    if (context) {
      node.append(el("pre", "context", el("span", "ln", context[0]), context[1], el("mark", "", context[2]), context[3]));
    }
    if (related.length) {
      const ul = el("ul", "related");
      related.forEach(([, path, l, c, text]) => ul.append(el("li", "", loc(path, l, c), " ", text)));
      node.append(ul);
    }
    if (summary) {
      const about = el("details", "about", el("summary", "", "About " + ruleId + ": " + summary), el("p", "", doc));
      about.append(el("div", "example", el("pre", "bad-ex", "Bad:\n" + bad), el("pre", "good-ex", "Good:\n" + good)));
      node.append(about);
    }
    return node;
  }

  function matchingFindings() {
    const family = $("f-family").value, rule = $("f-rule").value, severity = $("f-severity").value;
    const source = $("f-source").value, file = $("f-file").value;
    const text = fold($("f-text").value.trim());
    const out = [];
    for (let n = 0; n < D.findings.length; n++) {
      const f = D.findings[n];
      const id = D.rules[f[0]][0];
      if (family && id.split(".")[0] !== family) continue;
      if (rule && id !== rule) continue;
      if (severity && String(f[1]) !== severity) continue;
      if (file && String(f[2]) !== file) continue;
      if (source && (f[5] < 0 || String(D.entries[f[5]][3]) !== source)) continue;
      if (text && !haystack(n).includes(text)) continue;
      out.push(n);
    }
    return out;
  }

  function renderFindings() {
    const list = $("finding-list");
    const found = matchingFindings();
    drawList(list, found, findingState.shown, PAGE.findings, findingNode, () => { findingState.shown += PAGE.findings; renderFindings(); });
    if (!found.length) list.append(el("p", "empty", D.findings.length ? "No finding matches these filters." : "No findings."));
    $("finding-count").value = found.length + " of " + D.findings.length + " findings";
  }

  function options(select, pairs) {
    pairs.forEach(([value, label]) => { const o = el("option", "", label); o.value = value; select.append(o); });
  }

  function setUpFindings() {
    const ids = D.rules.map((r) => r[0]);
    options($("f-family"), [...new Set(ids.map((id) => id.split(".")[0]))].sort().map((f) => [f, f]));
    options($("f-rule"), ids.map((id) => [id, id]));
    const sources = new Set(), files = new Set();
    D.findings.forEach((f) => { files.add(f[2]); if (f[5] >= 0) sources.add(D.entries[f[5]][3]); });
    options($("f-source"), [...sources].sort((a, b) => a - b).map((s) => [s, D.sources[s] || "(no source)"]));
    options($("f-file"), [...files].sort((a, b) => a - b).map((f) => [f, D.files[f]]));
    const form = $("finding-controls");
    const again = () => { findingState.shown = PAGE.findings; renderFindings(); };
    form.addEventListener("change", again);
    $("f-text").addEventListener("input", debounce(again));
    form.addEventListener("reset", () => setTimeout(again));
    form.addEventListener("submit", (event) => event.preventDefault());
  }

  function showFindingsOf(t) {
    $("finding-controls").reset();
    $("f-text").value = D.terms[t][0];
    findingState.shown = PAGE.findings;
    renderFindings();
    $("findings").scrollIntoView({ block: "start" });
    $("f-text").focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- links
  function renderLinks() {
    const body = $("links-body");
    if (!D.links) {
      body.append(el("p", "empty", "No links rule ran, so the links were not read."));
      return;
    }
    const quiet = new Set(["links.orphan", "links.one-way"]);
    const broken = [];
    D.findings.forEach((f, n) => { const id = D.rules[f[0]][0]; if (id.startsWith("links.") && !quiet.has(id)) broken.push(n); });
    broken.sort((a, b) => D.findings[b][1] - D.findings[a][1] || a - b);  // broken before suspicious
    body.append(el("p", "help", D.links.count + " links read; " + broken.length + " broken or suspicious; " +
      D.links.in.length + " entries linked to; " + D.links.orphans.length + " entries nothing links to."));

    const brokenBox = el("div", "", el("h3", "", "Broken and suspicious links"));
    const brokenList = el("div");
    let brokenShown = 0;
    const moreBroken = () => {
      const next = broken.slice(brokenShown, brokenShown + PAGE.links);
      brokenShown += next.length;
      brokenList.querySelectorAll("button.more").forEach((b) => b.remove());
      next.forEach((n) => { const node = findingNode(n); node.id = "l-" + n; brokenList.append(node); });
      const more = moreButton(brokenShown, broken.length, PAGE.links, moreBroken);
      if (more) brokenList.append(more);
    };
    moreBroken();
    if (!broken.length) brokenList.append(el("p", "empty", "None."));
    brokenBox.append(brokenList);

    const incoming = el("div", "", el("h3", "", "What links to each entry"));
    const search = el("input");
    search.type = "search";
    search.placeholder = "entry contains…";
    search.autocomplete = "off";
    incoming.append(el("form", "controls", el("label", "", "Entry", search)));
    const table = el("div");
    incoming.append(table);
    const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
    const byName = D.links.in.slice().sort((a, b) => collator.compare(D.entries[a[0]][2], D.entries[b[0]][2]) || a[0] - b[0]);
    let limit = PAGE.links;
    const drawIncoming = () => {
      const text = fold(search.value.trim());
      const found = text ? byName.filter(([to]) => fold(D.entries[to][2]).includes(text)) : byName;
      const rows = found.slice(0, limit).map(([to, froms]) => {
        const from = el("td");
        froms.forEach((e, i) => {
          if (i) from.append("; ");
          from.append(termOfEntry[e] >= 0 ? termLink(termOfEntry[e], D.entries[e][2] || "(no term)") : D.entries[e][2], " ", entryLoc(e));
        });
        const t = termOfEntry[to];
        return el("tr", "", el("th", "", t >= 0 ? termLink(t, D.entries[to][2]) : D.entries[to][2], " ", entryLoc(to)),
          el("td", "", froms.length), from);
      });
      const head = el("tr", "", el("th", "", "entry"), el("th", "", "links"), el("th", "", "linked from"));
      table.replaceChildren(el("table", "backlinks", el("thead", "", head), el("tbody", "", ...rows)));
      const more = moreButton(rows.length, found.length, PAGE.links, () => { limit += PAGE.links; drawIncoming(); });
      if (more) table.append(more);
    };
    search.addEventListener("input", debounce(() => { limit = PAGE.links; drawIncoming(); }));
    search.form.addEventListener("submit", (event) => event.preventDefault());
    drawIncoming();

    const orphans = el("div", "", el("h3", "", "Orphans: entries no other entry links to"));
    const list = el("ul", "orphans");
    let orphansShown = 0;
    const moreOrphans = () => {
      const next = D.links.orphans.slice(orphansShown, orphansShown + 5 * PAGE.links);
      orphansShown += next.length;
      next.forEach((e) => list.append(el("li", "", termOfEntry[e] >= 0 ? termLink(termOfEntry[e], D.entries[e][2]) : D.entries[e][2])));
      orphans.querySelectorAll("button.more").forEach((b) => b.remove());
      const more = moreButton(orphansShown, D.links.orphans.length, 5 * PAGE.links, moreOrphans);
      if (more) orphans.append(more);
    };
    orphans.append(list);
    moreOrphans();
    if (!D.links.orphans.length) orphans.append(el("p", "empty", "None: every entry is linked from another."));
    body.append(brokenBox, el("div", "link-grid", incoming, orphans));
  }

  // ---------------------------------------------------------------- wiring
  function setUpTerms() {
    const several = D.terms.some((t) => t[1].length > 1);
    $("term-show").value = several ? "several" : "all";
    const again = () => { termState.shown = PAGE.terms; termState.only = -1; renderTerms(); };
    $("term-controls").addEventListener("change", again);
    $("term-search").addEventListener("input", debounce(again));
    $("term-controls").addEventListener("submit", (event) => event.preventDefault());
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-term], a[data-finding]");
    if (!link) return;
    event.preventDefault();
    if (link.dataset.term !== undefined) {
      goTerm(Number(link.dataset.term));
      return;
    }
    const n = Number(link.dataset.finding);
    $("finding-controls").reset();
    findingState.shown = Math.max(PAGE.findings, n + 1);
    renderFindings();
    const node = $("f-" + n);
    if (node) { node.scrollIntoView({ block: "center" }); node.tabIndex = -1; node.focus({ preventScroll: true }); }
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      $("f-text").focus();
    }
  });

  performance.mark("gloss-lint-indexed");
  setUpTerms();
  setUpFindings();
  renderTerms();
  performance.mark("gloss-lint-terms");
  renderFindings();
  performance.mark("gloss-lint-findings");
  renderLinks();
  const wanted = /^#term-(\d+)$/.exec(location.hash);
  if (wanted && Number(wanted[1]) < D.terms.length) goTerm(Number(wanted[1]));
  performance.mark("gloss-lint-rendered");
  document.documentElement.dataset.rendered = performance.now().toFixed(1);
})();
