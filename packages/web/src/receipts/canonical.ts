import canonicalize from 'canonicalize';

/** A document's RFC 8785 canonical JSON, the text whose SHA-256 is signed. */
export function canonicalText(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error('the document has no canonical JSON form');
  return text;
}

/** The SHA-256 of a text's UTF-8 bytes, hex, computed in this browser. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
