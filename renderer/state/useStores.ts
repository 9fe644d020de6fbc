import { useStore } from 'zustand';
import { dialogStore } from './dialogs';
import { documentStore, type DocumentState } from './documentStore';
import { uiStore, type UiState } from './uiStore';

export const useDocument = <T>(selector: (state: DocumentState) => T): T => useStore(documentStore, selector);
export const useUi = <T>(selector: (state: UiState) => T): T => useStore(uiStore, selector);
export const useDialog = () => useStore(dialogStore, (state) => state.dialog);
/** The browser host's workspace folder (the in-app file dialog's root), null until the host has said it. */
export const useWorkspace = () => useStore(uiStore, (state) => state.info?.workspace ?? null);
