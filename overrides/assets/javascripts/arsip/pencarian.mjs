/*
 * Arsip Esai search engine: Pagefind plus Indonesian roots (Sastrawi).
 *
 * What Pagefind indexes of each essay is its words' Sastrawi roots, marked
 * "qz" + root. A query's words are turned into roots the same way (looked up in the
 * word -> root map that the build wrote to akar/, or stemmed here against the
 * archive's roots for words the archive lacks) and Pagefind is asked for the marked
 * roots: "keterhubungan", "terhubung" and "hubungan" all become "qzhubung".
 *
 * Used by the header search (search-worker.js) and the search page (cari.mjs).
 */

let base, pagefind, akar, kamus, stemmer
const shards = new Map()
const WORD = /[\p{L}]+(?:-[\p{L}]+)*/gu
const LIMIT_DEFAULT = 10

/** Set up against the site root (a URL ending in "/"). A big archive is indexed in
    shards (akar/index.json lists their bundles): the first is searched with the
    others merged into it. */
export async function setup(siteRoot) {
  base = new URL(siteRoot)
  akar = await fetchJSON("akar/index.json")
  const [first, ...rest] = akar.indexes || ["pagefind/"]
  pagefind = await import(new URL(first + "pagefind.js", base).href)
  await pagefind.options({ baseUrl: base.pathname, excerptLength: 24 })
  for (const bundle of rest) {
    await pagefind.mergeIndex(new URL(bundle, base).pathname, { baseUrl: base.pathname })
  }
  pagefind.init()
}

async function fetchJSON(path) {
  const res = await fetch(new URL(path, base))
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return res.json()
}

export function words(text) {
  return (text.toLowerCase().match(WORD) || []).filter(w => w.length > 1)
}

function fnv1a(word) {
  let h = 0x811c9dc5
  for (const b of new TextEncoder().encode(word)) {
    h ^= b
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** The Sastrawi root of a word, as the build computed it for the archive's words. */
export async function root(word) {
  const n = fnv1a(word) % akar.shards
  if (!shards.has(n)) shards.set(n, fetchJSON(`akar/${n}.json`))
  const shard = await shards.get(n)
  if (word in shard) return shard[word] || word
  if (!stemmer) {
    stemmer = Promise.all([import("./sastrawi.mjs"), fetchJSON("akar/kamus.json")])
      .then(([{ Stemmer }, roots]) => new Stemmer(roots))
  }
  return (await stemmer).stem(word)
}

export const escapeHTML = s => String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])

/** A word of the text matches a query root when it contains it (or the root less a
    nasalised first consonant: "memukul" for "pukul"). Used to highlight only. */
function matcher(roots) {
  const parts = roots.flatMap(r => r.length >= 4 && "ptks".includes(r[0]) ? [r, r.slice(1)] : [r])
  return word => parts.some(p => word.toLowerCase().includes(p))
}

/** An excerpt of plain text around the first words that match, with <mark>. */
function excerptFrom(text, roots, size = 24) {
  const tokens = text.split(/\s+/).filter(Boolean)
  const hit = matcher(roots)
  const first = tokens.findIndex(t => hit(t))
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(size / 3))
  const slice = tokens.slice(start, start + size)
  const marked = []
  const html = slice.map(t => {
    if (!hit(t)) return escapeHTML(t)
    const m = t.match(/^([^\p{L}]*)(.*?)([^\p{L}]*)$/u)
    marked.push(m[2].toLowerCase())
    return `${escapeHTML(m[1])}<mark>${escapeHTML(m[2])}</mark>${escapeHTML(m[3])}`
  }).join(" ")
  return { html: (start > 0 ? "… " : "") + html + (start + size < tokens.length ? " …" : ""), marked }
}

/**
 * Search. `filters` as Pagefind takes them ({tema: {any: ["..."]}, tahun: "2025"}),
 * `sort` e.g. {tanggal: "desc"}. Resolves to
 * {results: [{url, path, title, meta, excerpt, terms}], total, filters, roots}.
 * One Pagefind search, for the roots; excerpts are cut from the matching essays'
 * text around the words that share a root with the query.
 */
export async function search(query, { filters = {}, sort, limit = LIMIT_DEFAULT } = {}) {
  const ws = words(query || "")
  const roots = await Promise.all(ws.map(root))
  const rootQuery = roots.length ? roots.map(r => akar.mark + r).join(" ") : null
  const [found, sorted] = await Promise.all([
    pagefind.search(rootQuery, { filters }),
    sort ? sortedSearch(rootQuery, filters, sort, limit) : Promise.resolve(null),
  ])
  if (!found) return { results: [], total: 0, filters: {}, roots }
  let ordered = found.results
  if (sorted) {
    // Pagefind leaves pages without a date out of a sorted search: undated essays go last
    ordered = [...sorted.first, ...found.results.filter(r => !sorted.dated.has(r.id))]
  }
  const results = await Promise.all(ordered.slice(0, limit).map(async r => {
    const data = await dataOf(r)
    const text = await textOf(data.url)
    const { html: excerpt, marked } = roots.length ? excerptFrom(text, roots)
      : { html: escapeHTML(data.meta.ringkasan || ""), marked: [] }
    const path = data.url.startsWith(base.pathname) ? data.url.slice(base.pathname.length) : data.url
    return {
      url: data.url, path, title: data.meta.title || path, meta: data.meta,
      excerpt: excerpt || escapeHTML(text.slice(0, 160)),
      terms: [...new Set([...ws, ...marked])],
    }
  }))
  return { results, total: found.results.length, filters: found.filters || {}, roots }
}

const texts = new Map()
/** An essay's plain text (esai/<slug>/teks.gz, written by the build), for excerpts.
    `url`: the essay's address as Pagefind gives it (a path from the host). */
function textOf(url) {
  if (!texts.has(url)) {
    texts.set(url, fetch(new URL(url + "teks.gz", base))
      .then(res => res.ok ? res.arrayBuffer() : new ArrayBuffer(0))
      .then(gunzip).catch(() => ""))
  }
  return texts.get(url)
}

/** Bytes as text, gunzipped when they are gzip (a server that sends the file with
    `Content-Encoding: gzip` has the browser unpack it already). */
async function gunzip(buffer) {
  const bytes = new Uint8Array(buffer)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
    return new Response(stream).text()
  }
  return new TextDecoder().decode(bytes)
}

const loaded = new Map()
/** A result's fragment (text and metadata), fetched once. */
function dataOf(result) {
  if (!loaded.has(result.id)) loaded.set(result.id, result.data())
  return loaded.get(result.id)
}

/**
 * The first `limit` dated results in `sort` order, and the ids of all dated ones.
 * Pagefind merges the results of several indexes by score, which a sorted search
 * does not have across indexes, so each shard is searched on its own (the
 * "indeks" filter) and the shards' sorted lists are merged here by date, fetching
 * only the fragments at the heads of the lists (those shown, plus one per shard).
 */
async function sortedSearch(rootQuery, filters, sort, limit) {
  const bundles = akar.indexes || ["pagefind/"]
  if (bundles.length === 1) {
    const { results } = await pagefind.search(rootQuery, { filters, sort })
    return { first: results.slice(0, limit), dated: new Set(results.map(r => r.id)) }
  }
  const lists = await Promise.all(bundles.map((_, k) =>
    pagefind.search(rootQuery, { filters: { ...filters, indeks: String(k + 1) }, sort }).then(s => s.results)))
  const descending = Object.values(sort)[0] === "desc"
  const at = lists.map(() => 0)
  const first = []
  while (first.length < limit) {
    let best = -1, bestKey
    for (let k = 0; k < lists.length; k++) {
      const r = lists[k][at[k]]
      if (!r) continue
      const key = (await dataOf(r)).meta.urut || ""
      if (best < 0 || (descending ? key > bestKey : key < bestKey)) { best = k; bestKey = key }
    }
    if (best < 0) break
    first.push(lists[best][at[best]++])
  }
  return { first, dated: new Set(lists.flat().map(r => r.id)) }
}

/** All filter values with their counts over the whole archive. */
export async function allFilters() {
  return pagefind.filters()
}
