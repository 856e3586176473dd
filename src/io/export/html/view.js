  // The map's script, part 1 of 2 (wrapped with panel.js in one strict-mode function by
  // html/mod.rs): reads the workspace data from #depdig-data (JSON.parse of its text) and
  // writes every workspace text with textContent: no eval, no innerHTML, no inline handlers.
  // Here: the data, pan and zoom (each picture's viewBox), pointer and keys, the tooltip.
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
  // Brings a system into view: zoomed in until its name's box is 15 px high on screen when it
  // was under 11 px (a 9 px font), else only panned to the middle when it is outside the middle 80 % of the view.
  function reveal(id) {
    const v = current();
    if (!v) return;
    const g = v.svg.querySelector('g.system[data-id="' + CSS.escape(id) + '"]');
    if (!g) return;
    const r = g.getBoundingClientRect();
    const s = v.svg.getBoundingClientRect();
    const c = toMap(v, r.left + r.width / 2, r.top + r.height / 2);
    const label = g.querySelector('text');
    const px = label ? label.getBoundingClientRect().height : 14;
    const f = px > 0 && px < 11 ? px / 15 : 1;
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

