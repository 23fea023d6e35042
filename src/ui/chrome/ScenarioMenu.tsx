import { openDefaultCluster, reset } from '../actions';
import { useSim } from '../store';
import { Popover } from './Popover';
import { pickScenarioFile } from './ScenarioFile';

/** The Scenario menu: open a file (or drop one anywhere), restart what is loaded, close the scenario. */
export function ScenarioMenu() {
  const scenario = useSim((s) => s.config.scenario);
  const ready = useSim((s) => s.session.status === 'running');
  return (
    <Popover label="Scenario" title="Scenario">
      {(close) => (
        <div className="menu-panel">
          <p className="menu-panel-note">
            {scenario ? (
              <>
                Loaded: <strong>{scenario.name}</strong> <span className="muted">({scenario.fileName})</span>
              </>
            ) : (
              <>The default cluster (three zones, three nodes each) is running.</>
            )}
          </p>
          <button type="button" onClick={() => (close(), pickScenarioFile())}>
            Open scenario file…
          </button>
          <p className="muted menu-panel-note">or drop a file anywhere on the page. An invalid file leaves the cluster as it is.</p>
          <button type="button" disabled={!ready} onClick={() => (close(), reset())}>
            Reset
          </button>
          <p className="muted menu-panel-note">Restarts {scenario ? 'this scenario' : 'the cluster, with its seed and settings,'} from t = 0, still playing if it was.</p>
          {scenario && (
            <button type="button" onClick={() => (close(), openDefaultCluster())}>
              Close scenario
            </button>
          )}
        </div>
      )}
    </Popover>
  );
}
