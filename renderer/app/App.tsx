import type { Bridge } from './bridge';
import { DialogHost } from './components/DialogHost';
import { ExportDialog } from './components/ExportDialog';
import { Frame } from './components/Frame';
import { StartScreen } from './components/StartScreen';
import { StatusBar } from './components/StatusBar';
import { useHostIntegration } from './hooks/useHostIntegration';
import { useDocument } from './hooks/useStores';
import { useTheme } from './hooks/useTheme';
import type { Actions } from './state/actions';
import { ActionsContext } from './state/actionsContext';

export function App({ bridge, actions }: { bridge: Bridge; actions: Actions }) {
  useHostIntegration(bridge.api, bridge.host, actions);
  useTheme();
  const hasProject = useDocument((state) => state.project !== null);
  return (
    <ActionsContext.Provider value={actions}>
      <div className="app">
        {hasProject ? <Frame /> : <StartScreen />}
        <StatusBar />
      </div>
      <DialogHost />
      <ExportDialog />
    </ActionsContext.Provider>
  );
}
