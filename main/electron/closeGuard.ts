// The unsaved-changes guard on window close and on quit, as plain state (no electron import) so it is tested
// in Node. The window asks `onClose()` in its 'close' handler; `ask` means: prevent the close and send the
// renderer `close-requested`; the renderer then offers Save / Don't save / Cancel and, unless cancelled, calls
// confirmClose, for which `confirm()` says whether to close the window or to resume the quit that asked.

export type CloseDecision = 'close' | 'ask';
export type ConfirmDecision = 'close' | 'quit' | 'ignore';

export class CloseGuard {
  private dirty = false;
  private quitting = false;
  private asked = false;
  private quitAfterClose = false;
  private confirmed = false;

  /** The renderer's unsaved-changes flag. */
  setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  /** App 'before-quit' (Cmd+Q, the Quit menu item, app.quit()): the close that follows belongs to a quit. */
  beforeQuit(): void {
    this.quitting = true;
  }

  /** The window's 'close' event. */
  onClose(): CloseDecision {
    const quitting = this.quitting;
    this.quitting = false;
    if (this.confirmed || !this.dirty) return 'close';
    this.asked = true;
    this.quitAfterClose = quitting;
    return 'ask';
  }

  /** The renderer called confirmClose. Ignored unless a close was asked about. */
  confirm(): ConfirmDecision {
    if (!this.asked) return 'ignore';
    this.asked = false;
    this.confirmed = true;
    return this.quitAfterClose ? 'quit' : 'close';
  }

  /**
   * A page (re)loads in the window, or the renderer crashed: a new document state begins. Nothing is left to
   * ask about (a crashed renderer cannot answer; its draft holds the unsaved work), and a window opened again
   * (macOS keeps the app running without one) is guarded afresh.
   */
  rendererGone(): void {
    this.dirty = false;
    this.asked = false;
    this.confirmed = false;
    this.quitAfterClose = false;
  }
}
