extension WebApp {
    /// The page's script: hash routes `#/` (overview), `#/account/ID`, `#/graph?…`, each drawn
    /// from the JSON API. Data goes into the page only through `text()` (text nodes) and
    /// attribute values, never `innerHTML`, so an id like `<b>&amp;</b>` shows as typed.
    static let script = #"""
    "use strict";
    const token = document.querySelector('meta[name="fundflow-token"]').content;
    const main = document.getElementById("main");

    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (v === null || v === undefined || v === false) continue;
        if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v === true ? "" : String(v));
      }
      for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
      }
      return node;
    }
    const enc = encodeURIComponent;
    function accountLink(id) { return el("a", { href: "#/account/" + enc(id), class: "acct", "data-account": id }, id); }
    function badge(annotation) {
      return annotation ? el("span", { class: "badge " + annotation.status, title: annotation.note + " (" + annotation.time + ")" }, annotation.status) : null;
    }
    function yuan(text) { return text === null || text === undefined ? "" : Number(text).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }

    async function api(path, options) {
      const response = await fetch("api/" + path, Object.assign({ headers: { "X-Fundflow-Token": token, "Content-Type": "application/json" } }, options || {}));
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      return body;
    }
    function failure(error) { main.replaceChildren(el("p", { class: "error" }, String(error.message || error))); }

    function table(headers, rows, sortable) {
      const tbody = el("tbody", {}, rows.map(r => el("tr", {}, r.map(c => el("td", typeof c === "object" && c && c.num !== undefined ? { class: "n" } : {}, c && c.num !== undefined ? c.text : c)))));
      const head = el("tr", {}, headers.map((h, i) => el("th", sortable ? { onclick: () => sortBy(tbody, i), class: "sort" } : {}, h)));
      return el("table", {}, el("thead", {}, head), tbody);
    }
    function sortBy(tbody, column) {
      const rows = Array.from(tbody.rows);
      const numeric = rows.every(r => r.cells[column].classList.contains("n"));
      const key = r => numeric ? Number(r.cells[column].textContent.replace(/,/g, "")) : r.cells[column].textContent;
      const asc = tbody.dataset.sorted !== String(column);
      rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (asc ? 1 : -1) * (numeric ? -1 : 1));
      tbody.dataset.sorted = asc ? String(column) : "";
      tbody.replaceChildren(...rows);
    }
    const num = text => ({ num: true, text });

    async function overview() {
      const s = await api("summary");
      const parts = [el("h1", {}, "Case overview")];
      parts.push(el("p", {}, `${s.rows.toLocaleString()} rows read from ${s.inputs.length} file(s): ${s.transfers.toLocaleString()} transfers between ${s.accounts.toLocaleString()} accounts` + (s.from ? `, ${s.from} – ${s.until}` : "") + (s.adds_up ? "; every row and fen accounted for." : "; the counts do NOT add up.")));
      if (s.victims_money) {
        const m = s.victims_money;
        parts.push(el("h2", {}, "Where the victims' money is"));
        parts.push(el("p", {}, `${s.victims} victims reported ${yuan(m.reported)}; traced ${yuan(m.traced)} (${s.policy}): held ${yuan(m.held)}, cashed out ${yuan(m.cashed_out)}.`));
        parts.push(el("h2", {}, `Next statements to request (${s.requests.length})`));
        parts.push(el("p", { class: "muted" }, "Accounts that received victims' money but whose own ledger is not among the inputs: the trail leaves the data there."));
        parts.push(table(["priority", "account", "holder", "received"].concat(s.followed_bridges ? ["inferred"] : []).concat(["victims", "first"]), s.requests.map(r => [num(r.priority), accountLink(r.account), r.holder || "", num(yuan(r.received))].concat(s.followed_bridges ? [num(yuan(r.inferred))] : []).concat([r.victims.join(", "), r.first_time])), true));
        parts.push(el("h2", {}, `Linked cases (${s.clusters.length} clusters)`));
        parts.push(table(["cluster", "victims", "accounts", "loss", "held", "cashed out", "first-level"], s.clusters.map(c => [num(c.cluster), c.victims.map(v => el("a", { href: "#/graph?victim=" + enc(v) }, v)).flatMap((a, i) => i ? [", ", a] : [a]), num(c.accounts), num(yuan(c.loss)), num(yuan(c.held)), num(yuan(c.cashed_out)), c.first_level.map(accountLink).flatMap((a, i) => i ? [" ", a] : [a])]), true));
        parts.push(el("h2", {}, "Freeze list"));
        if (s.followed_bridges) parts.push(el("p", { class: "muted" }, "The trace followed cash bridges: \u201cinferred\u201d is the part of an amount that crossed one (cash withdrawn and paid in nearby, not an observed transfer)."));
        parts.push(table(["account", "holds"].concat(s.followed_bridges ? ["inferred"] : []).concat(["victims", ""]), s.freeze.map(f => [accountLink(f.account), num(yuan(f.amount))].concat(s.followed_bridges ? [num(yuan(f.inferred))] : []).concat([f.victims.map(v => el("a", { href: "#/graph?victim=" + enc(v) }, v)).flatMap((a, i) => i ? [", ", a] : [a]), badge(f.annotation)])), true));
        parts.push(el("h2", { id: "bridges" }, `Cash bridges (${s.bridges.length})`));
        parts.push(el("p", { class: "muted" }, "Cash withdrawn with victims' money and paid into another account soon after, nearby, for about the same amount: inferred links. " + (s.followed_bridges ? "The trace followed the unambiguous ones." : "Not followed (serve --cash-bridges follows the unambiguous ones).") + " Ambiguous: several people's cash matched the deposit; never followed."));
        parts.push(table(["withdrawn by", "withdrawal", "amount", "time", "place", "paid into", "deposit", "amount", "time", "place", "victims' money", "status"], s.bridges.map(b => [accountLink(b.from_account), b.withdrawal, num(yuan(b.withdrawn)), b.withdrawn_time, b.withdrawal_place || "", accountLink(b.to_account), b.deposit, num(yuan(b.deposited)), b.deposited_time, b.deposit_place || "", num(yuan(b.victims_money)), b.status]), true));
      }
      parts.push(el("h2", {}, `Flagged accounts (${s.flagged_count})`));
      parts.push(table(["account", "score", "patterns", "reason", ""], s.flagged.map(f => [accountLink(f.account), num(f.score), f.patterns.join(", "), f.reason, badge(f.annotation)]), true));
      if (s.cleared.length) {
        parts.push(el("h3", {}, "Cleared by the investigator"));
        parts.push(table(["account", "note", "overruled flag"], s.cleared.map(c => [accountLink(c.account), c.note, c.overruled ? c.overruled.reason : "not flagged"])));
      }
      parts.push(el("h2", {}, `Findings (${s.findings_count})`));
      parts.push(table(["pattern", "score", "amount", "accounts", "summary"], s.findings.map(f => [f.pattern, num(f.score), num(yuan(f.amount)), f.accounts.slice(0, 4).map(accountLink).flatMap((a, i) => i ? [" ", a] : [a]), f.summary]), true));
      main.replaceChildren(...parts);
    }

    async function accountPage(id) {
      const a = await api("accounts/" + enc(id));
      const parts = [el("h1", {}, el("span", { class: "id" }, a.account), " ", badge(a.annotation))];
      if (a.holders.length) parts.push(el("p", { class: "holders" }, "Holder: " + a.holders.join(" / ")));
      parts.push(el("p", {}, `Received ${yuan(a.received.total)} in ${a.received.count} transfers; paid ${yuan(a.paid.total)} in ${a.paid.count}` + (a.paid.cash !== "0.00" ? ` (cash out ${yuan(a.paid.cash)})` : "") + (a.first ? `; active ${a.first} – ${a.last}.` : ".")));
      parts.push(el("p", {}, el("a", { href: "#/graph?account=" + enc(id) + "&hops=1", class: "button", id: "open-graph" }, "Open in the graph")));
      if (a.flag) parts.push(el("p", { class: "flag" }, `Flagged (${a.flag.score}): ${a.flag.reason}`));
      if (a.overruled_flag) parts.push(el("p", { class: "muted" }, `Cleared; the detectors' flag was: ${a.overruled_flag.reason}`));
      parts.push(annotateForm(a));
      if (a.victims_money) {
        const v = a.victims_money;
        parts.push(el("h2", {}, "Victims' money"));
        parts.push(el("p", {}, `Holds ${yuan(v.held)}; cashed out ${yuan(v.cashed_out)}.`));
        if (v.held_by_victim.length) parts.push(table(["victim", "held"], v.held_by_victim.map(h => [el("a", { href: "#/graph?victim=" + enc(h.victim) }, h.victim), num(yuan(h.amount))])));
        parts.push(el("details", {}, el("summary", {}, "Path evidence (trace --explain)"), el("pre", {}, a.explain)));
      }
      if (a.findings.length) {
        parts.push(el("h2", {}, "Findings"));
        for (const f of a.findings) parts.push(el("div", { class: "finding" }, el("b", {}, f.pattern + " " + f.score), " ", f.summary, el("div", { class: "muted" }, "evidence: " + f.transfers.slice(0, 12).join(", ") + (f.transfer_count > 12 ? ` … and ${f.transfer_count - 12} more` : ""))));
      }
      parts.push(el("h2", {}, `Counterparties (${a.counterparty_count})`));
      parts.push(table(["account", "paid to it", "received from it", "count", "first", "last"], a.counterparties.map(c => [accountLink(c.account), num(yuan(c.paid)), num(yuan(c.received)), num(c.count), c.first, c.last]), true));
      parts.push(el("h2", {}, "Transfers"));
      const filters = el("form", { id: "transfer-filter", class: "filters" },
        el("label", {}, "since ", el("input", { name: "since", type: "datetime-local", step: "1" })),
        el("label", {}, "until ", el("input", { name: "until", type: "datetime-local", step: "1" })),
        el("label", {}, "direction ", el("select", { name: "direction" }, ["both", "in", "out"].map(d => el("option", { value: d }, d)))),
        el("label", {}, "channel ", el("select", { name: "channel" }, ["", "transfer", "red_packet", "qr_payment", "card_payment", "cash_withdrawal", "cash_deposit", "other"].map(c => el("option", { value: c }, c || "any")))),
        el("label", {}, "min amount ", el("input", { name: "min_amount", size: 8 })),
        el("button", {}, "Apply"));
      const list = el("div", { id: "transfers" });
      parts.push(filters, list);
      main.replaceChildren(...parts);
      let offset = 0;
      async function load() {
        const form = new FormData(filters);
        const q = new URLSearchParams({ offset, limit: 100 });
        for (const [k, v] of form) if (v) q.set(k, k === "since" || k === "until" ? v.replace("T", " ") + (v.length === 16 ? ":00" : "") : v);
        try {
          const t = await api("accounts/" + enc(id) + "/transfers?" + q);
          const rows = t.transfers.map(r => [r.id, r.time, r.direction, r.counterparty === null ? "(cash)" : accountLink(r.counterparty), num(yuan(r.amount)), r.channel, r.memo || "", r.place || "", r.file + ":" + r.line]);
          const pager = el("p", { class: "pager" }, `${t.total} transfers; showing ${t.total ? t.offset + 1 : 0}–${t.offset + t.transfers.length} `,
            offset > 0 ? el("button", { onclick: () => { offset = Math.max(0, offset - 100); load(); } }, "previous") : null,
            offset + 100 < t.total ? el("button", { onclick: () => { offset += 100; load(); } }, "next") : null);
          list.replaceChildren(pager, table(["id", "time", "dir", "counterparty", "amount", "channel", "memo", "place", "source"], rows, true));
        } catch (error) { list.replaceChildren(el("p", { class: "error" }, error.message)); }
      }
      filters.addEventListener("submit", e => { e.preventDefault(); offset = 0; load(); });
      load();
    }

    function annotateForm(a) {
      const form = el("form", { id: "annotate", class: "filters" },
        el("select", { name: "status" }, ["suspect", "cleared", "frozen"].map(s => el("option", { value: s, selected: a.annotation && a.annotation.status === s }, s))),
        el("input", { name: "note", size: 50, placeholder: "note (why, who said so)", value: a.annotation ? a.annotation.note : "" }),
        el("button", {}, "Annotate"), el("span", { class: "muted", id: "annotate-status" }));
      form.addEventListener("submit", async e => {
        e.preventDefault();
        const data = new FormData(form);
        try {
          await api("annotations", { method: "POST", body: JSON.stringify({ account: a.account, status: data.get("status"), note: data.get("note") }) });
          route();
        } catch (error) { form.querySelector("#annotate-status").textContent = error.message; }
      });
      return form;
    }

    async function graphPage(params) {
      const state = {
        accounts: params.getAll("account"), hidden: params.getAll("hide"), victim: params.get("victim"),
        hops: params.get("hops") || "1", direction: params.get("direction") || "both",
        since: params.get("since") || "", until: params.get("until") || "", min_amount: params.get("min_amount") || "",
      };
      function query() {
        const q = new URLSearchParams();
        if (state.victim) q.set("victim", state.victim);
        else {
          state.accounts.forEach(a => q.append("account", a));
          state.hidden.forEach(a => q.append("hide", a));
          for (const k of ["hops", "direction", "since", "until", "min_amount"]) if (state[k]) q.set(k, state[k]);
        }
        return q;
      }
      function go() { location.hash = "#/graph?" + query(); }
      const controls = el("form", { id: "graph-controls", class: "filters" },
        el("label", {}, "hops ", el("select", { name: "hops" }, ["1", "2", "3", "4"].map(h => el("option", { value: h, selected: h === state.hops }, h)))),
        el("label", {}, "direction ", el("select", { name: "direction" }, ["both", "forward", "backward"].map(d => el("option", { value: d, selected: d === state.direction }, d)))),
        el("label", {}, "since ", el("input", { name: "since", type: "datetime-local", step: "1", value: state.since.replace(" ", "T") })),
        el("label", {}, "until ", el("input", { name: "until", type: "datetime-local", step: "1", value: state.until.replace(" ", "T") })),
        el("label", {}, "min amount ", el("input", { name: "min_amount", size: 8, value: state.min_amount })),
        el("button", {}, "Apply"));
      controls.addEventListener("submit", e => {
        e.preventDefault();
        const data = new FormData(controls);
        for (const k of ["hops", "direction", "min_amount"]) state[k] = data.get(k);
        for (const k of ["since", "until"]) { const v = data.get(k); state[k] = v ? v.replace("T", " ") + (v.length === 16 ? ":00" : "") : ""; }
        go();
      });
      const chips = el("p", { class: "chips" },
        state.victim ? ["following victim ", el("b", {}, state.victim)] : ["focus: ", state.accounts.map(a => el("span", { class: "chip" }, a, el("button", { title: "remove", onclick: () => { state.accounts = state.accounts.filter(x => x !== a); go(); } }, "×")))],
        state.hidden.length ? [" hidden: ", state.hidden.map(a => el("span", { class: "chip" }, a, el("button", { title: "show", onclick: () => { state.hidden = state.hidden.filter(x => x !== a); go(); } }, "×")))] : []);
      const exportQuery = q => { const x = query(); x.set("format", q); x.set("token", token); return "api/graph?" + x; };
      const exports = el("p", { class: "exports" }, "export: ", ["dot", "svg", "png", "pdf"].map(f => el("a", { href: exportQuery(f), download: "fundflow-chart." + f }, f)).flatMap((a, i) => i ? [" · ", a] : [a]));
      const menu = el("div", { id: "node-menu", class: "menu", hidden: true });
      const canvas = el("div", { id: "chart", class: "chart" }, el("p", { class: "muted" }, "drawing…"));
      main.replaceChildren(el("h1", {}, "Graph"), controls, chips, exports, canvas, menu);
      if (!state.victim && !state.accounts.length) { canvas.replaceChildren(el("p", {}, "No account in focus: search for one, or open it from the overview.")); return; }
      let g;
      try { const q = query(); q.set("format", "json"); g = await api("graph?" + q); } catch (error) { canvas.replaceChildren(el("p", { class: "error" }, error.message)); return; }
      const svg = new DOMParser().parseFromString(g.svg, "image/svg+xml").documentElement;
      canvas.replaceChildren(el("p", { class: "muted" }, g.title + ` — ${g.nodes.length} nodes, ${g.edges} edges`), document.importNode(svg, true));
      for (const node of g.nodes) {
        const shape = canvas.querySelector("#" + CSS.escape(node.node));
        if (!shape) continue;
        if (node.account !== undefined) {
          shape.classList.add("clickable");
          shape.setAttribute("data-account", node.account);
          if (node.annotation) shape.classList.add("annotated-" + node.annotation.status);
          shape.addEventListener("click", e => openMenu(e, node.account));
        } else if (node.members) {
          shape.classList.add("clickable");
          shape.addEventListener("click", e => openGroup(e, node));
        }
      }
      function place(e) { menu.hidden = false; menu.style.left = e.pageX + "px"; menu.style.top = e.pageY + "px"; }
      function openMenu(e, account) {
        e.stopPropagation();
        menu.replaceChildren(el("b", {}, account),
          el("button", { "data-action": "expand", onclick: () => { if (!state.accounts.includes(account)) state.accounts.push(account); state.victim = null; go(); } }, "expand (add to focus)"),
          el("button", { "data-action": "focus", onclick: () => { state.accounts = [account]; state.victim = null; go(); } }, "focus on it alone"),
          el("button", { "data-action": "hide", onclick: () => { state.hidden.push(account); go(); } }, "hide"),
          el("a", { href: "#/account/" + enc(account) }, "open its page"));
        place(e);
      }
      function openGroup(e, node) {
        e.stopPropagation();
        menu.replaceChildren(el("b", {}, node.title), el("div", { class: "members" }, node.members.map(m => el("div", {}, el("button", { onclick: () => { state.accounts.push(m); go(); } }, "+"), " ", accountLink(m)))));
        place(e);
      }
      document.addEventListener("click", () => { menu.hidden = true; }, { once: true });
    }

    async function searchPage(q) {
      const s = await api("search?q=" + enc(q));
      main.replaceChildren(el("h1", {}, "Search: ", q), s.accounts.length
        ? table(["account", "holder", "match", ""], s.accounts.map(a => [accountLink(a.account), a.holders.join(" / "), a.match, badge(a.annotation)]))
        : el("p", {}, "No account matches."));
    }

    async function route() {
      const hash = location.hash.slice(1) || "/";
      const [path, queryText] = hash.split("?");
      const params = new URLSearchParams(queryText || "");
      try {
        if (path.startsWith("/account/")) await accountPage(decodeURIComponent(path.slice(9)));
        else if (path === "/graph") await graphPage(params);
        else if (path === "/search") await searchPage(params.get("q") || "");
        else await overview();
        document.body.dataset.ready = hash;
      } catch (error) { failure(error); document.body.dataset.ready = hash; }
    }
    document.getElementById("search").addEventListener("submit", e => {
      e.preventDefault();
      const q = document.getElementById("q").value.trim();
      if (q) location.hash = "#/search?q=" + enc(q);
    });
    window.addEventListener("hashchange", route);
    route();
    """#

    /// The page's style.
    static let style = #"""
    body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
    header { display: flex; gap: 1.5em; align-items: center; padding: .6em 1.2em; background: #1d2b44; color: #fff; position: sticky; top: 0; z-index: 2; }
    header .brand { color: #fff; font-weight: 700; text-decoration: none; font-size: 1.1em; }
    header input { width: 22em; padding: .3em .5em; }
    main { padding: 1em 1.5em 3em; max-width: 1400px; }
    h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; } .id { font-family: ui-monospace, monospace; }
    table { border-collapse: collapse; background: #fff; margin: .4em 0; font-size: 13px; }
    th, td { border: 1px solid #dde1e7; padding: .25em .55em; text-align: left; vertical-align: top; }
    th.sort { cursor: pointer; background: #eef1f5; } th.sort:hover { background: #dfe5ee; }
    td.n { text-align: right; font-variant-numeric: tabular-nums; }
    a.acct { font-family: ui-monospace, monospace; }
    .badge { display: inline-block; padding: 0 .5em; border-radius: .8em; font-size: 12px; color: #fff; margin-left: .3em; }
    .badge.cleared { background: #2e7d32; } .badge.suspect { background: #c62828; } .badge.frozen { background: #1565c0; }
    .muted { color: #6b7280; } .error { color: #b71c1c; font-weight: 600; } .flag { color: #b71c1c; }
    .filters { display: flex; flex-wrap: wrap; gap: .6em; align-items: center; margin: .5em 0; }
    .finding { background: #fff; border-left: 3px solid #c62828; padding: .3em .6em; margin: .3em 0; }
    .chart { background: #fff; border: 1px solid #dde1e7; overflow: auto; max-height: 75vh; }
    .chart svg { display: block; }
    .clickable { cursor: pointer; } .clickable:hover polygon, .clickable:hover ellipse, .clickable:hover path { stroke-width: 3; }
    .annotated-cleared polygon, .annotated-cleared path { stroke: #2e7d32; stroke-width: 3; }
    .annotated-suspect polygon, .annotated-suspect path { stroke: #c62828; stroke-width: 3; }
    .annotated-frozen polygon, .annotated-frozen path { stroke: #1565c0; stroke-width: 3; }
    .menu { position: absolute; background: #fff; border: 1px solid #aab; box-shadow: 0 2px 8px #0003; padding: .5em; display: flex; flex-direction: column; gap: .3em; z-index: 3; max-height: 60vh; overflow: auto; }
    .menu[hidden] { display: none; }
    .chip { background: #e3e8f0; border-radius: 1em; padding: .1em .3em .1em .7em; margin: 0 .2em; font-family: ui-monospace, monospace; }
    .chip button { border: 0; background: none; cursor: pointer; }
    a.button { display: inline-block; padding: .25em .8em; background: #1d2b44; color: #fff; border-radius: .3em; text-decoration: none; }
    pre { background: #fff; border: 1px solid #dde1e7; padding: .6em; overflow: auto; }
    """#
}
