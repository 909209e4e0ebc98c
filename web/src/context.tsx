import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createApi, type Api } from './lib/api.ts';
import type { Session } from './lib/session.ts';
import { followStream, type StreamStatus } from './lib/sse.ts';
import {
  addToFeed,
  createRefreshCoalescer,
  queryKeysFor,
  type FeedEntry,
  type LiveEvent,
} from './lib/live.ts';

interface SessionContextValue {
  session: Session;
  api: Api;
  signOut: () => void;
  /** admin and operator keys see stock; admin alone sees settings. */
  can: (what: 'operate' | 'admin') => boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider(props: { session: Session; signOut: () => void; children: ReactNode }) {
  const { session, signOut } = props;
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      api: createApi(session.apiKey),
      signOut,
      can: (what) => session.role === 'admin' || (what === 'operate' && session.role === 'operator'),
    }),
    [session, signOut],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

export const useApi = () => useSession().api;

interface LiveContextValue {
  status: StreamStatus;
  detail: string | undefined;
  recent: LiveEvent[];
  /** The activity feed: recent events, runs of one bulk kind folded into one line. */
  feed: FeedEntry[];
  lastEventId: string | undefined;
}

const LiveContext = createContext<LiveContextValue>({
  status: 'stopped',
  detail: undefined,
  recent: [],
  feed: [],
  lastEventId: undefined,
});

const RECENT = 50;

/**
 * Follows /v1/events/stream for the whole signed-in session: events refresh the queries they
 * concern (each at most once a second, however fast events come), and the last few are listed
 * on the overview.
 */
export function LiveProvider(props: { children: ReactNode }) {
  const { session, can } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveContextValue>({
    status: 'connecting',
    detail: undefined,
    recent: [],
    feed: [],
    lastEventId: undefined,
  });
  const lastId = useRef<string | undefined>(undefined);
  const enabled = can('operate');

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const refresher = createRefreshCoalescer((keys) => {
      // A fetch already on its way is left to finish (cancelRefetch: false): restarting it at every
      // refresh would keep a slow list (a loaded server, a long SKU list) loading for as long as
      // events keep coming; the next refresh after it fetches again.
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
    });
    void followStream({
      url: '/v1/events/stream',
      apiKey: session.apiKey,
      lastEventId: lastId.current,
      signal: abort.signal,
      onStatus: (status, detail) => setState((s) => ({ ...s, status, detail })),
      onMessage: (m) => {
        let event: LiveEvent;
        try {
          event = JSON.parse(m.data) as LiveEvent;
        } catch {
          return;
        }
        lastId.current = m.id;
        setState((s) => ({
          ...s,
          lastEventId: m.id,
          recent: [event, ...s.recent].slice(0, RECENT),
          feed: addToFeed(s.feed, event, RECENT),
        }));
        refresher.add(queryKeysFor(event));
      },
    });
    return () => {
      abort.abort();
      refresher.stop();
    };
  }, [enabled, session.apiKey, queryClient]);

  return (
    <LiveContext.Provider value={enabled ? state : { ...state, status: 'stopped' }}>
      {props.children}
    </LiveContext.Provider>
  );
}

export const useLive = () => useContext(LiveContext);
