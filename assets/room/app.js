// The participant's page: joins the room over one WebSocket, shows the canvas read-only,
// sends notes and dots. Every text from the room is put in with textContent, never as markup.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const store = {
    get(k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } },
  };
  let path = '/' + location.pathname.split('/')[1];
  // The device key keeps this phone's votes and notes across reconnects.
  let device = store.get('fitcanvas.device');
  if (!device || !/^[A-Za-z0-9_-]{16,64}$/.test(device)) {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    device = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    store.set('fitcanvas.device', device);
  }
  let ws = null, view = null, you = null, retries = 0, finished = false, timerAt = 0, sent = null;
  const note = $('note');
  note.value = store.get('fitcanvas.draft') || '';
  note.addEventListener('input', () => store.set('fitcanvas.draft', note.value));
  $('name').value = store.get('fitcanvas.name') || '';

  function status(text, bad) {
    $('status').textContent = text;
    $('status').className = bad ? 'bad' : '';
  }
  function send(msg) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(msg)); return true; }
    status('Not connected: trying again…', true);
    return false;
  }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function connect() {
    if (finished || (ws && ws.readyState <= 1)) return;
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    ws = new WebSocket(scheme + location.host + path + '/ws');
    ws.onopen = () => {
      retries = 0;
      const name = store.get('fitcanvas.name') || null;
      ws.send(JSON.stringify({ type: 'hello', device, name }));
      status('Connected');
    };
    ws.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (msg.type === 'view') { view = msg; timerAt = performance.now(); render(); }
      else if (msg.type === 'you') { you = msg; settleDraft(); render(); }
      else if (msg.type === 'error') status(msg.message, true);
      else if (msg.type === 'moved') { path = msg.path; history.replaceState(null, '', path + '/'); }
      else if (msg.type === 'bye') { finished = true; status(msg.reason, true); }
    };
    ws.onclose = () => {
      if (finished) return;
      retries += 1;
      const wait = Math.min(10000, 500 * 2 ** Math.min(retries, 5)) * (0.7 + Math.random() * 0.6);
      status('Connection lost: reconnecting…', true);
      setTimeout(connect, wait);
    };
  }
  // A phone waking up reconnects at once rather than at the next retry.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) connect(); });
  window.addEventListener('online', connect);
  setInterval(() => { if (ws && ws.readyState === 1) ws.send('{"type":"ping"}'); }, 20000);

  // The draft is cleared only once the room shows it was received.
  function settleDraft() {
    if (sent && you.submitted.some((s) => s.text === sent)) {
      sent = null;
      note.value = '';
      store.set('fitcanvas.draft', '');
      status('Note sent');
    }
  }
  $('send').addEventListener('click', () => {
    const text = note.value.trim();
    if (!text || !you || !you.writing) return;
    if (send({ type: 'note', area: you.writing.area, text })) sent = text.replace(/\s+/g, ' ');
  });
  $('save-name').addEventListener('click', () => {
    const name = $('name').value.trim();
    store.set('fitcanvas.name', name);
    if (send({ type: 'name', name })) status(name ? 'Name saved' : 'You are anonymous');
  });

  function mine(id) { return (you && you.votes[id]) || 0; }
  function vote(id, count) { send({ type: 'vote', note: id, count }); }

  function noteItem(n, round) {
    const li = el('li');
    li.appendChild(el('span', n.text));
    if (n.votes > 0) li.appendChild(el('span', ' ' + '●'.repeat(Math.min(n.votes, 5)) + (n.votes > 5 ? ' ' + n.votes : ''), 'dots'));
    if (round) {
      const row = el('div', undefined, 'votes');
      const minus = el('button', '−', 'small');
      minus.type = 'button';
      minus.setAttribute('aria-label', 'Take a dot from: ' + n.text);
      minus.disabled = mine(n.id) === 0;
      minus.addEventListener('click', () => vote(n.id, mine(n.id) - 1));
      const count = el('span', String(mine(n.id)), 'n');
      count.setAttribute('aria-label', 'Your dots on this note');
      const plus = el('button', '+', 'small');
      plus.type = 'button';
      plus.setAttribute('aria-label', 'Add a dot to: ' + n.text);
      plus.disabled = round.left === 0 || (round.one_per_note && mine(n.id) >= 1);
      plus.addEventListener('click', () => vote(n.id, mine(n.id) + 1));
      row.append(minus, count, plus);
      li.appendChild(row);
    }
    return li;
  }
  function area(a, round, big) {
    const box = el('section', undefined, big ? 'area big' : 'area');
    box.appendChild(el('h2', a.title));
    const list = el('ul');
    a.notes.forEach((n) => list.appendChild(noteItem(n, round)));
    if (!a.notes.length) list.appendChild(el('li', '(no notes yet)', 'hint'));
    box.appendChild(list);
    return box;
  }

  function render() {
    if (!view) return;
    $('step').textContent = view.step;
    const round = you && you.round;
    const spot = $('spot'), areas = $('areas');
    spot.replaceChildren();
    areas.replaceChildren();
    view.areas.forEach((a) => {
      if (a.area === view.spot) spot.replaceChildren(...area(a, round, true).childNodes);
      else areas.appendChild(area(a, round, false));
    });
    spot.hidden = !view.spot;
    const writing = you && you.writing;
    $('write').hidden = !writing;
    if (writing) {
      $('write-title').textContent = 'Write a note: ' + writing.title;
      $('note-label').textContent = 'Your note for ' + writing.title;
      $('write-mode').textContent = writing.private
        ? 'Only you and the facilitator see your notes until they are put on the canvas.'
        : 'Everyone sees the notes waiting for the facilitator.';
      const shared = $('shared');
      shared.replaceChildren(...you.shared.map((t) => el('li', t)));
    }
    $('vote').hidden = !round;
    if (round) {
      $('vote-title').textContent = 'Vote: round ' + round.number;
      $('dots').textContent = round.left + ' of ' + round.budget + ' dots left' +
        (round.one_per_note ? ' · one per note' : '') + ' · you can change your mind until the round ends';
    }
    const list = $('mine');
    const words = { waiting: 'waiting', accepted: 'on the canvas', merged: 'merged', rejected: 'not used', removed: 'taken off the canvas' };
    list.replaceChildren(...(you ? you.submitted : []).slice().reverse().map((s) => {
      const li = el('li', s.text + ' — ' + words[s.outcome], s.outcome);
      return li;
    }));
    $('mine-box').hidden = !you || !you.submitted.length;
    tick();
  }
  function tick() {
    const t = view && view.timer;
    const face = $('timer');
    if (!t || t.total <= 0) { face.hidden = true; return; }
    const left = Math.max(0, t.running ? t.remaining - (performance.now() - timerAt) / 1000 : t.remaining);
    const s = Math.ceil(left);
    face.hidden = false;
    face.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    face.classList.toggle('up', left <= 0);
  }
  setInterval(tick, 250);
  connect();
})();
