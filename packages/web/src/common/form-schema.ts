import { schemaResolver, type FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';

type Schema = Parameters<typeof schemaResolver>[0];

/**
 * Checks a form by the schema the server checks its request with (the kernel's), before it is
 * sent, and words each error in the reader's language: the schema's own messages are English,
 * kept for the server's logs. A field's message is `<prefix>.<path>` where the form words one,
 * else the common "not valid" sentence. The form's paths are the request's.
 */
export function validateBySchema<Values>(
  schema: Schema,
  t: TFunction,
  prefix: string,
  /** The request the form's values make (its `transformValues`), when it is not the values as they are. */
  toRequest: (values: Values) => unknown = (values) => values,
) {
  const resolve = schemaResolver(schema, { sync: true });
  return (values: Values): FormErrors =>
    Object.fromEntries(
      Object.keys(resolve(toRequest(values))).map((path) => [
        path,
        t(`${prefix}.${path}`, { defaultValue: t('common.invalidValue') }),
      ]),
    );
}
