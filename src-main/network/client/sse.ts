// A server-sent events reader: text in arbitrary chunks → the `data:` payload of each event.
// Comment lines (": ping") count as a sign of life but carry no event.

export interface SseParser {
  /** Feeds a chunk; returns the complete events' data in order. */
  push(chunk: string): string[];
}

export function sseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  return {
    push(chunk) {
      buffer += chunk;
      const out: string[] = [];
      let nl: number;
      while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
        const line = buffer.slice(0, nl);
        // "\r\n" is one line end: a lone "\r" at the chunk's end waits for its "\n".
        if (buffer[nl] === '\r' && nl + 1 === buffer.length) break;
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length) out.push(data.join('\n'));
          data = [];
        } else if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
        // Other fields (event:, id:, retry:) and comments are not used by the journal.
      }
      return out;
    },
  };
}
