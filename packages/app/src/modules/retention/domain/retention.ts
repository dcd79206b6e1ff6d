/** The categories of data with a retention period, and what expiry does to each. */
export const RETENTION_CATEGORIES = {
  health: 'health data of list versions older than the period (the lines themselves stay)',
  superseded_versions:
    'list versions that a newer version of the same list replaced, older than the period',
  sessions: 'sign-in sessions that expired longer ago than the period',
  inquiries_closed:
    "families' inquiries closed longer ago than the period, with their inquirers and history (not those under a legal hold)",
  inquiries_answered:
    "families' inquiries answered (handed over, remains identified) and unchanged for longer than the period, with their inquirers and history (not those under a legal hold)",
} as const;

export type RetentionCategory = keyof typeof RETENTION_CATEGORIES;

export function isRetentionCategory(value: string): value is RetentionCategory {
  return Object.hasOwn(RETENTION_CATEGORIES, value);
}

/** The moment before which data of a category has expired. */
export function cutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
