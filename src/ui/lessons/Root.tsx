/** The page: the home screen (with the file input, so a lesson file opens from it) or the app. */
import { App } from '../App';
import { ScenarioFile } from '../chrome/ScenarioFile';
import { HomeScreen } from './HomeScreen';
import { useHome } from './open-lesson';
import { EmbedApp } from '../EmbedApp';
import { EMBED } from '../embed';

export function Root() {
  const home = useHome((s) => s.shown);
  if (EMBED) return <EmbedApp />;
  if (!home) return <App />;
  return (
    <>
      <ScenarioFile />
      <HomeScreen />
    </>
  );
}
