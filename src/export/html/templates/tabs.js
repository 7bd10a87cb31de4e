// tabs.js: turns each `.tabs[data-tabs]` set (every pane shown under its label, as written) into
// ARIA tabs: a tablist of buttons, one tabpanel shown, roving tabindex, Left/Right/Home/End.
// Sets with the same data-group switch together, by label. A link to an anchor inside a pane
// that is not selected (the page's address on load, or a click) selects that pane first.
// Progressive enhancement: without it (no script, or print, see style.css) every pane stays visible.
(function () {
  'use strict';
  var sets = Array.prototype.slice.call(document.querySelectorAll('.tabs[data-tabs]'));
  var all = [];
  sets.forEach(function (set, n) {
    var panes = Array.prototype.filter.call(set.children, function (el) {
      return el.classList.contains('tab-pane');
    });
    if (panes.length < 2) return;
    var list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    list.className = 'tab-list';
    var tabs = panes.map(function (pane, m) {
      var label = pane.querySelector('.tab-label');
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.id = 'helpdoc_tab_' + n + '_' + m;
      tab.setAttribute('role', 'tab');
      tab.textContent = label ? label.textContent : String(m + 1);
      pane.id = 'helpdoc_panel_' + n + '_' + m;
      pane.setAttribute('role', 'tabpanel');
      pane.setAttribute('aria-labelledby', tab.id);
      pane.tabIndex = 0;
      tab.setAttribute('aria-controls', pane.id);
      list.appendChild(tab);
      return tab;
    });
    set.insertBefore(list, set.firstChild);
    set.classList.add('tabs-enhanced');
    var entry = { set: set, panes: panes, tabs: tabs, group: set.getAttribute('data-group') };
    all.push(entry);
    select(entry, 0);
    list.addEventListener('click', function (event) {
      var i = tabs.indexOf(event.target.closest('[role="tab"]'));
      if (i >= 0) choose(entry, i, false);
    });
    list.addEventListener('keydown', function (event) {
      var i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      var last = tabs.length - 1;
      var next = { ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      choose(entry, next, true);
    });
  });

  // Shows the element the address's fragment names, if it sits in a hidden pane: selects each
  // enclosing pane (outermost first), then scrolls the element into view.
  function reveal() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var chosen = false;
    var panes = [];
    for (var el = target; el; el = el.parentElement) {
      if (el.classList && el.classList.contains('tab-pane')) panes.unshift(el);
    }
    panes.forEach(function (pane) {
      all.forEach(function (entry) {
        var i = entry.panes.indexOf(pane);
        if (i >= 0 && pane.hidden) {
          choose(entry, i, false);
          chosen = true;
        }
      });
    });
    if (chosen) target.scrollIntoView();
  }
  reveal();
  window.addEventListener('hashchange', reveal);

  function select(entry, i) {
    entry.tabs.forEach(function (tab, j) {
      tab.setAttribute('aria-selected', String(j === i));
      tab.tabIndex = j === i ? 0 : -1;
      entry.panes[j].hidden = j !== i;
    });
  }

  // Selects pane `i` (focusing its tab when asked), and the pane with the same label in every set
  // of the same group.
  function choose(entry, i, focus) {
    select(entry, i);
    if (focus) entry.tabs[i].focus();
    if (!entry.group) return;
    var label = entry.panes[i].getAttribute('data-label');
    all.forEach(function (other) {
      if (other === entry || other.group !== entry.group) return;
      var j = other.panes.map(function (p) { return p.getAttribute('data-label'); }).indexOf(label);
      if (j >= 0) select(other, j);
    });
  }
})();
