// The `?` help: every shortcut, from the same table the key handler reads.
import { useModalDialog } from './use-modal-dialog';
import { JUMP_HELP, SHORTCUTS } from './shortcuts';

export function HelpDialog({ onClose }: { onClose(): void }) {
  const dialog = useModalDialog();

  return (
    <dialog ref={dialog} className="help-dialog" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.command}>
              <th scope="row">
                <kbd>{shortcut.label}</kbd>
              </th>
              <td>{shortcut.description}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <kbd>{JUMP_HELP.label}</kbd>
            </th>
            <td>{JUMP_HELP.description}</td>
          </tr>
        </tbody>
      </table>
      <p>Keys typed in the terminal stay in the terminal. Swipe left or right on a touch screen.</p>
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
