// Docket console: live updates from the change stream, and keyboard shortcuts. No framework beyond htmx.
(function () {
    'use strict';

    // ---- live updates: the page follows /live (the query service's change stream for the signed-in person).
    // A change refreshes what shows it at once; changes arriving in the same moment are folded into one refresh,
    // and one arriving while a refresh runs queues the next (hx-sync), so the last change is always shown.
    var pending = null;
    var status = function (text) {
        var el = document.getElementById('live-status');
        if (el) { el.textContent = text; }
    };

    function refresh() {
        pending = null;
        document.querySelectorAll('[data-live-refresh]').forEach(function (el) {
            if (el.hasAttribute('data-live-every')) { refreshAtMostEvery(el); } else { htmx.trigger(el, 'refresh'); }
        });
    }

    // What costs the server more (a saved view's exact count reads every match) refreshes at most every
    // data-live-every ms: a change meanwhile is kept and refreshes when the time is up, so the last one always shows.
    function refreshAtMostEvery(el) {
        if (el.liveWait) { el.liveAgain = true; return; }
        htmx.trigger(el, 'refresh');
        el.liveWait = setTimeout(function () {
            el.liveWait = null;
            if (el.liveAgain) { el.liveAgain = false; refreshAtMostEvery(el); }
        }, Number(el.getAttribute('data-live-every')));
    }

    function schedule() {
        if (pending === null) { pending = setTimeout(refresh, 0); }
    }

    // On a ticket page: say when the ticket moved past the version the action forms carry.
    function noteChangedMeanwhile() {
        var live = document.getElementById('live-content');
        var form = document.querySelector('.actions input[name=version]');
        var note = document.querySelector('.changed-meanwhile');
        if (live && form && note) {
            note.hidden = Number(live.getAttribute('data-version')) <= Number(form.value);
        }
    }

    function follow() {
        if (!document.body.hasAttribute('data-live') || !window.EventSource) { return; }
        var ticket = document.body.getAttribute('data-ticket');
        var source = new EventSource('/live');
        source.addEventListener('ready', function () { status(''); });
        source.addEventListener('reset', function () { status(''); schedule(); });
        source.addEventListener('change', function (event) {
            var change = JSON.parse(event.data);
            if (ticket) {
                var live = document.getElementById('live-content');
                var shown = live ? Number(live.getAttribute('data-version')) : 0;
                if (change.ticketId !== ticket || change.version <= shown) { return; }
            }
            schedule();
        });
        source.onerror = function () {
            if (source.readyState === EventSource.CLOSED) {
                status('Live updates stopped (signed out?). Reload the page to resume.');
            } else {
                status('Reconnecting for live updates…');
            }
        };
        window.addEventListener('pagehide', function () { source.close(); });
    }

    // ---- times: the server writes instants (UTC, ISO 8601); they are shown in the viewer's own time zone as
    // "2026-12-05 14:03", with the zone and the instant in the title. Without script the instant stays as written.
    function two(n) { return (n < 10 ? '0' : '') + n; }

    function localize(root) {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        root.querySelectorAll('time[datetime]').forEach(function (el) {
            var iso = el.getAttribute('datetime');
            var at = new Date(iso);
            if (iso.indexOf('T') < 0 || isNaN(at.getTime())) { return; }
            el.textContent = at.getFullYear() + '-' + two(at.getMonth() + 1) + '-' + two(at.getDate()) + ' '
                + two(at.getHours()) + ':' + two(at.getMinutes());
            el.title = iso + ' (shown in ' + zone + ')';
        });
    }

    // ---- keyboard: / search, r reply, n internal note, a assign to me, ? the list of keys
    function keys(event) {
        var target = event.target;
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
            || target.isContentEditable)) { return; }
        var focus = function (id) {
            var el = document.getElementById(id);
            if (el) { event.preventDefault(); el.focus(); }
        };
        switch (event.key) {
            case '/': focus('search'); break;
            case 'r': focus('reply'); break;
            case 'n': focus('note'); break;
            case 'a':
                var assign = document.getElementById('assign-me');
                if (assign) { event.preventDefault(); assign.requestSubmit(); }
                break;
            case '?':
                status('Keys: / search · r reply · n internal note · a assign to me');
                break;
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        follow();
        noteChangedMeanwhile();
        document.body.addEventListener('htmx:afterSettle', noteChangedMeanwhile);
        document.addEventListener('keydown', keys);
        localize(document.body);
        htmx.onLoad(localize);
    });
})();
