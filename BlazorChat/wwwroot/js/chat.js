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
      const moved = place && place.row.isConnected ? place.row.getBoundingClientRect().top - pane.getBoundingClientRect().top - place.offset : 0;
      if (moved !== 0) {
        // Rows went in above the one the reader was looking at: keep it where it was on screen.
        pane.scrollTop += moved;
        // Where it is now, which is where it stays when the pane could not scroll far enough.
        place.offset = place.row.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      }
      // In the same render, rows may also have come below: those are the newer ones to offer.
      if (grewBelow) frame.dataset.unread = "true";
      heightBefore = pane.scrollHeight;
    }).observe(pane, { childList: true, subtree: true });
    const jump = frame.querySelector("[data-jump-to-new]");
    // A jump may bring a whole new stretch of rows from the server: follow it down when it comes.
    if (jump) jump.addEventListener("click", () => { pane.blazorChatPlace = null; bottomWanted = true; toBottom(); });
    watchTop();
    toBottom();
  },

  // Remembers which row is at the top of `pane` and where, so rows put in above it do not move it.
  keepPlace(pane) {
    const row = pane && pane.querySelector("[data-testid='message']");
    if (row) pane.blazorChatPlace = { row, offset: row.getBoundingClientRect().top - pane.getBoundingClientRect().top };
  },
};

// A tab hidden for <body data-pause-hidden-after> seconds pauses its circuit: Blazor hands the
// page's persisted state to the browser and the server frees the circuit. Shown again, the tab
// resumes on a new circuit (the room page comes back in its room, caught up from the last message
// it showed); if the server no longer takes the state, the page loads afresh.
(() => {
  const seconds = Number(document.body.dataset.pauseHiddenAfter);
  if (!(seconds > 0)) return;
  let timer = null;
  let pausing = null; // resolves to whether the circuit was paused
  // <body data-circuit="paused"> while the server holds no circuit for this tab.
  const pause = async () => {
    let paused = false;
    try { paused = await Blazor.pauseCircuit(); } catch { /* the circuit was already gone: nothing to give back */ }
    if (paused) document.body.dataset.circuit = "paused";
    return paused;
  };
  document.addEventListener("visibilitychange", async () => {
    clearTimeout(timer);
    if (document.visibilityState === "hidden") {
      timer = setTimeout(() => { pausing = pause(); }, seconds * 1000);
      return;
    }
    const paused = pausing !== null && await pausing;
    pausing = null;
    if (!paused) return;
    if (!await Blazor.resumeCircuit()) location.reload();
    delete document.body.dataset.circuit;
  });
})();
