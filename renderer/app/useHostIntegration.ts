import { useEffect } from 'react';
import { getBridge } from '../platform/bridge';
import { commandForKey, runCommand } from './commands';
import type { Actions } from '../state/actions';
import { startAutosave } from '../state/autosave';
import { isDialogOpen } from '../state/dialogStore';
import { documentStore } from '../state/documentStore';
import { showNotice } from '../state/uiStore';

/** Title, dirty flag, window close, menus, shortcuts and autosave: the page's ties to its host. */
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
          if (!isDialogOpen()) void runCommand(actions, event.command);
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

    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      if (!isDialogOpen()) void runCommand(actions, command);
    };
    // In Electron the menus own these keys and send the same commands as host events.
    if (host.kind === 'browser') window.addEventListener('keydown', onKeyDown);

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
