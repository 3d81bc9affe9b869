// Sorts an athletes table by the clicked column, and opens an athlete's
// drill-down when a link leads to it or the page is printed.
(function () {
  function key(cell, numeric) {
    if (!numeric) return cell.textContent.trim();
    var v = parseFloat(cell.textContent);
    return isNaN(v) ? null : v;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var numeric = th.classList.contains('n');
        var up = th.getAttribute('aria-sort') !== (numeric ? 'descending' : 'ascending');
        var dir = numeric ? (up ? 'descending' : 'ascending') : (up ? 'ascending' : 'descending');
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
          return { row: row, key: key(row.cells[col], numeric), i: i };
        });
        var sign = dir === 'ascending' ? 1 : -1;
        rows.sort(function (a, b) {
          if (a.key === null || b.key === null) {
            return (a.key === null) - (b.key === null) || a.i - b.i;
          }
          var c = numeric ? a.key - b.key : a.key.localeCompare(b.key);
          return c * sign || a.i - b.i;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  function byHash(hash) {
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }
  function openTarget() {
    var el = location.hash && byHash(location.hash);
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    var el = a && byHash(a.getAttribute('href'));
    if (el && el.tagName === 'DETAILS') el.open = true;
  });
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
