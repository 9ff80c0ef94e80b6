// Browser-side helpers for BlazorChat: remembered settings, a message pane that follows the
// newest message unless its reader has scrolled up, notifications of mentions, and a hidden tab
// that gives its circuit back to the server.
window.blazorChat = {
  load(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  },

  save(key, value) {
    try { localStorage.setItem(key, value); } catch { /* storage disabled: nothing is remembered */ }
  },

  notificationPermission() {
    return "Notification" in window ? Notification.permission : "unsupported";
  },

  async requestNotifications() {
    return "Notification" in window ? await Notification.requestPermission() : "unsupported";
  },

  // A mention is notified only while the tab is hidden (on screen, its row says it) and only
  // once allowed; the tag keeps one notification per message however many tabs raise it.
  notifyMention(title, body, tag) {
    if (document.visibilityState !== "hidden" || !("Notification" in window) || Notification.permission !== "granted") return false;
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => { window.focus(); notification.close(); };
    return true;
  },

  // Whether the layout is the narrow one, where the rooms' sidebar is a drawer over the page:
  // app.css alone says where that starts, by showing the drawer's scrim there only.
  isNarrow() {
    const scrim = document.querySelector("[data-sidebar-scrim]");
    return !!scrim && getComputedStyle(scrim).display !== "none";
  },

  // Whether the reader's system asks for a dark theme (the page's default until they pick one).
  prefersDarkTheme() {
    return matchMedia("(prefers-color-scheme: dark)").matches;
  },

  // Minutes to add to UTC for this browser's local time.
  utcOffsetMinutes() {
    return -new Date().getTimezoneOffset();
  },

  // Keeps `pane` scrolled to its newest row while the reader is at the bottom; when they have
  // scrolled up, marks `frame` with data-unread="true" (the CSS then shows the jump button)
  // instead of moving the text under their eyes. Reaching the top asks `pane` (its .NET side,
  // `self`) for the page of history before the first row, keeping the reader's place meanwhile.
  followPane(frame, pane, self) {
    if (!frame || !pane || pane.dataset.following) return;
    pane.dataset.following = "true";
    // Whether the reader was at the bottom is judged against the height before the new rows
    // came, at the moment they come: no scroll event has to have been handled first.
    let heightBefore = pane.scrollHeight;
    let bottomWanted = false;
    // The newest row: a different one after a change means rows came below the reader.
    let lastRow = pane.lastElementChild;
    const toBottom = () => {
      pane.scrollTop = pane.scrollHeight;
      heightBefore = pane.scrollHeight;
      frame.dataset.unread = "false";
    };
    pane.addEventListener("scroll", () => {
      if (pane.scrollHeight - pane.scrollTop - pane.clientHeight < 48) frame.dataset.unread = "false";
    });
    // The reader moving the pane themselves lets go of the place kept for them.
    for (const type of ["wheel", "touchmove", "keydown", "mousedown"]) {
      pane.addEventListener(type, () => { pane.blazorChatPlace = null; }, { passive: true });
    }
    const older = new IntersectionObserver(entries => {
      if (self && entries.some(entry => entry.isIntersecting)) self.invokeMethodAsync("LoadOlderAsync");
    }, { root: pane });
    let watched = null;
    const watchTop = () => {
      const button = pane.querySelector("[data-load-older]");
      if (button === watched) return;
      if (watched) older.unobserve(watched);
      watched = button;
      if (button) older.observe(button);
    };
    new MutationObserver(() => {
      watchTop();
      const grewBelow = pane.lastElementChild !== lastRow;
      lastRow = pane.lastElementChild;
      const wasAtBottom = heightBefore - pane.scrollTop - pane.clientHeight < 48;
      if (wasAtBottom || bottomWanted) {
        // Following the room: whatever came, the newest is what the reader sees.
        pane.blazorChatPlace = null;
        bottomWanted = false;
        toBottom();
        return;
      }
      const place = pane.blazorChatPlace;
      // Found again by its id: a row whose header changes (it now follows an older one) is new markup.
      const row = place && pane.querySelector(`[data-message-id="${CSS.escape(place.id)}"]`);
      const moved = row ? row.getBoundingClientRect().top - pane.getBoundingClientRect().top - place.offset : 0;
      if (moved !== 0) {
        // Rows went in above the one the reader was looking at: keep it where it was on screen.
        pane.scrollTop += moved;
        // Where it is now, which is where it stays when the pane could not scroll far enough.
        place.offset = row.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      }
      // In the same render, rows may also have come below: those are the newer ones to offer.
      if (grewBelow) frame.dataset.unread = "true";
      heightBefore = pane.scrollHeight;
    }).observe(pane, { childList: true, subtree: true });
    // A row's edit and delete buttons are markup that every page showing the row shares, with no
    // handler of their own: their clicks are taken here, for the row they stand in.
    pane.addEventListener("click", event => {
      const button = event.target.closest("[data-row-action]");
      const row = button && button.closest("[data-message-id]");
      if (self && row && pane.contains(row)) self.invokeMethodAsync("RowActionAsync", button.dataset.rowAction, row.dataset.messageId);
    });
    const jump = frame.querySelector("[data-jump-to-new]");
    // A jump may bring a whole new stretch of rows from the server: follow it down when it comes.
    if (jump) jump.addEventListener("click", () => { pane.blazorChatPlace = null; bottomWanted = true; toBottom(); });
    watchTop();
    toBottom();
  },

  // Remembers which row is at the top of `pane` and where, so rows put in above it do not move it.
  keepPlace(pane) {
    const row = pane && pane.querySelector("[data-message-id]");
    if (row) pane.blazorChatPlace = { id: row.dataset.messageId, offset: row.getBoundingClientRect().top - pane.getBoundingClientRect().top };
  },
};

// Giving the circuit back and taking a new one, the page staying as it is meanwhile. Pausing
// (Blazor.pauseCircuit()) hands the page's persisted state to the browser and frees the circuit on
// the server; resuming starts a new circuit from it, where the room page comes back in its room,
// caught up from the last message it showed. <body data-circuit="paused"> while there is none.
(() => {
  let pausing = null; // while paused, or pausing: resolves to whether the circuit was paused
  const pause = () => pausing ??= (async () => {
    let paused = false;
    try { paused = await Blazor.pauseCircuit(); } catch { /* the circuit was already gone: nothing to give back */ }
    if (paused) document.body.dataset.circuit = "paused";
    else pausing = null;
    return paused;
  })();
  // No instance may answer for a moment (one stopping refuses, the proxy has to find another):
  // tried again each second for half a minute. One that answers but no longer takes the state
  // means it is lost: the page loads afresh.
  const resume = async () => {
    if (pausing === null || !await pausing) return;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!await Blazor.resumeCircuit()) return location.reload();
        break;
      } catch {
        if (attempt === 30) return location.reload();
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
    pausing = null;
    delete document.body.dataset.circuit;
  };

  // This page's instance is stopping: move to another now, or, for a hidden tab, when it is shown.
  window.blazorChat.handOver = () => {
    void pause().then(() => { if (document.visibilityState !== "hidden") return resume(); });
  };

  // A tab hidden for <body data-pause-hidden-after> seconds gives its circuit back until shown.
  const seconds = Number(document.body.dataset.pauseHiddenAfter);
  let timer = null;
  document.addEventListener("visibilitychange", () => {
    clearTimeout(timer);
    if (document.visibilityState !== "hidden") void resume();
    else if (seconds > 0) timer = setTimeout(pause, seconds * 1000);
  });
})();
