import type { LinkRecord } from '../link/record.ts';

/** A key of a record: a text, several texts (the record stands in each block), or none. */
export type BlockingKey = string | readonly string[] | null;

/** A blocking rule: records whose keys are equal (and not null) become candidate pairs. */
export interface BlockingRule {
  readonly name: string;
  /**
   * The fields the key is made of. Training learns nothing of these fields from the pairs this
   * rule finds, since the rule chose those pairs for agreeing on them.
   */
  readonly fields: readonly string[];
  readonly key: (record: LinkRecord) => BlockingKey;
  /**
   * Keys that split a block too big to compare whole, tried in turn: the block's records are
   * paired within the parts that agree on the next key too. A refinement with several keys puts
   * a record in several parts (agreeing on any of them is enough); a record without one stands
   * in every part of its block.
   */
  readonly refinements?: readonly ((record: LinkRecord) => BlockingKey)[];
}

/** A rule on the values of some fields, each through an optional transform; null if any is empty. */
export function fieldsRule(
  fields: readonly string[],
  transform: (value: string, field: string) => string = (value) => value.trim().toLowerCase(),
  refinements?: BlockingRule['refinements'],
): BlockingRule {
  return {
    name: fields.join(' + '),
    fields,
    key(record) {
      const parts: string[] = [];
      for (const field of fields) {
        const value = record.fields[field];
        const part = value === null || value === undefined ? '' : transform(value, field);
        if (part.length === 0) return null;
        parts.push(part);
      }
      return parts.join('\u0000');
    },
    refinements,
  };
}

/** The texts of a key: none, one or several. */
export const keyTexts = (key: BlockingKey): readonly string[] =>
  key === null ? [] : typeof key === 'string' ? [key] : key;
