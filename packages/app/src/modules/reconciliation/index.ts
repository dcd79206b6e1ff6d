export { linkFiles, type LinkFilesRequest, type LinkFilesResult } from './link-files.ts';
export { toLinkRecord } from './domain/person-record.ts';
