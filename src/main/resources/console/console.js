// Bella operations console: plain ES module, no build step, no third-party code but uPlot (served from the jar).
// Everything from the server is inserted as text (never as HTML). The API key is sent once, to /console/session;
// afterwards the HttpOnly session cookie authenticates, and writes carry the session's CSRF token.

const state = {
  scope: null, csrf: null, zone: 'UTC', features: [], testCalls: 'ready', tab: 'operations',
  serverNow: null, day: null, services: [], providers: [], selectedCall: null, charts: {},
  events: null, pollTimer: null, systemTimer: null, connection: 'connecting', call: null,
};
const TABS = ['operations', 'analytics', 'system', 'alerts', 'test-call'];
const $ = (id) => document.getElementById(id);

// ---------- small DOM helpers (text only) ----------
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
function fill(target, ...children) {
  const t = typeof target === 'string' ? $(target) : target;
  t.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
}
function table(caption, headers, rows, opts = {}) {
  if (!rows.length) return el('p', { class: 'empty', text: opts.empty || 'Nothing to show.' });
  const head = el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : null, text: h.label ?? h })));
  return el('table', {}, el('caption', { class: 'visually-hidden', text: caption }), el('thead', {}, head),
    el('tbody', {}, rows));
}
function cell(v, cls) { return el('td', { class: cls }, v ?? '—'); }
function badge(text, kind) { return el('span', { class: `badge ${kind || ''}`, text }); }

// ---------- formatting in the practice's time zone ----------
function fmt(iso, opts) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, { timeZone: state.zone, ...opts }).format(new Date(iso));
}
const time = (iso) => fmt(iso, { hour: '2-digit', minute: '2-digit' });
const dateTime = (iso) => fmt(iso, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const usd = (v) => (v === null || v === undefined ? '—' : `$${Number(v).toFixed(Number(v) < 1 ? 4 : 2)}`);
const pct = (v) => (v === null || v === undefined ? '—' : `${(Number(v) * 100).toFixed(1)}%`);
function offset(zone, day) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T12:00:00Z`));
  const name = parts.find((p) => p.type === 'timeZoneName').value;
  return name === 'GMT' ? '+00:00' : name.slice(3);
}
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const bytes = (n) => `${(n / 1048576).toFixed(0)} MB`;

// ---------- API ----------
class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}
async function api(path, { method = 'GET', body, quiet } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Bella-CSRF'] = state.csrf || '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    connection('lost');
    throw new ApiError(0, 'Bella cannot be reached');
  }
  if (state.connection === 'lost' && !state.events) connection('polling');
  if (r.status === 401 && path !== '/console/session') {
    signedOut('Your session has ended; sign in again.');
    throw new ApiError(401, 'Not signed in');
  }
  if (r.status === 204) return null;
  const json = await r.json().catch(() => null);
  if (!r.ok && !quiet) throw new ApiError(r.status, (json && (json.detail || json.title)) || `HTTP ${r.status}`);
  return json;
}
const has = (feature) => state.features.includes(feature);
const canWrite = () => state.scope === 'write' || state.scope === 'admin';

// ---------- sign-in ----------
async function start() {
  wireTabs();
  wireForms();
  // the page arrives with the signed-in session in it (or empty): no round trip before the first data
  const meta = document.querySelector('meta[name=bella-session]');
  let who = null;
  try { who = meta && meta.content ? JSON.parse(meta.content) : null; } catch { who = null; }
  if (meta) meta.content = '';
  if (who && who.signedIn) signedIn(who);
  else signedOut('');
}
function signedIn(who) {
  Object.assign(state, { scope: who.scope, csrf: who.csrf, zone: who.timezone || 'UTC', features: who.features || [],
    testCalls: who.testCalls });
  $('sign-in').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  fill('who', `${who.scope} access`);
  $('who').hidden = false;
  document.body.classList.toggle('read-only', !canWrite());
  state.day = who.today;
  $('f-day').value = who.today;
  connectEvents();
  Promise.all([loadOperations(), loadAppointments()]).then(() => {
    if (!window.bellaReadyMs) { // first paint with data: the browser tests measure "interactive" up to here
      window.bellaReadyMs = performance.now();
      document.body.dataset.ready = 'true';
    }
    loadCatalog(); // the filters' choices and the alert count are not needed for the first look
    loadAlerts();
  });
  showTab(location.hash.slice(1) || state.tab, false);
}
function signedOut(message) {
  Object.assign(state, { scope: null, csrf: null });
  closeEvents();
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('who').hidden = true;
  $('live').hidden = true;
  $('sign-in').hidden = false;
  fill('sign-in-error', message);
  $('api-key').focus();
}
async function signIn(event) {
  event.preventDefault();
  const input = $('api-key');
  fill('sign-in-error', '');
  try {
    const who = await api('/console/session', { method: 'POST', body: { apiKey: input.value } });
    input.value = '';
    signedIn(who);
  } catch (e) {
    input.value = '';
    fill('sign-in-error', e.status === 401 ? 'That API key is not valid.' : e.message);
    input.focus();
  }
}
async function signOut() {
  await api('/console/session', { method: 'DELETE' }).catch(() => null);
  signedOut('Signed out.');
}

// ---------- live updates: server-sent events, polling while they are down ----------
function connection(kind) {
  state.connection = kind;
  const live = $('live');
  live.hidden = false;
  const labels = { live: ['Live', 'pill ok'], polling: ['Updating every 5 s', 'pill warn'],
    lost: ['Connection lost — retrying', 'pill bad'], connecting: ['Connecting…', 'pill'] };
  const [text, cls] = labels[kind];
  live.textContent = text;
  live.className = cls;
}
function connectEvents() {
  closeEvents();
  connection('connecting');
  if (!('EventSource' in window)) { startPolling(); return; }
  const es = new EventSource('/console/events');
  state.events = es;
  es.addEventListener('hello', () => {
    if (state.connection !== 'connecting') refreshAll(); // back after a break: catch up on what was missed
    connection('live');
    stopPolling();
  });
  es.addEventListener('change', (e) => {
    let topics = [];
    try { topics = JSON.parse(e.data).topics || []; } catch { topics = []; }
    refreshTopics(topics);
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) {
      state.events = null;
      setTimeout(() => { if (state.scope) connectEvents(); }, 3000);
    }
    probe();
  };
}
async function probe() { // the stream dropped: is Bella gone, or only the stream?
  try {
    const r = await fetch('/healthz', { cache: 'no-store' });
    connection(r.ok ? 'polling' : 'lost');
  } catch {
    connection('lost');
  }
  startPolling();
}
function closeEvents() {
  if (state.events) state.events.close();
  state.events = null;
  stopPolling();
}
function startPolling() {
  if (!state.pollTimer) state.pollTimer = setInterval(() => state.scope && refreshAll(), 5000);
}
function stopPolling() {
  clearInterval(state.pollTimer);
  state.pollTimer = null;
}
function refreshTopics(topics) {
  if (topics.includes('appointments')) loadAppointments();
  if (topics.includes('appointments') || topics.includes('calls') || topics.includes('callbacks')) {
    loadOperations();
    if (state.tab === 'analytics') loadAnalytics();
  }
  if (topics.includes('alerts')) loadAlerts();
}
function refreshAll() {
  loadOperations();
  loadAppointments();
  loadAlerts();
  if (state.tab === 'analytics') loadAnalytics();
  if (state.tab === 'system') loadSystem();
}

// ---------- tabs (WAI-ARIA tabs: arrows, Home, End) ----------
function wireTabs() {
  const tabs = TABS.map((t) => $(`tab-${t}`));
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => showTab(TABS[i], true));
    tab.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      const j = (next + tabs.length) % tabs.length;
      showTab(TABS[j], true);
      tabs[j].focus();
    });
  });
}
function showTab(name, push) {
  if (!TABS.includes(name)) name = 'operations';
  state.tab = name;
  for (const t of TABS) {
    const selected = t === name;
    const tab = $(`tab-${t}`);
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`panel-${t}`).hidden = !selected;
  }
  if (push) history.replaceState(null, '', `#${name}`);
  clearInterval(state.systemTimer);
  state.systemTimer = null;
  if (!state.scope) return;
  if (name === 'analytics') loadAnalytics();
  if (name === 'system') {
    loadSystem();
    state.systemTimer = setInterval(loadSystem, 5000); // route statistics move all the time: no event for them
  }
  if (name === 'alerts') loadAlerts();
  if (name === 'test-call') renderTestCallState();
}

// ---------- Operations ----------
async function loadCatalog() {
  const [services, providers] = await Promise.all([api('/api/services').catch(() => []), api('/api/providers').catch(() => [])]);
  state.services = services || [];
  state.providers = providers || [];
  fill('f-service', el('option', { value: '', text: 'all' }), state.services.map((s) => el('option', { value: s.name, text: s.name })));
  fill('f-provider', el('option', { value: '', text: 'all' }), state.providers.map((p) => el('option', { value: p.id, text: p.name })));
}
async function loadOperations() {
  let ops;
  try {
    ops = await api('/api/console/operations');
  } catch (e) {
    return;
  }
  state.serverNow = ops.now;
  renderLiveCalls(ops.inProgress);
  renderRecentCalls(ops.recentCalls);
  renderCallbacks(ops.callbacks);
  renderCustomers(ops.customers);
}
async function loadAppointments() {
  const day = $('f-day').value || state.day;
  if (!day) return;
  const span = Number($('f-span').value || 1);
  const to = addDays(day, span);
  const q = new URLSearchParams({ from: `${day}T00:00:00${offset(state.zone, day)}`, to: `${to}T00:00:00${offset(state.zone, to)}`,
    status: 'booked', limit: '500' });
  if ($('f-provider').value) q.set('provider', $('f-provider').value);
  let list;
  try {
    list = await api(`/api/appointments?${q}`);
  } catch (e) {
    fill('appointments', el('p', { class: 'error', text: e.message }));
    return;
  }
  const service = $('f-service').value;
  if (service) list = list.filter((a) => a.service === service);
  const rows = list.map((a) => el('tr', {}, cell(span > 1 ? dateTime(a.start) : `${time(a.start)}–${time(a.end)}`),
    cell(a.name), cell(a.service), cell(a.phone), cell(a.callSid ? badge('by phone', 'ok') : badge('API'))));
  fill('appointments', el('p', { class: 'hint', text: `${list.length} booked` }),
    table('Appointments', ['When', 'Customer', 'Service', 'Phone', 'Booked'], rows, { empty: 'No appointments booked for this period.' }));
}
function renderLiveCalls(calls) {
  const rows = calls.map((c) => el('tr', {}, cell(time(c.createdAt)), cell(c.fromPhone), cell(c.step.replaceAll('_', ' ').toLowerCase()),
    cell(c.lastSaid ? `“${c.lastSaid}”` : '—'), cell(c.isTest ? badge('test', 'test') : '')));
  fill('calls-live', table('Calls in progress', ['Since', 'Caller', 'Current step', 'Last said', ''], rows, { empty: 'No call in progress.' }));
}
function outcomeBadge(c) {
  const o = c.outcome || (c.status === 'in-progress' ? 'in progress' : c.status);
  const kind = ['booked', 'rescheduled', 'cancelled', 'completed'].includes(o) ? 'ok' : o === 'in progress' ? '' : 'warn';
  return badge(o, kind);
}
function renderRecentCalls(calls) {
  const rows = calls.map((c) => {
    const tr = el('tr', { class: `clickable${state.selectedCall === c.callSid ? ' selected' : ''}`, tabindex: 0, 'data-call': c.callSid,
      'aria-label': `Call at ${dateTime(c.createdAt)}, ${c.outcome || c.status}: show timeline` },
    cell(dateTime(c.createdAt)), cell(c.name), cell(c.fromPhone), el('td', {}, outcomeBadge(c)), cell(String(c.turn), 'num'),
    cell(c.isTest ? badge('test', 'test') : ''));
    const open = () => showTimeline(c.callSid);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    return tr;
  });
  fill('calls-recent', table('Recent calls', ['Started', 'Name', 'Caller', 'Outcome', { label: 'Turns', num: true }, ''], rows,
    { empty: 'No calls yet.' }));
  if (state.selectedCall) showTimeline(state.selectedCall, true);
}
async function showTimeline(callSid, quietly) {
  state.selectedCall = callSid;
  document.querySelectorAll('#calls-recent tr.clickable').forEach((tr) => tr.classList.toggle('selected', tr.dataset.call === callSid));
  let call;
  try {
    call = await api(`/api/console/calls/${encodeURIComponent(callSid)}`);
  } catch (e) {
    if (!quietly) fill('call-timeline', el('p', { class: 'error', text: e.message }));
    return;
  }
  const slots = Object.entries(call.slots).filter(([, v]) => v !== null && v !== undefined);
  fill('call-timeline', el('h3', { text: `Call ${call.callSid}` }),
    el('p', {}, outcomeBadge(call), ` · speech: ${call.speechEngine} · cost ${usd(call.costUsd)}`,
      call.appointmentId ? ` · appointment #${call.appointmentId}` : ''),
    el('ol', {}, call.turns.map((t) => el('li', {},
      el('strong', { text: t.turn === 0 ? 'Greeting' : `Turn ${t.turn}` }),
      t.sincePreviousMs ? ` (+${(t.sincePreviousMs / 1000).toFixed(1)} s)` : '',
      t.said ? el('div', {}, 'Caller: ', el('q', { text: t.said })) : null,
      t.heard ? el('div', {}, 'Bella: ', el('q', { text: t.heard })) : null))),
    slots.length ? el('p', {}, 'Understood: ', slots.map(([k, v]) => `${k} = ${v}`).join(', ')) : null,
    call.costs.length ? el('p', { class: 'hint' }, 'Costs: ', call.costs.map((c) => `${c.provider} ${c.item} ${usd(c.usd)}`).join(', ')) : null);
}
function renderCallbacks(list) {
  const rows = list.map((r) => el('tr', {}, cell(dateTime(r.createdAt)), cell(r.name), cell(r.phone), cell(r.reason),
    cell(r.isTest ? badge('test', 'test') : '')));
  fill('callbacks', table('Callback requests', ['When', 'Name', 'Call back on', 'Why', ''], rows, { empty: 'Nobody is waiting for a call back.' }));
}
function renderCustomers(list) {
  const rows = list.map((c) => el('tr', {}, cell(c.name), cell(c.phone), cell(String(c.appointments), 'num'),
    cell(String(c.upcoming), 'num'), cell(dateTime(c.lastActivity))));
  fill('customers', table('Customer activity', ['Customer', 'Phone', { label: 'Appointments', num: true },
    { label: 'Upcoming', num: true }, 'Last activity'], rows, { empty: 'No customers yet.' }));
}

// ---------- Analytics ----------
function chart(id, opts, data) {
  const target = $(id);
  if (state.charts[id]) state.charts[id].destroy();
  target.replaceChildren();
  if (typeof window.uPlot !== 'function') return;
  const width = Math.max(260, target.clientWidth || 400);
  state.charts[id] = new window.uPlot({ width, height: 220, ...opts }, data, target);
}
function dayAxis(days) { // x is the day's index: one label per day that fits
  return { space: 44, incrs: [1, 2, 7, 14, 28], values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) && days[t] ? days[t].slice(5) : '')) };
}
const fromZero = (u, min, max) => [0, max > 0 ? max * 1.15 : 1];
async function loadAnalytics() {
  let a;
  try {
    a = await api('/api/console/analytics?days=14');
  } catch (e) {
    return;
  }
  const days = a.daily.map((d) => d.day);
  const xs = days.map((d, i) => i);
  chart('chart-volume', {
    scales: { x: { time: false }, y: { range: fromZero }, pct: { range: [0, 100] } },
    axes: [dayAxis(days), { label: 'count' }, { scale: 'pct', side: 1, label: 'success %', grid: { show: false } }],
    series: [{}, { label: 'calls', stroke: '#1d4ed8', width: 2 }, { label: 'bookings', stroke: '#15803d', width: 2 },
      { label: 'success %', stroke: '#b45309', scale: 'pct', dash: [6, 4] }],
  }, [xs, a.daily.map((d) => d.calls), a.daily.map((d) => d.bookings),
    a.daily.map((d) => (d.successRate === null ? null : d.successRate * 100))]);
  const last = a.daily.slice(-7).reverse().map((d) => el('tr', {}, cell(d.day), cell(String(d.calls), 'num'),
    cell(String(d.bookings), 'num'), cell(pct(d.successRate), 'num'), cell(usd(d.usd), 'num')));
  fill('volume-table', table('Last days', ['Day', { label: 'Calls', num: true }, { label: 'Bookings', num: true },
    { label: 'Success', num: true }, { label: 'Cost', num: true }], last, { empty: 'No calls in the last 14 days.' }));
  chart('chart-cost', {
    scales: { x: { time: false }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.15 : 0.05] } },
    axes: [dayAxis(days), { label: 'USD', values: (u, t) => t.map((v) => `$${v.toFixed(3)}`), size: 70 }],
    series: [{}, { label: 'per call', stroke: '#1d4ed8', width: 2 }, { label: 'per booking', stroke: '#7c3aed', width: 2 }],
  }, [xs, a.daily.map((d) => d.usdPerCall), a.daily.map((d) => d.usdPerBooking)]);
  chart('chart-hours', {
    scales: { x: { time: false, range: [-0.5, 23.5] }, y: { range: fromZero } },
    axes: [{ values: (u, t) => t.map((h) => `${h}h`) }, { label: 'calls' }],
    series: [{}, { label: 'calls', stroke: '#0f766e', fill: 'rgba(15,118,110,.35)',
      paths: window.uPlot && window.uPlot.paths.bars ? window.uPlot.paths.bars({ size: [0.7, 40] }) : undefined }],
  }, [Array.from({ length: 24 }, (_, h) => h), Array.from({ length: 24 }, (_, h) => (a.peakHours.find((p) => p.hour === h) || {}).calls || 0)]);
  renderBudget(a.budget, null);
  const q = a.quality;
  fill('quality', el('div', { class: 'stats' },
    stat('calls (14 days)', q.calls), stat('Whisper fell back to Twilio', q.calls ? pct(q.sttFellBack / q.calls) : '—'),
    stat('calls heard by Whisper', q.whisperCalls), stat('turns per booking', Number(q.turnsPerBooking).toFixed(1)),
    stat('ended mid-conversation', q.calls ? pct(q.endedMidFlow / q.calls) : '—')));
  if (has('api-unified-business-metrics')) {
    const m = await api('/api/unified/business-metrics', { quiet: true }).catch(() => null);
    if (m && m.speech) renderBusiness(m);
  }
  if (has('api-unified-costs')) {
    const costs = await api('/api/unified/costs', { quiet: true }).catch(() => null);
    if (costs) {
      renderBudget(a.budget, costs);
      renderRecommendations(costs);
      return;
    }
  }
  fill('recommendations', el('p', { class: 'empty', text: 'Recommendations appear once Bella has analysed its cost ledger.' }));
}
function renderBusiness(m) {
  const sp = m.speech;
  const rate = (v) => (v === null || v === undefined ? '—' : pct(v));
  fill('quality', el('div', { class: 'stats' },
    stat(`calls (${m.windowDays} days)`, m.callSuccess.calls), stat('call success', rate(m.callSuccess.rate)),
    stat('recogniser confidence', sp.meanConfidence === null ? '—' : Number(sp.meanConfidence).toFixed(2)),
    stat('re-asked turns', rate(sp.reaskRate)), stat('corrected turns', rate(sp.correctionRate)),
    stat('turn time p95', m.latency.turnMs.p95 === null ? '—' : `${m.latency.turnMs.p95} ms`)));
  const names = { name: 'Name', phone: 'Phone', datetime: 'Date/time', service: 'Service', confirmation: 'Confirmation',
    intent: 'Intent', code: 'Code' };
  const rows = m.extraction.map((x) => el('tr', {}, cell(names[x.slot] || x.slot), cell(x.path), cell(String(x.turns), 'num'),
    cell(rate(x.successRate), 'num')));
  fill('extraction', table('Extraction success per slot and path', ['Slot', 'Path', { label: 'Turns', num: true },
    { label: 'Understood', num: true }], rows, { empty: 'No answered turns yet.' }));
}
function stat(k, v) { return el('div', { class: 'stat' }, el('div', { class: 'v', text: v ?? '—' }), el('div', { class: 'k', text: k })); }
function renderBudget(budget, costs) {
  const used = Number(budget.usedPercent || 0);
  const kind = used >= 100 ? 'bad' : used >= 80 ? 'warn' : '';
  const meter = el('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': Math.min(100, used), 'aria-label': 'Budget used this month' },
  el('div', { class: `fill ${kind}`, 'data-w': Math.min(100, used) }),
  [80, 90, 100].map((m) => el('span', { class: m === 100 ? 'mark end' : 'mark', 'data-left': m, text: `${m}%` })));
  // widths go through the CSSOM: the page's CSP allows no inline style attributes
  meter.querySelector('.fill').style.width = `${Math.min(100, used)}%`;
  meter.querySelectorAll('.mark').forEach((m) => { m.style.left = m.dataset.left === '100' ? '100%' : `calc(${m.dataset.left}% - 2px)`; });
  const found = costs && (costs.guard || costs.budgetGuard);
  const guard = found && found.mode ? found : null; // empty until the guard has judged the month once
  fill('budget', el('p', {}, `${usd(budget.spentUsd)} of ${usd(budget.monthlyUsd)} this month (${used.toFixed(1)}%)`), meter,
    el('p', { class: 'hint' }, 'Guard: ', guard ? [badge(guard.mode, guard.mode === 'normal' ? 'ok' : guard.mode === 'saving' ? 'warn' : 'bad'),
      ` speech: ${guard.speech}, model ${guard.model ? 'on' : 'off'}${guard.override ? ` (operator: ${guard.override})` : ''}`]
      : badge(used >= 100 ? 'over budget' : used >= 90 ? 'at 90%' : used >= 80 ? 'at 80%' : 'normal', kind || 'ok')),
    costs ? el('div', { class: 'stats' }, stat('cost per call (month)', usd(costs.costPerCall)),
      stat('cost per booked appointment', usd(costs.costPerBookedAppointment))) : null);
}
function renderRecommendations(costs) {
  const recs = costs.recommendations || [];
  fill('recommendations', recs.length ? el('ul', {}, recs.map((r) => el('li', {},
    typeof r === 'string' ? r : (r.title || r.text || r.summary || JSON.stringify(r)),
    r.estimatedMonthlySavingUsd !== undefined && r.estimatedMonthlySavingUsd !== null
      ? [' — ', el('strong', { class: 'saving', text: `saves about ${usd(r.estimatedMonthlySavingUsd)}/month` })] : '',
    r.detail ? el('div', { class: 'hint', text: r.detail }) : null))) :
    el('p', { class: 'empty', text: 'No recommendations this month.' }));
}

// ---------- System ----------
const HEALTH_LABELS = { database: 'PostgreSQL', kafka: 'Kafka', routes: 'routes', instance: 'instance', disk: 'data disk' };
async function loadSystem() {
  let s;
  try {
    s = await api('/api/console/system');
  } catch (e) {
    fill('health', el('p', { class: 'error', text: e.message }));
    return;
  }
  fill('health', el('ul', { class: 'stats' }, Object.entries(s.health).map(([k, v]) =>
    el('li', { class: 'stat' }, el('div', { class: 'k', text: HEALTH_LABELS[k] || k }),
      el('div', {}, badge(v === 'UP' ? 'up' : 'down', v === 'UP' ? 'ok' : 'bad')), v === 'UP' ? null : el('div', { class: 'hint', text: v })))));
  const brk = s.breakers.map((b) => el('tr', {}, cell(b.id), el('td', {}, badge(b.state.toLowerCase(), b.state === 'CLOSED' ? 'ok' : 'bad')),
    cell(b.failureRate === null ? '—' : `${b.failureRate.toFixed(0)}%`, 'num'), cell(String(b.bufferedCalls), 'num'),
    cell(String(b.notPermittedCalls), 'num')));
  fill('breakers', table('Circuit breakers', ['Breaker', 'State', { label: 'Failures', num: true }, { label: 'Calls in window', num: true },
    { label: 'Refused', num: true }], brk, { empty: 'No circuit breakers.' }));
  const routes = s.routes.map((r) => el('tr', {}, cell(r.id), cell(r.state), cell(String(r.exchanges), 'num'),
    el('td', { class: 'num' }, r.failed ? badge(String(r.failed), 'bad') : '0'), cell(String(r.inflight), 'num'),
    cell(`${r.meanMs} ms`, 'num'), cell(`${r.maxMs} ms`, 'num')));
  fill('routes', table('Routes', ['Route', 'State', { label: 'Exchanges', num: true }, { label: 'Failed', num: true },
    { label: 'In flight', num: true }, { label: 'Mean', num: true }, { label: 'Max', num: true }], routes));
  const j = s.jvm;
  fill('jvm', el('div', { class: 'stats' }, stat('outbox backlog', s.outbox.backlog),
    stat('oldest unsent', `${Math.round(s.outbox.oldestAgeSeconds)} s`),
    stat('heap used', `${bytes(j.heapUsedBytes)} of ${bytes(j.heapMaxBytes)}`),
    stat('process CPU', j.processCpu === undefined || j.processCpu < 0 ? '—' : pct(j.processCpu)),
    stat('threads', j.threads), stat('up for', `${Math.floor(j.uptimeSeconds / 60)} min`)));
  if (has('api-unified-business-metrics')) {
    const m = await api('/api/unified/business-metrics', { quiet: true }).catch(() => null);
    if (m && m.errors) {
      const rows = m.errors.map((e) => el('tr', {}, cell(e.service), cell(e.route), cell(e.exception.split('.').pop()),
        cell(String(e.count), 'num'), cell(dateTime(e.firstSeen)), cell(dateTime(e.lastSeen)), cell(e.sampleCorrelationId)));
      fill('errors', table('Errors by kind', ['Service', 'Route', 'Exception', { label: 'Count', num: true }, 'First seen',
        'Last seen', 'Sample id'], rows, { empty: 'No errors recorded.' }));
    }
  }
  if (has('api-unified-sla-metrics')) {
    const sla = await api('/api/unified/sla-metrics', { quiet: true }).catch(() => null);
    if (sla) { fill('slos', generic(sla)); return; }
  }
  fill('slos', el('p', { class: 'empty', text: 'Service-level objectives appear once Bella measures them (/api/unified/sla-metrics).' }));
}
// 0.9990000000000001 (binary floating point) reads as 0.999
function plain(v) { return typeof v === 'number' ? String(+v.toPrecision(12)) : v; }
function generic(value) { // renders any JSON answer readably: objects as lists, arrays of objects as tables
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === 'object') {
      const keys = Object.keys(value[0]).slice(0, 7);
      return table('Details', keys, value.map((row) => el('tr', {}, keys.map((k) => cell(typeof row[k] === 'object' ? JSON.stringify(row[k]) : plain(row[k]))))));
    }
    return el('p', { text: value.join(', ') });
  }
  if (value && typeof value === 'object') {
    return el('dl', { class: 'slots' }, Object.entries(value).map(([k, v]) => [el('dt', { text: k }),
      el('dd', {}, v && typeof v === 'object' ? generic(v) : String(plain(v)))]));
  }
  return el('span', { text: String(value) });
}

// ---------- Alerts ----------
async function loadAlerts() {
  const st = $('f-alert-state').value;
  let list;
  try {
    list = await api(`/api/alerts?limit=50${st ? `&state=${st}` : ''}`);
  } catch (e) {
    fill('alerts', el('p', { class: 'error', text: e.message }));
    return;
  }
  const open = list.filter((a) => a.state === 'raised').length;
  fill('alert-count', open ? String(open) : '');
  const sev = { critical: 'bad', high: 'bad', medium: 'warn', low: '' };
  const rows = list.map((a) => el('tr', { 'data-alert': a.id },
    el('td', {}, badge(a.severity, sev[a.severity])),
    el('td', {}, el('div', { text: a.title }), a.detail ? el('div', { class: 'hint', text: a.detail }) : null),
    el('td', {}, badge(a.state, a.state === 'resolved' ? 'ok' : a.state === 'raised' ? 'bad' : 'warn')),
    cell(dateTime(a.lastSeen)), cell(String(a.count), 'num'),
    el('td', {}, a.deliveries.length ? a.deliveries.map((d) => el('div', {},
      badge(`${d.channel}: ${d.status}`, d.status === 'sent' ? 'ok' : d.status === 'failed' ? 'bad' : ''),
      d.lastError ? el('span', { class: 'hint', text: ` ${d.lastError}` }) : null)) : '—'),
    el('td', {}, canWrite() && a.state === 'raised' ? el('button', { type: 'button', class: 'small', text: 'Acknowledge',
      'aria-label': `Acknowledge: ${a.title}`, onclick: () => alertAction(a, 'ack') }) : null,
    canWrite() && a.state !== 'resolved' ? el('button', { type: 'button', class: 'small secondary', text: 'Resolve',
      'aria-label': `Resolve: ${a.title}`, onclick: () => alertAction(a, 'resolve') }) : null)));
  fill('alerts', table('Alerts', ['Severity', 'Alert', 'State', 'Last seen', { label: 'Count', num: true }, 'Delivered', ''], rows,
    { empty: 'No alerts.' }));
}
async function alertAction(a, action) {
  try {
    await api(`/api/alerts/${a.id}/${action}`, { method: 'POST', body: {} });
    fill('alerts-message', `${action === 'ack' ? 'Acknowledged' : 'Resolved'}: ${a.title}`);
  } catch (e) {
    fill('alerts-message', e.message);
  }
  loadAlerts();
}
async function testAlert() {
  try {
    await api('/api/alerts/test', { method: 'POST', body: {} });
    fill('alerts-message', 'Test alert sent to every channel; the delivery results appear below.');
  } catch (e) {
    fill('alerts-message', e.message);
  }
  loadAlerts();
}
async function declareMaintenance(event) {
  event.preventDefault();
  if (!has('api-alerts-maintenance')) {
    fill('maintenance-message', 'This Bella cannot hold alerts for maintenance yet.');
    return;
  }
  const start = $('m-start').value;
  const body = { start: `${start}:00${offset(state.zone, start.slice(0, 10))}`, minutes: Number($('m-minutes').value),
    reason: $('m-reason').value };
  try {
    await api('/api/alerts/maintenance', { method: 'POST', body });
    fill('maintenance-message', 'Maintenance window declared: alerts are held for its length.');
  } catch (e) {
    fill('maintenance-message', e.message);
  }
}

// ---------- Test call ----------
function renderTestCallState() {
  const ready = state.testCalls === 'ready';
  fill('call-message', ready ? (state.call ? '' : 'Start a call to hear Bella.') : state.testCalls);
  $('call-start').disabled = !ready || !canWrite();
}
function log(kind, text) {
  const li = el('li', { class: kind }, kind === 'bella' ? el('strong', { text: 'Bella: ' }) : kind === 'caller' ? el('strong', { text: 'You: ' }) : null, text);
  $('call-log').append(li);
  li.scrollIntoView({ block: 'nearest' });
}
async function callStep(body) {
  setCallInputs(false);
  let step;
  try {
    step = await api('/api/console/test-call', { method: 'POST', body });
  } catch (e) {
    fill('call-message', e.message);
    setCallInputs(!!(state.call && state.call.action));
    return;
  }
  state.call = step;
  step.heard.forEach((h) => log('bella', h));
  renderSlots(step);
  if (step.ended) {
    log('system', step.ended === 'hangup' || step.ended === 'hung up' ? 'Call ended.' : `Call ended: ${step.ended}`);
    state.call = { ...step, action: null };
  }
  $('call-hangup').disabled = !step.action;
  setCallInputs(!!step.action);
  if (step.action) $('call-text').focus();
}
function setCallInputs(on) {
  $('call-text').disabled = !on;
  $('call-send').disabled = !on;
  $('keypad').querySelectorAll('button').forEach((b) => { b.disabled = !on; });
}
function renderSlots(step) {
  const s = step.slots || {};
  const names = { intent: 'Wants to', name: 'Name', phone: 'Phone', service: 'Service', date: 'Day', time: 'Time', start: 'Booked start',
    durationMinutes: 'Minutes' };
  fill('call-slots', el('p', {}, 'Step: ', badge((step.step || '—').replaceAll('_', ' ').toLowerCase()),
    step.outcome ? [' ', outcomeBadge({ outcome: step.outcome })] : null),
  el('dl', { class: 'slots' }, Object.entries(names).map(([k, label]) => [el('dt', { text: label }),
    el('dd', { class: s[k] === null || s[k] === undefined ? 'unset' : '', text: s[k] ?? 'not yet' })])),
  step.appointmentId ? el('p', {}, badge(`appointment #${step.appointmentId} booked`, 'ok')) : null);
}
function wireTestCall() {
  $('call-start').addEventListener('click', () => {
    fill('call-log');
    fill('call-message', '');
    state.call = null;
    log('system', 'Calling Bella…');
    callStep({});
  });
  $('call-hangup').addEventListener('click', () => {
    if (state.call) callStep({ callSid: state.call.callSid, hangUp: true });
  });
  $('call-say').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('call-text').value.trim();
    if (!text || !state.call) return;
    log('caller', text);
    $('call-text').value = '';
    callStep({ callSid: state.call.callSid, action: state.call.action, speech: text });
  });
  fill('keypad', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'].map((k) => el('button', { type: 'button', disabled: true,
    text: k, 'aria-label': `Press ${k}`, onclick: () => {
      if (!state.call) return;
      log('caller', `pressed ${k}`);
      callStep({ callSid: state.call.callSid, action: state.call.action, digits: k });
    } })));
}

function wireForms() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  ['f-day', 'f-span', 'f-provider', 'f-service'].forEach((id) => $(id).addEventListener('change', () => {
    state.day = $('f-day').value || state.day;
    loadAppointments();
  }));
  $('f-alert-state').addEventListener('change', loadAlerts);
  $('test-alert').addEventListener('click', testAlert);
  $('maintenance-form').addEventListener('submit', declareMaintenance);
  wireTestCall();
  window.addEventListener('resize', () => { if (state.tab === 'analytics') loadAnalytics(); });
}

start();
