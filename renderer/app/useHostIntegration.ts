import { useEffect } from 'react';
import { getBridge } from '../platform/bridge';
import { handleKey, runAppCommand } from './commands';
import type { Actions } from '../state/actions';
import { startAutosave } from '../state/autosave';
import { isDialogOpen } from '../state/dialogStore';
import { documentStore } from '../state/documentStore';
import { showNotice } from '../state/uiStore';
import { hostOf, keyboardPlatform } from '../platform/keys';

/** Title, dirty flag, window close, menus, keys and autosave: the page's ties to its host. */
export function useHostIntegration(actions: Actions): void {
  useEffect(() => {
    const { host } = getBridge();
    void actions.start();
    const stopAutosave = startAutosave();

    const reflect = () => {
      const { project, dirty } = documentStore.getState();
      document.title = project ? `${project.name}${dirty ? ' •' : ''} — Carve` : 'Carve';
      host.setDirty(dirty);
    };
    reflect();
    const unsubscribeDoc = documentStore.subscribe((state, previous) => {
      reflect();
      // A notice such as "Saved x" is stale once the document changes again.
      if (state.edits !== previous.edits && state.edits > 0) showNotice(null);
    });

    const unsubscribeHost = host.onHostEvent((event) => {
      switch (event.type) {
        case 'menu':
          // A question on screen is answered first; menu commands wait for it to close.
          if (!isDialogOpen()) void runAppCommand(event.command, { actions, target: document.activeElement });
          return;
        case 'open-file':
          void actions.open(event.path);
          return;
        case 'close-requested':
          void actions.guard().then((go) => go && host.confirmClose());
          return;
        case 'preferences-changed':
          void actions.start();
          return;
      }
    });

    // The page's one key handler: every command's keys (shared/commands/appCommands.ts), the canvas's when it has
    // the focus. In Electron the menu's registered accelerators send their commands as host events instead.
    const table = { platform: keyboardPlatform(), host: hostOf(host.kind) };
    const onKeyDown = (event: KeyboardEvent) => void handleKey(event, actions, table);
    window.addEventListener('keydown', onKeyDown);

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!documentStore.getState().dirty) return;
      event.preventDefault();
      event.returnValue = '';
    };
    if (host.kind === 'browser') window.addEventListener('beforeunload', onBeforeUnload);

    return () => {
      stopAutosave();
      unsubscribeDoc();
      unsubscribeHost();
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [actions]);
}
