// Server-sent events, read from a fetch stream (EventSource cannot send Authorization): frames
// are separated by a blank line; `data:` lines carry the payload, `event:` its name, and lines
// starting with ':' are comments (the host's `: open` and `: ping`).

export interface SseFrame {
  event: string;
  data: string;
}

/** Feeds text chunks as they arrive; calls onFrame for every complete frame, comments included as event 'comment'. */
export function createSseParser(onFrame: (f: SseFrame) => void): (chunk: string) => void {
  let buf = '';
  return (chunk) => {
    buf += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      let comment = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comment = true;
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onFrame({ event, data: data.join('\n') });
      else if (comment) onFrame({ event: 'comment', data: block.slice(1).trim() });
    }
  };
}

/** Wait before the n-th reconnect (0-based): 0.5 s doubling to 10 s, so a restarted host is found fast. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
}
