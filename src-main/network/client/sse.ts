// A server-sent events reader: text in arbitrary chunks → the complete events, each with its
// `event:` name ('message' when absent) and its `data:` payload. Comment lines (": ping") are
// signs of life but carry no event.

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds a chunk; returns the events it completed, in order. */
  push(chunk: string): SseEvent[];
}

export function sseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  return {
    push(chunk) {
      buffer += chunk;
      const out: SseEvent[] = [];
      let nl: number;
      while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
        // "\r\n" is one line end: a lone "\r" at the chunk's end waits for its "\n".
        if (buffer[nl] === '\r' && nl + 1 === buffer.length) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length) out.push({ event: event || 'message', data: data.join('\n') });
          data = [];
          event = '';
        } else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
        else if (line.startsWith('event:')) event = line.slice(line[6] === ' ' ? 7 : 6);
        // id:, retry: and comments are not used by the journal.
      }
      return out;
    },
  };
}
