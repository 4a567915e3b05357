/*
 * The search page (/cari/): a query, facets (tema, sumber, penulis, tahun) with
 * counts, and results. The query, chosen facets and order live in the URL
 * (?kata=kesepian&tema=...&urut=terbaru), so a search can be shared and restored.
 * (Not ?q=: Material's header search opens itself for ?q=.)
 */
import * as engine from "./pencarian.mjs"

const FACETS = [
  ["tema", "Tema"],
  ["sumber", "Sumber"],
  ["penulis", "Penulis"],
  ["tahun", "Tahun"],
]
const ORDER = { terbaru: { tanggal: "desc" }, terlama: { tanggal: "asc" } }

const root = document.querySelector(".arsip-cari")
const form = root.querySelector("form")
const input = form.querySelector("#arsip-q")
const order = form.querySelector("#arsip-urut")
const facetBox = root.querySelector("[data-facets]")
const status = root.querySelector("[data-status]")
const list = root.querySelector("[data-results]")
const siteRoot = new URL(root.dataset.siteRoot, location.href)

const { escapeHTML } = engine

function readURL() {
  const params = new URLSearchParams(location.search)
  const chosen = {}
  for (const [key] of FACETS) {
    const values = params.getAll(key)
    if (values.length) chosen[key] = values
  }
  return { q: params.get("kata") || "", urut: params.get("urut") || "", chosen }
}

function writeURL({ q, urut, chosen }) {
  const params = new URLSearchParams()
  if (q) params.set("kata", q)
  for (const [key] of FACETS) for (const v of chosen[key] || []) params.append(key, v)
  if (urut) params.set("urut", urut)
  const query = params.toString()
  history.replaceState(null, "", location.pathname + (query ? `?${query}` : ""))
}

function currentState() {
  const chosen = {}
  for (const box of facetBox.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] ||= []).push(box.value)
  }
  return { q: input.value.trim(), urut: order.value, chosen }
}

function renderFacets(all, counts, chosen) {
  const html = FACETS.map(([key, label]) => {
    const values = Object.keys(all[key] || {}).sort((a, b) =>
      key === "tahun" ? b.localeCompare(a) : a.localeCompare(b, "id"))
    if (!values.length) return ""
    const items = values.map((value, i) => {
      const id = `f-${key}-${i}`
      const n = (counts[key] || {})[value] || 0
      const on = (chosen[key] || []).includes(value)
      return `<li><input type="checkbox" id="${id}" name="${key}" value="${escapeHTML(value)}"${on ? " checked" : ""}>` +
        `<label for="${id}">${escapeHTML(value)} <span class="arsip-cari__n">(${n})</span></label></li>`
    }).join("")
    return `<fieldset class="arsip-cari__facet"><legend>${label}</legend><ul>${items}</ul></fieldset>`
  }).join("")
  facetBox.innerHTML = html
}

function renderResults(results, total, state) {
  const any = state.q || Object.keys(state.chosen).length
  status.textContent = !any ? `Menampilkan semua ${total} esai.`
    : total === 0 ? "Tidak ada esai yang sesuai." : `${total} esai ditemukan.`
  list.innerHTML = results.map(r => {
    const url = new URL(r.path, siteRoot)
    if (r.terms.length) url.searchParams.set("h", r.terms.join(" "))
    const by = [r.meta.penulis, r.meta.sumber, r.meta.tanggal].filter(Boolean).map(escapeHTML).join(" · ")
    return `<li class="arsip-entry"><p class="arsip-entry__title" role="heading" aria-level="2">` +
      `<a href="${escapeHTML(url.pathname + url.search)}">${escapeHTML(r.title)}</a></p>` +
      (by ? `<p class="arsip-entry__meta">${by}</p>` : "") +
      `<p class="arsip-entry__summary">${r.excerpt}</p></li>`
  }).join("")
}

let all = {}
let latest = 0

async function run(state, { updateURL = true } = {}) {
  const ticket = ++latest
  const filters = {}
  for (const [key, values] of Object.entries(state.chosen)) filters[key] = { any: values }
  status.textContent = "Mencari…"
  const { results, total, filters: counts } = await engine.search(state.q, {
    filters, sort: ORDER[state.urut], limit: 50,
  })
  if (ticket !== latest) return           // a newer search has started
  renderFacets(all, counts, state.chosen)
  renderResults(results, total, state)
  if (updateURL) writeURL(state)
}

async function main() {
  await engine.setup(siteRoot.href)
  all = await engine.allFilters()
  const state = readURL()
  input.value = state.q
  order.value = ORDER[state.urut] ? state.urut : ""
  await run(state, { updateURL: false })
  form.addEventListener("submit", ev => { ev.preventDefault(); run(currentState()) })
  facetBox.addEventListener("change", () => run(currentState()))
  order.addEventListener("change", () => run(currentState()))
  let timer
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(() => run(currentState()), 250)
  })
}

main().catch(err => {
  console.error("arsip search:", err)
  status.textContent = "Pencarian tidak dapat dimuat."
})
