import type { MouseEvent } from 'react';
import { setView } from './layout-state';

export const GRAPH_ID = 'graph';

/** The first Tab stop: past the header, straight to the graph (switching to the Graph view if the tables show). */
export function SkipLink() {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setView('graph');
    let frames = 0;
    const focus = () => {
      const graph = document.getElementById(GRAPH_ID);
      if (graph) graph.focus();
      else if (++frames < 30) requestAnimationFrame(focus);
    };
    focus();
  };
  return (
    <a className="skip-link" href={`#${GRAPH_ID}`} onClick={onClick}>
      Skip to the graph
    </a>
  );
}
