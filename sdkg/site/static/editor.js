// The site's SPARQL editor: Yasgui (vendor/, MIT) against a read-only endpoint, offline (no prefix.cc, no
// public endpoint), with the project's prefixes, every stored query as a tab, and result IRIs linked to the site.
(function () {
  const data = JSON.parse(document.getElementById("editor-data").textContent);
  const shown = document.getElementById("endpoint-shown");
  const given = new URLSearchParams(window.location.search).get("endpoint")
    || document.getElementById("editor-endpoint").dataset.endpoint || "/query";
  const endpoint = new URL(given, window.location.href).href;
  shown.textContent = endpoint;
  const base = "https://w3id.org/sdkg/";
  const prefixLines = Object.entries(data.prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");

  // The page of this site for an IRI of the graph, or null.
  function pageOf(iri) {
    if (!iri.startsWith(base)) return null;
    const rest = iri.slice(base.length);
    let m;
    if ((m = rest.match(/^resource\/(ev-(\d{3})-\d+)$/))) return `documents/document-${m[2]}.html#${m[1]}`;
    if ((m = rest.match(/^resource\/([^/#?]+)$/)))
      return data.documents.includes(m[1]) ? `documents/${m[1]}.html` : `entities/${m[1]}.html`;
    if ((m = rest.match(/^ontology#(.+)$/))) return `ontology.html#${m[1]}`;
    if (rest === "ontology") return "ontology.html";
    if ((m = rest.match(/^vocab\/(.+)$/))) return `ontology.html#v-${m[1]}`;
    if ((m = rest.match(/^graph\/(.+)$/))) return `data.html#graph-${m[1]}`;
    return null;
  }

  function relink(root) {
    root.querySelectorAll(`a[href^="${base}"]`).forEach((a) => {
      const page = pageOf(a.getAttribute("href"));
      if (page) {
        a.href = new URL(page, window.location.href).href;
        a.removeAttribute("target");
        a.title = `${a.getAttribute("title") || ""} ${page}`.trim();
      }
    });
  }

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null, // every visit starts from the stored queries
    populateFromUrl: false,
    autoAddOnInit: false,
    yasqe: { value: `${prefixLines}\n\nSELECT ?thing ?label WHERE {\n  GRAPH sdg:entities { ?thing skos:prefLabel ?label }\n} LIMIT 20\n`,
             autocompleters: ["variables"], resizeable: true },
    yasr: { prefixes: data.prefixes },
  });
  // The stored queries: a list that opens one in a tab (and #NAME in the address opens it at once).
  const select = document.getElementById("stored-query");
  for (const q of data.queries) select.add(new Option(q.title, q.name));
  function open(name) {
    const q = data.queries.find((item) => item.name === name);
    if (!q) return null;
    const existing = Object.values(yasgui._tabs).find((t) => t.getName() === q.title);
    if (existing) { yasgui.selectTabId(existing.getId()); return existing; }
    return yasgui.addTab(true, { name: q.title, yasqe: { value: q.query }, requestConfig: { endpoint: endpoint } });
  }
  select.addEventListener("change", () => { if (select.value) open(select.value); });
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  if (!open(wanted)) yasgui.addTab(true, { name: "Your question" });
  if (wanted) select.value = wanted;
  // Yasgui's markup lacks a few things WCAG asks for: names for its inputs, a focusable editor region, and a tab
  // list that holds only tabs (its "+" button sits inside the list): fill them in whenever it redraws.
  function accessible(root) {
    root.querySelectorAll("input.autocomplete:not([aria-label])").forEach((e) => e.setAttribute("aria-label", "SPARQL endpoint"));
    root.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach((e) => e.setAttribute("aria-label", "SPARQL query"));
    root.querySelectorAll(".tab input[type=text]:not([aria-label])").forEach((e) => e.setAttribute("aria-label", "Tab name"));
    root.querySelectorAll(".CodeMirror-scroll:not([tabindex='0'])").forEach((e) => e.setAttribute("tabindex", "0"));
    root.querySelectorAll(".tabsList[role=tablist]").forEach((list) => {
      list.removeAttribute("role");
      list.setAttribute("aria-label", "Query tabs");
    });
    root.querySelectorAll(".tabsList a[role=tab]").forEach((a) => {
      a.removeAttribute("role");
      a.setAttribute("aria-current", a.getAttribute("aria-selected") === "true" ? "true" : "false");
      a.removeAttribute("aria-selected");
    });
  }

  new MutationObserver(() => { relink(document.getElementById("yasgui")); accessible(document.getElementById("yasgui")); })
    .observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  accessible(document.getElementById("yasgui"));
  window.sdkgEditor = yasgui; // for the browser test
})();
