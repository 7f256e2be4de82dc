// What a client asked for in Accept and Accept-Encoding, decided the way the answer will be made,
// so that the response cache keeps one answer per outcome and not per spelling of the header.

// Yoga's result processors in the order it tries them; within one, its media types in order.
const PROCESSOR_MEDIA_TYPES = [['text/event-stream'], ['multipart/mixed'], ['application/graphql-response+json', 'application/json']];

/**
 * The media type Yoga answers a query in, given the request's Accept header (as Yoga's
 * result processors decide it: the last match wins); null when it will refuse with 406.
 */
export function negotiatedMediaType(accept: string | undefined): string | null {
  return remembered(mediaTypes, accept ?? '', () => mediaTypeFor(accept));
}

function mediaTypeFor(accept: string | undefined): string | null {
  const asked = (accept || '*/*')
    .replace(/\s/g, '')
    .toLowerCase()
    .split(',')
    .filter((entry) => (entry.split(';').slice(1).find((param) => param.includes('charset=')) ?? 'charset=utf-8') === 'charset=utf-8')
    .map((entry) => entry.split(';')[0]!)
    .reverse();
  let chosen: string | null = null;
  for (const mediaTypes of PROCESSOR_MEDIA_TYPES) {
    for (const askedType of asked) {
      for (const mediaType of mediaTypes) if (matches(mediaType, askedType)) chosen = mediaType;
    }
  }
  return chosen;
}

function matches(mediaType: string, asked: string): boolean {
  const [type, subtype] = mediaType.split('/');
  const [askedType, askedSubtype] = asked.split('/');
  return (askedType === '*' || askedType === type) && (askedSubtype === '*' || askedSubtype === subtype);
}

export const CONTENT_CODINGS = ['br', 'gzip'] as const;
export type ContentCoding = (typeof CONTENT_CODINGS)[number];

/**
 * The coding to send an answer in, by the q-values of Accept-Encoding (RFC 9110 12.5.3): the
 * highest wins, br before gzip on a tie; null for the bytes as they are.
 */
export function negotiatedCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (!acceptEncoding) return null;
  return remembered(codings, acceptEncoding, () => codingFor(acceptEncoding));
}

function codingFor(acceptEncoding: string): ContentCoding | null {
  const weights = new Map<string, number>();
  for (const entry of acceptEncoding.toLowerCase().split(',')) {
    const [coding, ...params] = entry.split(';').map((part) => part.trim());
    if (!coding) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  let chosen: ContentCoding | null = null;
  let best = 0;
  for (const coding of CONTENT_CODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > best) {
      chosen = coding;
      best = weight;
    }
  }
  return chosen;
}

// Clients send a handful of distinct Accept and Accept-Encoding headers, each on every request:
// the decision for each is made once and remembered, within a bound against arbitrary headers.
const REMEMBERED_HEADERS = 256;
const mediaTypes = new Map<string, string | null>();
const codings = new Map<string, ContentCoding | null>();

function remembered<T>(decisions: Map<string, T>, header: string, decide: () => T): T {
  if (decisions.has(header)) return decisions.get(header)!;
  if (decisions.size >= REMEMBERED_HEADERS) decisions.clear();
  const decision = decide();
  decisions.set(header, decision);
  return decision;
}
