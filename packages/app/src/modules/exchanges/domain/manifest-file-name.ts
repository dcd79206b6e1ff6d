/**
 * The name a printed manifest is saved under: the mechanism, the stage and its date, so that a
 * folder of a day's manifests says which is which (issue 16: every one was `manifest.pdf`).
 * Letters of any script are kept; for the plain `filename` of a download, an ASCII form.
 */
export function manifestFileName(
  manifest: {
    mechanism: { name: string };
    stage: { number: number; date: string };
  },
  options: { prefix?: 'manifest' | 'receipt' | 'receipts'; recordId?: string } = {},
): { name: string; ascii: string } {
  const prefix = options.prefix ?? 'manifest';
  // Marks are dropped for the ASCII form only: NFKD would make a Ukrainian ї an і, й an и.
  const slug = (text: string) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
  // A receipt names its person by record id: ASCII by the list format's rules, kept as it is.
  const record = options.recordId ? `-${options.recordId.replace(/[^A-Za-z0-9_.-]+/g, '-')}` : '';
  const tail = `stage-${manifest.stage.number}-${manifest.stage.date}${record}.pdf`;
  const mechanism = slug(manifest.mechanism.name);
  const asciiMechanism = slug(manifest.mechanism.name.normalize('NFKD').replace(/\p{M}/gu, ''))
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return {
    name: `${prefix}-${mechanism || 'mechanism'}-${tail}`,
    ascii: `${prefix}-${asciiMechanism || 'mechanism'}-${tail}`,
  };
}

/** A Content-Disposition header naming the file in any script, with an ASCII fallback. */
export const attachmentHeader = (file: { name: string; ascii: string }) =>
  `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
