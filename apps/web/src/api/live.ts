/**
 * Server-Sent Events over fetch (not EventSource, which cannot send the
 * Authorization header a logged-in user needs): calls `onMessage` with each
 * event's data, reconnects after a drop, and reports its state.
 */
import { authHeaders, refreshSession } from './client';

export type LiveState = 'connecting' | 'live' | 'failed';

export function openLive(url: string, onMessage: (data: string) => void, onState: (state: LiveState) => void): () => void {
  const ac = new AbortController();
  let failures = 0;

  const run = async () => {
    while (!ac.signal.aborted) {
      onState('connecting');
      try {
        const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...authHeaders() }, signal: ac.signal, cache: 'no-store' });
        if (res.status === 401) {
          // An expired access token: renew it and reconnect at once; a session that is over stops the stream.
          if (await refreshSession()) continue;
          onState('failed');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        failures = 0;
        onState('live');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            const data = block
              .split(/\r?\n/)
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).replace(/^ /, ''))
              .join('\n');
            if (data) onMessage(data);
          }
        }
      } catch {
        if (ac.signal.aborted) return;
        failures += 1;
      }
      if (ac.signal.aborted) return;
      if (failures >= 3) onState('failed');
      await new Promise((r) => setTimeout(r, Math.min(15_000, 1000 * 2 ** Math.min(failures, 4))));
    }
  };
  void run();
  return () => ac.abort();
}
