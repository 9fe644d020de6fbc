import { Fragment } from 'react';
import { SCOPE_NOTE, shortcutReference } from '../../shared/commands/shortcutReference';
import { keyTable } from '../platform/keys';
import { setShortcutsOpen, useUi } from '../state/uiStore';
import { Modal } from '../widgets/Modal';
import './commands.css';

// Help > Keyboard Shortcuts (and the palette's "Keyboard shortcuts"): every key of this platform and host, made
// from the one command table, as docs/shortcuts.md is.

export function ShortcutsDialog() {
  const open = useUi((state) => state.shortcutsOpen);
  return open ? <Shortcuts /> : null;
}

function Shortcuts() {
  const rows = shortcutReference(keyTable().platform, keyTable().host);
  const categories = [...new Set(rows.map((row) => row.category))];
  const close = () => setShortcutsOpen(false);
  return (
    <Modal
      title="Keyboard shortcuts"
      wide
      onCancel={close}
      footer={
        <button type="button" className="primary" data-autofocus onClick={close}>
          Close
        </button>
      }
    >
      <table className="shortcuts-table">
        {categories.map((category) => (
          <tbody key={category}>
            <tr>
              <th scope="rowgroup" colSpan={3}>
                {category}
              </th>
            </tr>
            {rows
              .filter((row) => row.category === category)
              .map((row) => (
                <tr key={row.id}>
                  <td>{row.label}</td>
                  <td>
                    {row.keys.map((key, i) => (
                      <Fragment key={key}>
                        {i > 0 && ' or '}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <td className="shortcuts-where">{SCOPE_NOTE[row.scope]}</td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </Modal>
  );
}
