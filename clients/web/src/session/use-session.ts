import { useSyncExternalStore } from 'react';
import { sessionState, subscribe, type SessionState } from './session';

export const useSession = (): SessionState => useSyncExternalStore(subscribe, sessionState);
