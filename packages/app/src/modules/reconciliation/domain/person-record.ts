import type { LinkRecord } from '@parley/engine';
import type { PersonLine } from '@parley/kernel/person-record';

/**
 * A list line as the linkage engine sees it, under the list format's column names; a name
 * given only in Latin stands in for the missing Cyrillic one, since the keys meet across scripts.
 */
export function toLinkRecord(line: PersonLine): LinkRecord {
  return {
    id: line.recordId,
    fields: {
      surname: line.surname ?? line.surnameLatin,
      given_name: line.givenName ?? line.givenNameLatin,
      patronymic: line.patronymic,
      date_of_birth: line.dateOfBirth,
      service_number: line.serviceNumber,
      unit: line.unit,
      place_of_birth: line.placeOfBirth,
      sex: line.sex,
    },
  };
}
