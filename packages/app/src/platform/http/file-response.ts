import { z } from 'zod';

const bytes = z.string().meta({ format: 'binary' });

/** The media types of the files the API sends. */
export const MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * A route's answer that is a file of one of the formats, or JSON as `json` describes it: the
 * response schema that /docs and the web's generated types show. A file is sent as it is, unchecked.
 */
export function fileResponse<Json extends z.ZodType = z.ZodNever>(
  formats: ReadonlyArray<keyof typeof MEDIA_TYPES>,
  json?: Json,
) {
  return {
    description: json ? 'JSON, or the file in the format asked for' : 'The file',
    content: {
      ...(json ? { 'application/json': { schema: json } } : {}),
      ...Object.fromEntries(formats.map((format) => [MEDIA_TYPES[format], { schema: bytes }])),
    },
  };
}
