// Search the site's names and definitions with the Pagefind index written beside the pages (no server code).
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const input = document.getElementById("q");
const query = new URLSearchParams(window.location.search).get("q") || "";
input.value = query;

function item(result) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = result.url; // a path from the host root: baseUrl below is where this site is served
  link.textContent = (result.meta && result.meta.title) || result.url;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = result.excerpt; // Pagefind escapes the text and marks the hits with <mark>
  li.append(link, excerpt);
  return li;
}

async function run(text) {
  if (!text.trim()) return;
  status.textContent = "Searching…";
  let pagefind;
  try {
    pagefind = await import("./pagefind/pagefind.js");
  } catch (error) {
    status.textContent = "The search index cannot be loaded here (open the site over HTTP, or use the A–Z list).";
    return;
  }
  await pagefind.options({ baseUrl: new URL(".", window.location.href).pathname });
  const found = await pagefind.search(text);
  const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  list.replaceChildren(...results.map(item));
  status.textContent = results.length
    ? `${found.results.length} page${found.results.length === 1 ? "" : "s"} for “${text}”.`
    : `Nothing found for “${text}”. Try the A–Z list.`;
}

run(query);
