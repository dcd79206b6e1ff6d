/**
 * The language to open in: the one chosen in this browser before, else the first of the
 * browser's languages that Parley has (by its primary subtag), else the fallback.
 */
export function initialLanguageOf<Code extends string>(
  available: readonly Code[],
  stored: string | null,
  browserLanguages: readonly string[],
  fallback: Code,
): Code {
  const primary = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  for (const tag of [...(stored ? [stored] : []), ...browserLanguages]) {
    const found = available.find((code) => code === primary(tag));
    if (found) return found;
  }
  return fallback;
}
