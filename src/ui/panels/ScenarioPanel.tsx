import { openDefaultCluster } from '../actions';
import { useSim } from '../store';
import { ScenarioExpectations } from './ScenarioExpectations';

/** Up to this many characters, a description shows open; a longer one is a click away, so the expectations stay in view. */
const OPEN_DESCRIPTION_CHARS = 240;

/** The loaded scenario file: its name, description and expectations, and the way back to the default cluster. */
export function ScenarioPanel() {
  const scenario = useSim((s) => s.config.scenario);
  if (!scenario) return <p className="muted empty-state">No scenario file is loaded: the Scenario menu opens one.</p>;
  return (
    <div className="scenario-info">
      <div className="scenario-title">
        <p>
          <strong>Scenario:</strong> {scenario.name} <span className="muted">({scenario.fileName})</span>
        </p>
        <button type="button" onClick={openDefaultCluster}>
          Close scenario
        </button>
      </div>
      <p className="muted scenario-note">Reset (in the Scenario menu) replays this scenario from t = 0; Close scenario returns to the default cluster.</p>
      {scenario.description && (
        <details className="scenario-description" open={scenario.description.length <= OPEN_DESCRIPTION_CHARS}>
          <summary>About this scenario</summary>
          <p className="muted">{scenario.description}</p>
        </details>
      )}
      {scenario.expectations.length > 0 && <ScenarioExpectations expectations={scenario.expectations} />}
    </div>
  );
}
