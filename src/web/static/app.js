// zoneops pages: the only script. Everything works without it. It prevents double submits on a slow
// phone connection, wires the print button, keeps the hygiene form's task choice to the tasks the chosen
// target has, and refreshes the page's live regions every 30 s without reloading the page: a region is
// replaced only when it changed and focus is not inside it, so a screen reader is never thrown to the top.
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  if (form.dataset.sent === '1') {
    e.preventDefault();
    return;
  }
  form.dataset.sent = '1';
  for (const b of form.querySelectorAll('button[type=submit]')) b.setAttribute('aria-busy', 'true');
});

document.addEventListener('click', (e) => {
  if (e.target instanceof HTMLElement && e.target.closest('[data-print]')) window.print();
});

// The hygiene form: when the target changes, a task it does not have is unchecked for one it has.
const taskData = document.querySelector('[data-targets]');
const target = document.getElementById('target');
if (taskData && target instanceof HTMLSelectElement) {
  const tasksOf = new Map(
    taskData.dataset.targets.split(' ').map((pair) => {
      const [id, tasks] = pair.split(':');
      return [id, (tasks || '').split('+')];
    }),
  );
  const fitTasks = () => {
    const offered = tasksOf.get(target.value) || [];
    const radios = [...document.querySelectorAll('input[data-task]')];
    const checked = radios.find((r) => r.checked);
    if (!checked || !offered.includes(checked.value)) {
      const first = radios.find((r) => offered.includes(r.value));
      if (first) first.checked = true;
    }
  };
  target.addEventListener('change', fitTasks);
  fitTasks();
}

const live = document.querySelectorAll('[data-live][id]');
if (live.length > 0 && 'fetch' in window && 'DOMParser' in window) {
  const announce = document.querySelector('[data-announce]');
  const updated = document.querySelector('[data-updated]');
  const refresh = async () => {
    if (document.hidden) return;
    let text;
    try {
      const res = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
      if (!res.ok || res.redirected) return;
      text = await res.text();
    } catch {
      return; // offline for a moment: the next round tries again
    }
    const next = new DOMParser().parseFromString(text, 'text/html');
    const changes = [];
    for (const region of document.querySelectorAll('[data-live][id]')) {
      const fresh = next.getElementById(region.id);
      if (!fresh || fresh.innerHTML === region.innerHTML) continue;
      if (region.contains(document.activeElement)) continue;
      if (fresh.dataset.count !== region.dataset.count) {
        const heading = fresh.querySelector('h2');
        if (heading) changes.push(heading.textContent.trim());
      }
      region.innerHTML = fresh.innerHTML;
      if (fresh.dataset.count !== undefined) region.dataset.count = fresh.dataset.count;
    }
    const stamp = next.querySelector('[data-updated]');
    if (updated && stamp) updated.textContent = stamp.textContent;
    if (announce && changes.length > 0) announce.textContent = changes.join('；');
  };
  setInterval(refresh, 30_000);
  for (const link of document.querySelectorAll('[data-refresh]')) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      refresh();
    });
  }
}
