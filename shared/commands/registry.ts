import type { Project } from '../model/project';
import { assignModules } from './assign';
import { addLink, removeLink, updateLink } from './links';
import { moveNodes, setViewport } from './layout';
import { addDependency, addModule, deleteModule, removeDependency, renameModule, updateModule } from './modules';
import { addPhase, addTeam, pinService, removePhase, removeTeam, updatePhase, updatePlanning, updateTeam } from './phases';
import { deleteScenario, duplicateScenario, renameScenario, switchScenario } from './scenarios';
import { createService, deleteService, pasteServices, renameService, updateService } from './services';

// Every document command, registered once with an id and a label: a pure edit (project, args) -> project, which the
// app applies as one undo step through renderer/state/edit.ts (history: shared/commands/history.ts).
// Keys are not here: a key runs an app command (shared/commands/appCommands.ts), which knows what is selected and
// on screen and calls these edits with their arguments (Move to service… -> module.assign, Delete -> service.delete).

interface CommandSpec<A> {
  label: string;
  /** Its family. */
  group: 'Services' | 'Modules' | 'Dependencies' | 'Links' | 'Canvas' | 'Roadmap' | 'Scenarios';
  run: (project: Project, args: A) => Project;
}

const spec = <A>(value: CommandSpec<A>): CommandSpec<A> => value;

export const COMMANDS = {
  'service.create': spec({ label: 'New service', group: 'Services', run: createService }),
  'service.rename': spec({ label: 'Rename service', group: 'Services', run: renameService }),
  'service.update': spec({ label: 'Edit service', group: 'Services', run: updateService }),
  'service.delete': spec({ label: 'Delete service', group: 'Services', run: deleteService }),
  'service.paste': spec({ label: 'Paste services', group: 'Services', run: pasteServices }),
  'module.assign': spec({ label: 'Move to service…', group: 'Modules', run: assignModules }),
  'module.add': spec({ label: 'Add module', group: 'Modules', run: addModule }),
  'module.rename': spec({ label: 'Rename module', group: 'Modules', run: renameModule }),
  'module.update': spec({ label: 'Edit module', group: 'Modules', run: updateModule }),
  'module.delete': spec({ label: 'Delete module', group: 'Modules', run: deleteModule }),
  'dependency.add': spec({ label: 'Add dependency', group: 'Dependencies', run: addDependency }),
  'dependency.remove': spec({ label: 'Remove dependency', group: 'Dependencies', run: removeDependency }),
  'link.add': spec({ label: 'Add planned link', group: 'Links', run: addLink }),
  'link.update': spec({ label: 'Edit planned link', group: 'Links', run: updateLink }),
  'link.remove': spec({ label: 'Remove planned link', group: 'Links', run: removeLink }),
  'canvas.moveNodes': spec({ label: 'Move nodes', group: 'Canvas', run: moveNodes }),
  'canvas.setViewport': spec({ label: 'Set viewport', group: 'Canvas', run: setViewport }),
  'phase.add': spec({ label: 'Add phase', group: 'Roadmap', run: addPhase }),
  'phase.update': spec({ label: 'Edit phase', group: 'Roadmap', run: updatePhase }),
  'phase.remove': spec({ label: 'Remove phase', group: 'Roadmap', run: removePhase }),
  'service.pin': spec({ label: 'Pin service to phase…', group: 'Roadmap', run: pinService }),
  'planning.update': spec({ label: 'Planning settings', group: 'Roadmap', run: updatePlanning }),
  'team.add': spec({ label: 'Add team', group: 'Roadmap', run: addTeam }),
  'team.update': spec({ label: 'Edit team', group: 'Roadmap', run: updateTeam }),
  'team.remove': spec({ label: 'Remove team', group: 'Roadmap', run: removeTeam }),
  'scenario.duplicate': spec({ label: 'Duplicate scenario', group: 'Scenarios', run: duplicateScenario }),
  'scenario.rename': spec({ label: 'Rename scenario', group: 'Scenarios', run: renameScenario }),
  'scenario.switch': spec({ label: 'Switch to scenario…', group: 'Scenarios', run: switchScenario }),
  'scenario.delete': spec({ label: 'Delete scenario', group: 'Scenarios', run: deleteScenario }),
} as const;

export type CommandId = keyof typeof COMMANDS;
export type CommandArgs<K extends CommandId> = Parameters<(typeof COMMANDS)[K]['run']>[1];

/** Runs a registered command. Throws CommandError when the arguments are refused. */
export function runCommand<K extends CommandId>(project: Project, id: K, args: CommandArgs<K>): Project {
  const command = COMMANDS[id] as unknown as CommandSpec<CommandArgs<K>>;
  return command.run(project, args);
}

export interface CommandInfo {
  id: CommandId;
  label: string;
  group: string;
}

/** Every document command, in registration order. */
export const COMMAND_LIST: readonly CommandInfo[] = (Object.keys(COMMANDS) as CommandId[]).map((id) => {
  const command: CommandSpec<never> = COMMANDS[id] as unknown as CommandSpec<never>;
  return { id, label: command.label, group: command.group };
});
