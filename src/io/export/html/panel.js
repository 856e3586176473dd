  // The map's script, part 2 of 2: details, find box, legend toggles, findings, tabs and the
  // URL fragment (#select=ID, #find=TEXT, #hide=TYPE,TYPE, #tab=ID, #finding=N).
  // Details of the selected system.
  function linkTo(id) {
    const b = el('button', nameOf(id), 'link');
    b.type = 'button';
    b.addEventListener('click', () => select(id, true));
    return b;
  }
  // What the shown picture's scenario does to an item: 'added', 'removed' or ''.
  function changeOf(selector, id) {
    const v = current();
    if (!v) return '';
    const g = Array.from(v.svg.querySelectorAll(selector)).find((x) => x.getAttribute('data-id') === id);
    const marked = g && g.closest('[data-change]');
    return marked ? marked.getAttribute('data-change') : '';
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
      const change = changeOf('g.dependency', d.id);
      if (change) li.appendChild(el('span', ' (' + change + ' in this scenario)', 'change ' + change));
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
    const change = changeOf('g.system', id);
    if (change) details.appendChild(el('p', (change === 'added' ? 'Added' : 'Removed') +
      ' in this scenario.', 'change ' + change));
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
      // Its lines, its legend entry, and its lines' labels and debt badges.
      const t = '[data-type="' + type + '"]';
      v.svg.querySelectorAll('g.dependency' + t + ',g.legend-entry' + t +
        ',g.dependency-label-item' + t + ',g.debt-badge' + t)
        .forEach((g) => g.classList.toggle('off', off));
    });
    const b = typeButtons.get(type);
    if (b) b.setAttribute('aria-pressed', off ? 'false' : 'true');
    document.body.setAttribute('data-hidden-types', Array.from(hidden).sort().join(','));
  }

  // Findings, by rank; each highlights what it involves.
  const findingButtons = [];
  const findingList = document.getElementById('finding-list');
  if (!data.findings.length) findingList.appendChild(el('li', 'No findings.', 'muted empty'));
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
