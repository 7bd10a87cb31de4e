// helpdoc serve: reloads the page when the preview changes, keeping the scroll position, and
// shows the content's errors over the last good page until they are fixed.
(() => {
  const script = document.currentScript;
  const good = Number(script.dataset.good);
  const key = 'helpdoc-scroll:' + location.pathname;
  // The position is restored here, the same way in every browser, after the page has laid out.
  history.scrollRestoration = 'manual';
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    const restore = () => window.scrollTo(0, y);
    restore();
    addEventListener('load', restore, { once: true });
  }

  const OVERLAY = 'helpdoc-error-overlay';
  const removeOverlay = () => document.getElementById(OVERLAY)?.remove();
  // Built with textContent only: the messages quote the content, which stays text.
  const showOverlay = (problems) => {
    removeOverlay();
    const box = document.createElement('div');
    box.id = OVERLAY;
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;' +
      'background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;';
    const title = document.createElement('h2');
    title.textContent = problems.length === 1 ? '1 error' : problems.length + ' errors';
    box.append(title);
    for (const p of problems) {
      const item = document.createElement('section');
      item.className = 'helpdoc-problem';
      const where = document.createElement('div');
      where.className = 'helpdoc-where';
      where.style.color = '#ffb4a8';
      where.textContent = [p.file, p.line, p.column].filter((x) => x != null).join(':');
      const message = document.createElement('div');
      message.className = 'helpdoc-message';
      message.textContent = p.message;
      item.append(where, message);
      if (p.help) {
        const help = document.createElement('div');
        help.className = 'helpdoc-help';
        help.style.color = '#b4e0ff';
        help.textContent = 'help: ' + p.help;
        item.append(help);
      }
      item.style.marginBottom = '1rem';
      box.append(item);
    }
    document.body.append(box);
  };

  const poll = async () => {
    let since = null;
    for (;;) {
      try {
        const query = since === null ? '' : '?since=' + since;
        const response = await fetch('/__helpdoc/status' + query, { cache: 'no-store' });
        const status = await response.json();
        since = status.version;
        if (status.problems.length > 0) {
          showOverlay(status.problems);
        } else if (status.good !== good) {
          sessionStorage.setItem(key, String(window.scrollY));
          location.reload();
          return;
        } else {
          removeOverlay();
        }
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  poll();
})();
