// zoneops pages: the only script. Everything works without it; it only prevents double submits on a
// slow phone connection and wires the print button.
document.addEventListener('submit', (e) => {
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
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
