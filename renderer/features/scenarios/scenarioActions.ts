import type { Project } from '../../../shared/model/project';
import { api } from '../../platform/bridge';
import { errorText } from '../../platform/messages';
import { scenariosStore, setHistory } from '../../state/scenariosStore';

/** Ask the host for the comparison with the backtest on the folder's git history; keeps the answer or its one line. */
export async function runBacktest(project: Project): Promise<void> {
  const { dir, until, busy } = scenariosStore.getState().history;
  if (busy || dir.trim() === '') return;
  setHistory({ busy: true, error: null });
  const answer = await api()['scenarios:compare']({
    project,
    historyDir: dir.trim(),
    ...(until.trim() ? { historyUntil: until.trim() } : {}),
  });
  if (answer.ok) setHistory({ busy: false, result: { project, value: answer.value } });
  else setHistory({ busy: false, error: errorText(answer.error) });
}
