import { SettingsForm } from '../panels/SettingsForm';
import { Popover } from './Popover';

/** The Settings menu: the control plane's flags, in a panel under the header. */
export function SettingsMenu() {
  return (
    <Popover label="Settings" title="Settings" className="settings-popover">
      {() => (
        <div className="menu-panel menu-panel-wide">
          <h2 className="menu-panel-title">Settings (controller, kubelet and admission flags)</h2>
          <SettingsForm />
        </div>
      )}
    </Popover>
  );
}
