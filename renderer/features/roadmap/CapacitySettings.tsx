import { addTeam, removeTeam, updatePlanning, updateTeam } from '../../../shared/commands/phases';
import type { Planning } from '../../../shared/model/project';
import { CommitInput } from './CommitInput';
import { edit } from '../../state/edit';

const wholeAtLeast = (text: string, min: number): number | null => {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= min ? value : null;
};

/** Start date, default phase length, the service limit per phase and the teams with their capacity. */
export function CapacitySettings({ planning }: { planning: Planning }) {
  return (
    <div className="roadmap-capacity">
      <div className="roadmap-capacity-row">
        <label className="roadmap-setting">
          <span>Start date</span>
          <CommitInput
            type="date"
            value={planning.startDate}
            onCommit={(startDate) => (startDate ? edit('Start date', (p) => updatePlanning(p, { startDate })) : false)}
          />
        </label>
        <label className="roadmap-setting">
          <span>Default phase length (weeks)</span>
          <CommitInput
            type="number"
            min={1}
            max={520}
            value={String(planning.defaultPhaseWeeks)}
            onCommit={(text) => {
              const weeks = wholeAtLeast(text, 1);
              return weeks !== null && edit('Phase length', (p) => updatePlanning(p, { defaultPhaseWeeks: weeks }));
            }}
          />
        </label>
        <label className="roadmap-setting">
          <span>Max services per phase</span>
          <CommitInput
            type="number"
            min={1}
            placeholder="No limit"
            value={planning.maxServicesPerPhase === null ? '' : String(planning.maxServicesPerPhase)}
            onCommit={(text) => {
              if (text.trim() === '') return edit('Services per phase', (p) => updatePlanning(p, { maxServicesPerPhase: null }));
              const max = wholeAtLeast(text, 1);
              return max !== null && edit('Services per phase', (p) => updatePlanning(p, { maxServicesPerPhase: max }));
            }}
          />
        </label>
      </div>
      <table className="roadmap-teams">
        <caption className="roadmap-section-title">Teams (person-weeks each can spend in a phase of the default length)</caption>
        <tbody>
          {planning.teams.map((team) => (
            <tr key={team.id}>
              <td>
                <CommitInput
                  aria-label={`Name of team ${team.name}`}
                  value={team.name}
                  maxLength={200}
                  onCommit={(name) =>
                    name.trim() ? edit('Team name', (p) => updateTeam(p, { teamId: team.id, changes: { name } })) : false
                  }
                />
              </td>
              <td>
                <CommitInput
                  type="number"
                  min={0}
                  aria-label={`Capacity of team ${team.name} per phase`}
                  value={String(team.capacityPerPhase)}
                  onCommit={(text) => {
                    const value = Number(text);
                    return (
                      text.trim() !== '' &&
                      value >= 0 &&
                      edit('Team capacity', (p) => updateTeam(p, { teamId: team.id, changes: { capacityPerPhase: value } }))
                    );
                  }}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove team ${team.name}`}
                  onClick={() => edit('Remove team', (p) => removeTeam(p, { teamId: team.id }))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {planning.teams.length === 0 && (
        <p className="muted">No teams: the planner assumes one team of 8 person-weeks per phase unless a service limit is set.</p>
      )}
      <button type="button" onClick={() => edit('Add team', (p) => addTeam(p, { name: `Team ${p.planning.teams.length + 1}` }))}>
        Add team
      </button>
    </div>
  );
}
