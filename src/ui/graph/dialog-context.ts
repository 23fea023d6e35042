import { createContext, useContext } from 'react';

/** The forms a node's menu can open. */
export type DialogRequest = { kind: 'taint' | 'untaint' | 'condition'; node: string };

export const DialogContext = createContext<(request: DialogRequest) => void>(() => {});

/** Opens one of the node forms; the host draws it once for the whole graph. */
export const useOpenDialog = () => useContext(DialogContext);
