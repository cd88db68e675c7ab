// Bulwark console: plain browser JavaScript, no dependencies. Reads /console/api/* and acts only through /admin/*.
'use strict';

const KEY = 'bulwark-console-key';
const COLOURS = ['#cf222e', '#fb8f44', '#8250df', '#bf3989', '#0969da', '#1a7f37', '#9a6700', '#57606a'];
const $ = (selector) => document.querySelector(selector);
let key = sessionStorage.getItem(KEY);
let role = null;
let timer = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    if (c instanceof Node) { const td = document.createElement('td'); td.appendChild(c); tr.appendChild(td); }
    else if (c && typeof c === 'object') { const td = el('td', c.text, c.cls); tr.appendChild(td); }
    else tr.appendChild(el('td', c));
  }
  return tr;
}

function pill(text) { return el('span', text, 'pill ' + text); }

function when(iso) { return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + key };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + response.status));
  return json;
}

function say(text, ok) {
  const s = $('#status');
  s.textContent = text;
  s.className = ok ? 'ok' : 'error';
}

async function act(description, method, path, body) {
  try {
    const result = await api(method, path, body);
    say(description + ': done', true);
    await refresh();
    return result;
  } catch (e) {
    say(description + ': ' + e.message, false);
    return null;
  }
}

function button(label, onClick, cls) {
  const b = el('button', label, cls);
  b.type = 'button';
  b.dataset.action = label.toLowerCase();
  b.addEventListener('click', onClick);
  return b;
}

function adminButtons(...buttons) {
  const span = el('span');
  if (role === 'admin') for (const b of buttons) span.appendChild(b);
  return span;
}

function renderChart(o) {
  const width = 900, height = 180, n = o.minutes, bar = width / n;
  const categories = Object.keys(o.blocks);
  const max = Math.max(1, ...o.requests);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 16}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'requests and blocks per minute');
  const rect = (x, y, w, h, fill, title) => {
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', x); r.setAttribute('y', y); r.setAttribute('width', w); r.setAttribute('height', h); r.setAttribute('fill', fill);
    const t = document.createElementNS(ns, 'title'); t.textContent = title; r.appendChild(t);
    svg.appendChild(r);
  };
  const start = new Date(o.start).getTime();
  for (let i = 0; i < n; i++) {
    const label = new Date(start + i * 60000).toISOString().slice(11, 16);
    const total = o.requests[i];
    if (total > 0) rect(i * bar + 1, height - total / max * height, bar - 2, total / max * height, '#d0d7de', `${label}: ${total} requests`);
    let y = height;
    categories.forEach((c, k) => {
      const v = o.blocks[c][i];
      if (v === 0) return;
      const h = v / max * height;
      y -= h;
      rect(i * bar + 1, y, bar - 2, h, COLOURS[k % COLOURS.length], `${label}: ${v} blocked (${c})`);
    });
  }
  for (const [x, text, anchor] of [[0, new Date(start).toISOString().slice(11, 16), 'start'], [width, 'now', 'end']]) {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', x); t.setAttribute('y', height + 13); t.setAttribute('text-anchor', anchor); t.textContent = text;
    svg.appendChild(t);
  }
  const t = document.createElementNS(ns, 'text');
  t.setAttribute('x', 4); t.setAttribute('y', 10); t.textContent = 'max ' + max + '/min';
  svg.appendChild(t);
  $('#chart').replaceChildren(svg);
  const legend = $('#legend');
  legend.replaceChildren();
  const item = (colour, text) => { const s = el('span'); const i = el('i'); i.style.background = colour; s.appendChild(i); s.appendChild(document.createTextNode(text)); legend.appendChild(s); };
  item('#d0d7de', 'requests');
  categories.forEach((c, k) => item(COLOURS[k % COLOURS.length], 'blocked: ' + c));
}

function renderOverview(o) {
  renderChart(o);
  $('#top tbody').replaceChildren(...o.top_principals.map(p => row([p.principal, { text: p.requests, cls: 'num' }, { text: p.blocks, cls: 'num' }, { text: p.denials, cls: 'num' }])));
  const a = o.audit;
  const dl = $('#audit');
  dl.replaceChildren();
  const item = (k, v, cls) => { dl.appendChild(el('dt', k)); dl.appendChild(el('dd', v, cls)); };
  item('Records', a.size.toLocaleString('en'));
  item('Origin', a.origin, 'mono');
  item('Last checkpoint', a.checkpoint ? `size ${a.checkpoint.size.toLocaleString('en')} at ${when(a.checkpoint.time)}` : 'none yet');
  item('Root hash', a.checkpoint ? a.checkpoint.note.split('\n')[2] : '', 'mono');
  item('Verifier key', a.verifier_key, 'mono');
  item('Witness quorum', a.witnesses.length ? `${a.quorum} of ${a.witnesses.length}` : 'no witnesses configured');
  $('#witnesses tbody').replaceChildren(...a.witnesses.map(w => row([w.name, { text: w.cosigned_size, cls: 'num' }, when(w.last_cosigned), { text: w.last_error || '', cls: 'error' }])));
}

function renderAccess(x) {
  $('#principals tbody').replaceChildren(...x.principals.map(p => {
    const tr = row([p.id, (p.groups || []).join(', '), { text: p.keys, cls: 'num' }, p.offender_level, pill(p.suspended ? 'suspended' : 'active'),
      adminButtons(p.suspended
        ? button('Unsuspend', () => act(`unsuspend ${p.id}`, 'POST', `/admin/principals/${encodeURIComponent(p.id)}/unsuspend`))
        : button('Suspend', () => act(`suspend ${p.id}`, 'POST', `/admin/principals/${encodeURIComponent(p.id)}/suspend`), 'danger'))]);
    tr.dataset.principal = p.id;
    return tr;
  }));
  $('#keys tbody').replaceChildren(...x.keys.map(k => {
    const roleText = k.admin ? 'admin' : k.auditor ? 'auditor' : 'user';
    const active = k.status === 'active';
    const tr = row([el('code', k.id), k.principal, roleText, pill(k.status), when(k.created), when(k.last_used),
      adminButtons(...(active ? [
        button('Revoke', () => act(`revoke ${k.id}`, 'POST', `/admin/keys/${encodeURIComponent(k.id)}/revoke`), 'danger'),
        button('Rotate', async () => {
          const r = await act(`rotate ${k.id}`, 'POST', `/admin/keys/${encodeURIComponent(k.id)}/rotate`);
          if (r && r.key) { const p = $('#new-key'); p.hidden = false; p.textContent = `New key for ${k.principal} (shown once): ${r.key}`; }
        })] : []))]);
    tr.dataset.key = k.id;
    return tr;
  }));
  $('#directives tbody').replaceChildren(...x.directives.map(d => {
    const tr = row([el('code', d.id), `${d.model} only for ${(d.allowGroups || []).join(', ')}`, d.reason, d.issuer, pill(d.status),
      adminButtons(...(d.status === 'lifted' ? [] : [button('Lift', () => act(`lift ${d.id}`, 'DELETE', `/admin/directives/${encodeURIComponent(d.id)}`))]))]);
    tr.dataset.directive = d.id;
    return tr;
  }));
  $('#killswitches tbody').replaceChildren(...x.killswitches.map(k => row([k.scope, k.name || '(all)', pill(k.on ? 'on' : 'off'), k.set_by,
    adminButtons(...(k.on ? [button('Lift', () => act(`kill switch off ${k.scope} ${k.name}`, 'POST', '/admin/killswitch', { scope: k.scope, name: k.name || undefined, on: false }))] : []))])));
  const select = $('#d-model');
  if (select.options.length !== x.models.length) select.replaceChildren(...x.models.map(m => { const o = el('option', m); o.value = m; return o; }));
}

async function refresh() {
  try {
    const [overview, access] = await Promise.all([api('GET', '/console/api/overview'), api('GET', '/console/api/access')]);
    renderOverview(overview);
    renderAccess(access);
  } catch (e) {
    say('refresh failed: ' + e.message, false);
  }
}

async function signIn(candidate) {
  key = candidate;
  const session = await api('GET', '/console/api/session');
  role = session.role;
  sessionStorage.setItem(KEY, key);
  document.body.classList.toggle('auditor', role !== 'admin');
  $('#role').textContent = `${session.principal} (${role}${role === 'admin' ? '' : ', read-only'})`;
  $('#who').hidden = false;
  $('#signin-panel').hidden = true;
  $('#app').hidden = false;
  await refresh();
  timer = setInterval(refresh, 5000);
}

function signOut() {
  sessionStorage.removeItem(KEY);
  key = null; role = null;
  if (timer) clearInterval(timer);
  location.reload();
}

document.addEventListener('DOMContentLoaded', () => {
  $('#signin').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#signin-error').textContent = '';
    try { await signIn($('#key').value.trim()); $('#key').value = ''; }
    catch (err) { key = null; $('#signin-error').textContent = 'Sign-in failed: ' + err.message; }
  });
  $('#signout').addEventListener('click', signOut);
  $('#verify').addEventListener('click', async () => {
    const out = $('#verify-result');
    out.textContent = 'verifying…';
    out.className = 'muted';
    try {
      const r = await api('POST', '/console/api/verify');
      out.textContent = r.result + (r.witnesses ? ' — ' + r.witnesses : '');
      out.className = r.valid ? 'ok' : 'bad';
    } catch (e) { out.textContent = e.message; out.className = 'bad'; }
  });
  $('#directive-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const groups = $('#d-groups').value.split(',').map(g => g.trim()).filter(g => g);
    act('issue directive', 'POST', '/admin/directives', { model: $('#d-model').value, allowGroups: groups, reason: $('#d-reason').value });
  });
  const kill = (on) => {
    const scope = $('#k-scope').value, name = $('#k-name').value.trim();
    act(`kill switch ${on ? 'on' : 'off'} ${scope} ${name}`, 'POST', '/admin/killswitch', { scope, name: name || undefined, on });
  };
  $('#kill-form').addEventListener('submit', (e) => { e.preventDefault(); kill(true); });
  $('#k-off').addEventListener('click', () => kill(false));
  if (key) signIn(key).catch(() => { sessionStorage.removeItem(KEY); key = null; });
});
