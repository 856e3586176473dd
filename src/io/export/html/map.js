'use strict';
// depdig's interactive map. Reads the workspace data from #depdig-data (JSON.parse of its
// text) and writes every workspace text with textContent: no eval, no innerHTML, no inline
// handlers. Fragment: #select=ID, #find=TEXT, #hide=TYPE,TYPE, #tab=ID, #finding=N.
(function () {
  const data = JSON.parse(document.getElementById('depdig-data').textContent);
  const systems = new Map(data.systems.map((s) => [s.id, s]));
  const deps = new Map(data.dependencies.map((d) => [d.id, d]));
  const stage = document.getElementById('stage');
  const tooltip = document.getElementById('tooltip');
  const details = document.getElementById('details');
  const findBox = document.getElementById('find');
  const findCount = document.getElementById('find-count');
  const note = document.getElementById('note');
  const pictures = Array.from(document.querySelectorAll('.picture'));
  const hidden = new Set();
  const views = new Map(); // picture index -> {svg, home: [x, y, w, h], box: [x, y, w, h]}
  const state = { tab: null, selected: null, finding: null, query: '' };

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function nameOf(id) {
    const s = systems.get(id);
    return s ? s.name : id;
  }

  // Pan and zoom: each picture's viewBox.
  pictures.forEach((p, i) => {
    const svg = p.querySelector('svg');
    if (!svg) return;
    const vb = (svg.getAttribute('viewBox') || '0 0 100 100').split(/\s+/).map(Number);
    views.set(i, { svg: svg, home: vb.slice(), box: vb.slice() });
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.querySelectorAll('g.system').forEach((g) => {
      const s = systems.get(g.getAttribute('data-id'));
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', s ? s.name + ', ' + s.kind : g.getAttribute('data-id'));
    });
    svg.querySelectorAll('g.legend-entry[data-type]').forEach((g) => {
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', 'Show or hide ' + g.getAttribute('data-type'));
    });
  });
  function current() {
    const tab = data.tabs.find((t) => t.id === state.tab);
    return tab && tab.picture !== null && tab.picture !== undefined ? views.get(tab.picture) : null;
  }
  function apply(v) {
    v.svg.setAttribute('viewBox', v.box.map((n) => n.toFixed(2)).join(' '));
  }
  function unitsPerPixel(v) {
    const r = v.svg.getBoundingClientRect();
    return Math.max(v.box[2] / Math.max(r.width, 1), v.box[3] / Math.max(r.height, 1));
  }
  function toMap(v, clientX, clientY) {
    const r = v.svg.getBoundingClientRect();
    const k = unitsPerPixel(v);
    const cx = v.box[0] + v.box[2] / 2 + (clientX - (r.left + r.width / 2)) * k;
    const cy = v.box[1] + v.box[3] / 2 + (clientY - (r.top + r.height / 2)) * k;
    return [cx, cy];
  }
  function zoom(factor, clientX, clientY) {
    const v = current();
    if (!v) return;
    const at = clientX === undefined ? [v.box[0] + v.box[2] / 2, v.box[1] + v.box[3] / 2]
      : toMap(v, clientX, clientY);
    const w = v.box[2] * factor;
    const limit = v.home[2] * 8;
    if (w < v.home[2] / 40 || w > limit) return;
    v.box = [at[0] - (at[0] - v.box[0]) * factor, at[1] - (at[1] - v.box[1]) * factor, w,
      v.box[3] * factor];
    apply(v);
  }
  // The first time a picture is shown, its home is what is drawn (map, title, legend) with a
  // margin, rather than the whole slide.
  function settle(v) {
    if (v.settled) return;
    const parts = Array.from(v.svg.children).filter((c) => c.tagName !== 'title' &&
      c.tagName !== 'style' && !c.classList.contains('background'));
    let box = null;
    parts.forEach((c) => {
      const r = c.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      const a = toMap(v, r.left, r.top);
      const b = toMap(v, r.right, r.bottom);
      box = box ? [Math.min(box[0], a[0]), Math.min(box[1], a[1]), Math.max(box[2], b[0]),
        Math.max(box[3], b[1])] : [a[0], a[1], b[0], b[1]];
    });
    if (!box || v.svg.getBoundingClientRect().width === 0) return;
    v.settled = true;
    const m = Math.max(box[2] - box[0], box[3] - box[1]) * 0.02;
    v.home = [box[0] - m, box[1] - m, box[2] - box[0] + 2 * m, box[3] - box[1] + 2 * m];
    v.box = v.home.slice();
    apply(v);
  }
  function fit() {
    const v = current();
    if (!v) return;
    v.box = v.home.slice();
    apply(v);
  }
  // Brings a system into view: zoomed in until names are drawn at 80 % of their designed size
  // (1.25 picture units per screen pixel) when they were drawn smaller than 60 %, else only
  // panned to the middle when it is outside the middle 80 % of the view.
  function reveal(id) {
    const v = current();
    if (!v) return;
    const g = v.svg.querySelector('g.system[data-id="' + CSS.escape(id) + '"]');
    if (!g) return;
    const r = g.getBoundingClientRect();
    const s = v.svg.getBoundingClientRect();
    const c = toMap(v, r.left + r.width / 2, r.top + r.height / 2);
    const k = unitsPerPixel(v);
    const f = k > 1.6 ? 1.25 / k : 1;
    const inside = r.left > s.left + s.width * 0.1 && r.right < s.right - s.width * 0.1 &&
      r.top > s.top + s.height * 0.1 && r.bottom < s.bottom - s.height * 0.1;
    if (f === 1 && inside) return;
    const w = v.box[2] * f;
    const h = v.box[3] * f;
    v.box = [c[0] - w / 2, c[1] - h / 2, w, h];
    apply(v);
  }
  function pan(dxPx, dyPx) {
    const v = current();
    if (!v) return;
    const k = unitsPerPixel(v);
    v.box[0] -= dxPx * k;
    v.box[1] -= dyPx * k;
    apply(v);
  }
  let drag = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  stage.addEventListener('pointermove', (e) => {
    if (drag && drag.id === e.pointerId) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
        stage.classList.add('dragging');
        stage.setPointerCapture(e.pointerId);
        hideTip();
      }
      if (drag.moved) {
        pan(dx, dy);
        drag.x = e.clientX;
        drag.y = e.clientY;
      }
      return;
    }
    const g = e.target.closest ? e.target.closest('g.system') : null;
    if (g) showTip(g.getAttribute('data-id'), e.clientX, e.clientY);
    else hideTip();
  });
  stage.addEventListener('pointerup', (e) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    stage.classList.remove('dragging');
    if (wasDrag) return;
    const g = e.target.closest ? e.target.closest('g.system') : null;
    const entry = e.target.closest ? e.target.closest('g.legend-entry[data-type]') : null;
    if (g) select(g.getAttribute('data-id'));
    else if (entry) toggleType(entry.getAttribute('data-type'));
  });
  stage.addEventListener('pointerleave', hideTip);
  stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, { passive: false });
  stage.addEventListener('focusin', (e) => {
    const g = e.target.closest ? e.target.closest('g.system') : null;
    if (!g) return;
    const r = g.getBoundingClientRect();
    showTip(g.getAttribute('data-id'), r.right, r.bottom);
  });
  stage.addEventListener('focusout', hideTip);
  stage.addEventListener('keydown', (e) => {
    const g = e.target.closest ? e.target.closest('g.system') : null;
    if (g && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      select(g.getAttribute('data-id'));
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.target === findBox || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = 60;
    const keys = {
      '+': () => zoom(1 / 1.25), '=': () => zoom(1 / 1.25), '-': () => zoom(1.25),
      '0': fit, ArrowLeft: () => pan(step, 0), ArrowRight: () => pan(-step, 0),
      ArrowUp: () => pan(0, step), ArrowDown: () => pan(0, -step),
      Escape: () => { select(null); setFinding(null); },
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  });
  document.getElementById('zoom-in').addEventListener('click', () => zoom(1 / 1.25));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1.25));
  document.getElementById('fit').addEventListener('click', fit);

  // Hover: kind, owner, tech and dependants.
  function dependantsOf(id) {
    const out = [];
    deps.forEach((d) => { if (d.to === id && inTab(d)) out.push(d.from); });
    return Array.from(new Set(out));
  }
  function inTab(item) {
    const tab = data.tabs.find((t) => t.id === state.tab);
    return !item.scenario || (tab && tab.scenario === item.scenario);
  }
  function showTip(id, x, y) {
    const s = systems.get(id);
    if (!s) return;
    tooltip.textContent = '';
    tooltip.appendChild(el('strong', s.name));
    tooltip.appendChild(el('div', s.kind + (s.criticality ? ' · ' + s.criticality + ' criticality' : '')));
    if (s.owner) tooltip.appendChild(el('div', 'Owner: ' + s.owner));
    if (s.tech) tooltip.appendChild(el('div', 'Tech: ' + s.tech));
    const direct = dependantsOf(id);
    let line = 'Dependants: ' + direct.length + ' direct';
    if (s.dependants > direct.length) line += ', ' + s.dependants + ' in all';
    tooltip.appendChild(el('div', line));
    if (direct.length) {
      const names = direct.slice(0, 6).map(nameOf).join(', ');
      tooltip.appendChild(el('div', names + (direct.length > 6 ? ', …' : ''), 'muted'));
    }
    tooltip.hidden = false;
    const r = stage.getBoundingClientRect();
    const left = Math.min(x - r.left + 14, r.width - tooltip.offsetWidth - 4);
    const top = Math.min(y - r.top + 14, r.height - tooltip.offsetHeight - 4);
    tooltip.style.left = Math.max(left, 4) + 'px';
    tooltip.style.top = Math.max(top, 4) + 'px';
  }
  function hideTip() {
    tooltip.hidden = true;
  }

  // Details of the selected system.
  function linkTo(id) {
    const b = el('button', nameOf(id), 'link');
    b.type = 'button';
    b.addEventListener('click', () => select(id, true));
    return b;
  }
  function depList(title, list, other) {
    details.appendChild(el('h3', title + ' (' + list.length + ')'));
    if (!list.length) {
      details.appendChild(el('p', 'none', 'muted'));
      return;
    }
    const ul = el('ul');
    list.forEach((d) => {
      const li = el('li');
      li.appendChild(linkTo(other(d)));
      const extra = [d.kind_label, d.label, d.protocol].filter((x) => x).join(' · ');
      li.appendChild(el('span', ' — ' + extra, 'muted'));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function renderDetails(id) {
    details.textContent = '';
    const s = systems.get(id);
    if (!s) {
      details.appendChild(el('h2', 'Details'));
      details.appendChild(el('p', 'Click a system, or Tab to one and press Enter.', 'hint'));
      return;
    }
    details.appendChild(el('h2', s.name));
    const facts = el('dl', null, 'facts');
    [['Kind', s.kind], ['Criticality', s.criticality], ['Owner', s.owner], ['Tech', s.tech],
      ['Group', s.group], ['Id', s.id]].forEach((f) => {
      if (!f[1]) return;
      facts.appendChild(el('dt', f[0]));
      facts.appendChild(el('dd', f[1]));
    });
    details.appendChild(facts);
    if (s.description) details.appendChild(el('p', s.description));
    const all = Array.from(deps.values()).filter(inTab);
    depList('Depends on', all.filter((d) => d.from === id), (d) => d.to);
    depList('Used by', all.filter((d) => d.to === id), (d) => d.from);
    const touching = new Set([id]);
    all.forEach((d) => { if (d.from === id || d.to === id) touching.add(d.id); });
    const debt = data.debt.filter((d) => d.links.some((l) => touching.has(l)));
    details.appendChild(el('h3', 'Open debt (' + debt.length + ')'));
    const dl = el('ul');
    debt.forEach((d) => {
      const li = el('li', d.title);
      li.appendChild(el('span', ' — impact ' + d.impact + ', ' + d.status.toLowerCase() +
        (d.owner ? ', ' + d.owner : ''), 'muted'));
      dl.appendChild(li);
    });
    if (debt.length) details.appendChild(dl);
    else details.appendChild(el('p', 'none', 'muted'));
    const fms = data.failure_modes.filter((f) => touching.has(f.element));
    fms.sort((a, b) => b.rpn - a.rpn);
    details.appendChild(el('h3', 'Failure modes (' + fms.length + ')'));
    const fl = el('ul');
    fms.forEach((f) => {
      const li = el('li', f.title);
      const on = f.element === id ? '' : ', on ' + (deps.has(f.element)
        ? nameOf(deps.get(f.element).from) + ' → ' + nameOf(deps.get(f.element).to) : f.element);
      li.appendChild(el('span', ' — RPN ' + f.rpn + ', ' + (f.last_rehearsal
        ? 'last rehearsed ' + f.last_rehearsal : 'never rehearsed') + on, 'muted'));
      fl.appendChild(li);
    });
    if (fms.length) details.appendChild(fl);
    else details.appendChild(el('p', 'none', 'muted'));
  }
  function marks() {
    views.forEach((v) => {
      v.svg.querySelectorAll('g.system').forEach((g) => {
        const id = g.getAttribute('data-id');
        g.classList.toggle('sel', id === state.selected);
      });
      v.svg.querySelectorAll('g.dependency').forEach((g) => {
        const d = deps.get(g.getAttribute('data-id'));
        g.classList.toggle('touch', !!d && (d.from === state.selected || d.to === state.selected));
      });
    });
  }
  function select(id, show) {
    state.selected = id && systems.has(id) ? id : null;
    if (state.selected) setFinding(null);
    marks();
    renderDetails(state.selected);
    if (state.selected && show) reveal(state.selected);
  }

  // Find box.
  function find(query) {
    state.query = query;
    const q = query.trim().toLowerCase();
    let first = null;
    let count = 0;
    views.forEach((v) => {
      v.svg.querySelectorAll('g.system').forEach((g) => {
        const s = systems.get(g.getAttribute('data-id'));
        const hit = q !== '' && !!s && (s.name.toLowerCase().includes(q) || s.id.toLowerCase().includes(q));
        g.classList.toggle('match', hit);
        if (hit && v === current()) {
          count += 1;
          if (!first) first = s.id;
        }
      });
      v.svg.classList.toggle('narrow', q !== '' || state.finding !== null);
    });
    findCount.textContent = q === '' ? '' : count === 1 ? '1 match' : count + ' matches';
    return first;
  }
  findBox.addEventListener('input', () => find(findBox.value));
  findBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = find(findBox.value);
      if (first) select(first, true);
    } else if (e.key === 'Escape') {
      findBox.value = '';
      find('');
    }
  });

  // Legend: dependency types as toggles.
  const typeButtons = new Map();
  const typeList = document.getElementById('type-list');
  data.types.forEach((t) => {
    const b = el('button', t[1]);
    b.type = 'button';
    b.setAttribute('aria-pressed', 'true');
    b.setAttribute('data-type', t[0]);
    b.addEventListener('click', () => toggleType(t[0]));
    typeButtons.set(t[0], b);
    typeList.appendChild(b);
  });
  function toggleType(type, hide) {
    const off = hide === undefined ? !hidden.has(type) : hide;
    if (off) hidden.add(type);
    else hidden.delete(type);
    views.forEach((v) => {
      v.svg.querySelectorAll('g.dependency[data-type="' + type + '"],g.legend-entry[data-type="' +
        type + '"]').forEach((g) => g.classList.toggle('off', off));
    });
    const b = typeButtons.get(type);
    if (b) b.setAttribute('aria-pressed', off ? 'false' : 'true');
    document.body.setAttribute('data-hidden-types', Array.from(hidden).sort().join(','));
  }

  // Findings, by rank; each highlights what it involves.
  const findingButtons = [];
  const findingList = document.getElementById('finding-list');
  if (!data.findings.length) findingList.appendChild(el('li', 'No findings.', 'muted'));
  data.findings.forEach((f, i) => {
    const li = el('li', null, f.accepted ? 'accepted' : '');
    const b = el('button');
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.appendChild(el('span', f.severity, 'sev sev-' + f.severity));
    b.appendChild(el('strong', f.kind + ': '));
    b.appendChild(el('span', f.sentence));
    b.addEventListener('click', () => setFinding(state.finding === i ? null : i));
    findingButtons.push(b);
    li.appendChild(b);
    findingList.appendChild(li);
  });
  function setFinding(i) {
    state.finding = i === null || i === undefined || !data.findings[i] ? null : i;
    const f = state.finding === null ? null : data.findings[state.finding];
    const involved = new Set(f ? f.systems.concat(f.dependencies) : []);
    findingButtons.forEach((b, j) => b.setAttribute('aria-pressed', j === state.finding ? 'true' : 'false'));
    views.forEach((v) => {
      v.svg.querySelectorAll('g.system,g.dependency').forEach((g) => {
        g.classList.toggle('inv', involved.has(g.getAttribute('data-id')));
      });
      v.svg.classList.toggle('narrow', f !== null || state.query.trim() !== '');
    });
    if (f) {
      state.selected = null;
      marks();
      details.textContent = '';
      details.appendChild(el('h2', '#' + f.rank + ' ' + f.kind));
      details.appendChild(el('p', f.sentence));
      if (f.mitigation) {
        details.appendChild(el('h3', 'Mitigation'));
        details.appendChild(el('p', f.mitigation));
      }
      if (f.accepted) details.appendChild(el('p', 'Accepted: ' + f.accepted, 'muted'));
      details.appendChild(el('h3', 'Systems (' + f.systems.length + ')'));
      const ul = el('ul');
      f.systems.forEach((id) => { const li = el('li'); li.appendChild(linkTo(id)); ul.appendChild(li); });
      details.appendChild(ul);
    }
  }

  // Tabs: the map, each saved view, each scenario's difference.
  const tabButtons = new Map();
  const nav = document.getElementById('tabs');
  data.tabs.forEach((t) => {
    const prefix = t.kind === 'view' ? 'View: ' : t.kind === 'scenario' ? 'Scenario: ' : '';
    const b = el('button', prefix + t.label);
    b.type = 'button';
    b.title = prefix + t.label;
    b.setAttribute('role', 'tab');
    b.setAttribute('data-tab', t.id);
    b.addEventListener('click', () => showTab(t.id));
    tabButtons.set(t.id, b);
    nav.appendChild(b);
  });
  if (data.tabs.length < 2) nav.hidden = true;
  function showTab(id) {
    const tab = data.tabs.find((t) => t.id === id) || data.tabs[0];
    state.tab = tab.id;
    pictures.forEach((p, i) => { p.hidden = i !== tab.picture; });
    tabButtons.forEach((b, key) => b.setAttribute('aria-selected', key === tab.id ? 'true' : 'false'));
    note.textContent = tab.note;
    note.hidden = !tab.note;
    const v = current();
    if (v) settle(v);
    find(state.query);
    if (state.selected) renderDetails(state.selected);
  }

  // The URL fragment: #select=ID&find=TEXT&hide=async,data&tab=ID&finding=N.
  function fromFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    showTab(params.get('tab') || state.tab || 'map');
    (params.get('hide') || '').split(',').filter((t) => t).forEach((t) => toggleType(t, true));
    if (params.has('find')) {
      findBox.value = params.get('find');
      find(findBox.value);
    }
    if (params.has('finding')) setFinding(Number(params.get('finding')) - 1);
    if (params.has('select')) select(params.get('select'), true);
  }
  window.addEventListener('hashchange', fromFragment);
  showTab('map');
  fromFragment();
  document.body.setAttribute('data-ready', 'true');
  // Whether the embedded font loaded (the browser test reads it): loaded, error or none.
  document.fonts.ready.then(() => {
    const faces = [];
    document.fonts.forEach((f) => faces.push(f.status));
    const status = faces.length === 0 ? 'none' : faces.every((s) => s === 'loaded') ? 'loaded'
      : faces.some((s) => s === 'error') ? 'error' : faces.join(' ');
    document.body.setAttribute('data-font', status);
  });
}());
