// Browser-side helpers for BlazorChat: remembered settings, a message pane that follows the
// newest message unless its reader has scrolled up, and notifications of mentions.
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
  // instead of moving the text under their eyes.
  followPane(frame, pane) {
    if (!frame || !pane || pane.dataset.following) return;
    pane.dataset.following = "true";
    // Whether the reader was at the bottom is judged against the height before the new rows
    // came, at the moment they come: no scroll event has to have been handled first.
    let heightBefore = pane.scrollHeight;
    const toBottom = () => {
      pane.scrollTop = pane.scrollHeight;
      heightBefore = pane.scrollHeight;
      frame.dataset.unread = "false";
    };
    pane.addEventListener("scroll", () => {
      if (pane.scrollHeight - pane.scrollTop - pane.clientHeight < 48) frame.dataset.unread = "false";
    });
    new MutationObserver(() => {
      const wasAtBottom = heightBefore - pane.scrollTop - pane.clientHeight < 48;
      if (wasAtBottom) toBottom(); else frame.dataset.unread = "true";
      heightBefore = pane.scrollHeight;
    }).observe(pane, { childList: true, subtree: true });
    const jump = frame.querySelector("[data-jump-to-new]");
    if (jump) jump.addEventListener("click", toBottom);
    toBottom();
  },
};
