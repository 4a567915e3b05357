/*
 * Search worker for Material's header search, answering from Pagefind.
 *
 * Material for MkDocs talks to its search worker with four messages: SETUP (0,
 * with its search_index.json), READY (1), QUERY (2, the text typed) and RESULT (3,
 * {items: SearchItem[][]}). This worker keeps that protocol, so the search box,
 * its keyboard shortcuts and result list are Material's own, while the results
 * come from the Pagefind index with Indonesian roots (pencarian.mjs). The lunr
 * index is never built: search_index.json carries only the configuration.
 */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const siteRoot = new URL("../../../", self.location.href)
let engine = null
let queue = Promise.resolve()

function item(result, score) {
  const escapeHTML = engine.escapeHTML
  const m = result.meta
  const by = [m.penulis, m.sumber, m.tanggal].filter(Boolean).map(escapeHTML).join(" · ")
  return {
    location: result.path,
    title: escapeHTML(result.title),
    text: (by ? `<span class="arsip-result-meta">${by}</span> ` : "") + result.excerpt,
    score,
    terms: Object.fromEntries(result.terms.map(t => [t, true])),
  }
}

async function answer(message) {
  switch (message.type) {
    case SETUP:
      engine = await import(new URL("assets/javascripts/arsip/pencarian.mjs", siteRoot).href)
      await engine.setup(siteRoot.href)
      return { type: READY }
    case QUERY: {
      if (!message.data.trim()) return { type: RESULT, data: { items: [] } }
      try {
        const { results } = await engine.search(message.data, { limit: 10 })
        return { type: RESULT, data: { items: results.map((r, i) => [item(r, results.length - i)]) } }
      } catch (err) {
        console.warn("arsip search:", err)
        return { type: RESULT, data: { items: [] } }
      }
    }
    default:
      throw new TypeError("Invalid message type")
  }
}

// Material sends a query for every keystroke. Each prefix ("k", "ke", "kes", ...)
// would load the index chunks of every word it begins, so typing is coalesced: a
// query is answered once no newer one arrives for a moment, and answers go out in
// the order asked, so a slow early query never overwrites a later one.
const SETTLE_MS = 180
let latest = 0

addEventListener("message", ev => {
  const message = ev.data
  if (message.type !== QUERY) {
    queue = queue.then(() => answer(message)).then(reply => postMessage(reply))
    return
  }
  const ticket = ++latest
  setTimeout(() => {
    if (ticket !== latest) return
    queue = queue.then(() => ticket === latest ? answer(message) : null)
      .then(reply => reply && postMessage(reply))
  }, SETTLE_MS)
})
